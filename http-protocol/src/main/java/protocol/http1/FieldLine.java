package protocol.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import protocol.Headers;
import protocol.ProtocolException;
import protocol.ProtocolException.Reason;
import protocol.syntax.ByteClass;

/** Parses one field line (RFC 9112 §5): {@code field-name ":" OWS field-value OWS}. */
final class FieldLine {

    private FieldLine() {}

    /** Parses the first {@code len} bytes of {@code line}: a non-empty line holding no CR or LF. */
    static Headers.Field parse(byte[] line, int len) throws ProtocolException {
        if (ByteClass.isWhitespace(line[0])) {
            // RFC 9112 §5.2: obs-fold outside message/http may be rejected with 400; we do, as it hides fields.
            throw new ProtocolException(Reason.OBS_FOLD);
        }
        int colon = 0;
        while (colon < len && ByteClass.is(line[colon], ByteClass.TCHAR)) {
            colon++;
        }
        if (colon == len || line[colon] != ':' || colon == 0) {
            // RFC 9112 §5.1: no whitespace between name and colon, and a server MUST answer it with 400.
            boolean spaceBeforeColon = colon > 0 && colon < len && ByteClass.isWhitespace(line[colon]);
            throw new ProtocolException(spaceBeforeColon ? Reason.WHITESPACE_BEFORE_COLON : Reason.INVALID_FIELD_NAME);
        }
        int start = colon + 1;
        int end = len;
        // RFC 9112 §5.1: leading and trailing OWS are not part of the value.
        while (start < end && ByteClass.isWhitespace(line[start])) {
            start++;
        }
        while (end > start && ByteClass.isWhitespace(line[end - 1])) {
            end--;
        }
        for (int i = start; i < end; i++) {
            // RFC 9110 §5.5: CR, LF and NUL MUST be rejected; we refuse every control but HTAB.
            if (!ByteClass.is(line[i], ByteClass.FIELD_CONTENT)) {
                throw new ProtocolException(Reason.INVALID_FIELD_VALUE);
            }
        }
        String name = new String(line, 0, colon, ISO_8859_1);
        if (name.equalsIgnoreCase("Content_Length") || name.equalsIgnoreCase("Transfer_Encoding")) {
            // Some gateways map '_' to '-' (CGI variables), so such a name could become a second framing field.
            throw new ProtocolException(Reason.UNDERSCORE_IN_FRAMING_NAME);
        }
        return new Headers.Field(name, new String(line, start, end - start, ISO_8859_1));
    }
}
