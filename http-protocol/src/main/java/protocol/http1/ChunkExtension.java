package protocol.http1;

import protocol.ProtocolException;
import protocol.ProtocolException.Reason;
import protocol.syntax.ByteClass;

/**
 * Checks chunk extensions (RFC 9112 §7.1.1):
 * {@code *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )}, where a name is a token and a value a
 * token or a quoted-string. Nothing else may follow the chunk size, not even trailing whitespace.
 */
final class ChunkExtension {

    private ChunkExtension() {}

    /** Validates {@code b[from, to)}, everything between the chunk size and CRLF. */
    static void validate(byte[] b, int from, int to) throws ProtocolException {
        // Whitespace after the size with no extension, or anything glued to the digits ("0x10", "5g"):
        // RFC 9112 §7.1 has no room for either, so the size itself is malformed.
        if (from < to && (allWhitespace(b, from, to) || (b[from] != ';' && !ByteClass.isWhitespace(b[from])))) {
            throw new ProtocolException(Reason.INVALID_CHUNK_SIZE);
        }
        int i = from;
        while (i < to) {
            i = skipWhitespace(b, i, to);
            if (i == to || b[i] != ';') {
                throw invalid();
            }
            i = skipWhitespace(b, i + 1, to);
            int nameEnd = tokenEnd(b, i, to);
            if (nameEnd == i) {
                throw invalid();
            }
            i = nameEnd;
            int j = skipWhitespace(b, i, to);
            if (j < to && b[j] == '=') {
                int v = skipWhitespace(b, j + 1, to);
                int end = v < to && b[v] == '"' ? quotedStringEnd(b, v + 1, to) : tokenEnd(b, v, to);
                if (end <= v) {
                    throw invalid();
                }
                i = end;
            }
        }
    }

    private static boolean allWhitespace(byte[] b, int from, int to) {
        return skipWhitespace(b, from, to) == to;
    }

    private static int skipWhitespace(byte[] b, int i, int to) {
        while (i < to && ByteClass.isWhitespace(b[i])) {
            i++;
        }
        return i;
    }

    private static int tokenEnd(byte[] b, int i, int to) {
        while (i < to && ByteClass.is(b[i], ByteClass.TCHAR)) {
            i++;
        }
        return i;
    }

    /** The index after the closing quote of a quoted-string whose content starts at {@code i} (RFC 9110 §5.6.4), or -1. */
    private static int quotedStringEnd(byte[] b, int i, int to) {
        while (i < to) {
            byte c = b[i];
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 == to || !ByteClass.is(b[i + 1], ByteClass.FIELD_CONTENT)) {
                    return -1;
                }
                i += 2;
            } else if (ByteClass.is(c, ByteClass.QDTEXT)) {
                i++;
            } else {
                return -1;
            }
        }
        return -1;
    }

    private static ProtocolException invalid() {
        return new ProtocolException(Reason.INVALID_CHUNK_EXTENSION);
    }
}
