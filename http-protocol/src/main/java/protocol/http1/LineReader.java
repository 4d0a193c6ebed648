package protocol.http1;

import java.nio.ByteBuffer;
import java.util.Arrays;

import protocol.ProtocolException;

/**
 * Collects one CRLF-terminated line, across as many buffers as it takes, into a bounded reusable array.
 * Only CRLF ends a line: a bare CR or a bare LF is refused (RFC 9112 §2.2 allows a recipient to reject
 * the lenient forms; accepting them is how request smuggling between parsers starts).
 */
final class LineReader {

    private static final int INITIAL_CAPACITY = 256;

    private byte[] line = new byte[INITIAL_CAPACITY];
    private int length;
    private boolean sawCr;
    private int limit;
    private ProtocolException.Reason overflow;

    /** Starts a new line of at most {@code limit} bytes (CRLF excluded); a longer one fails with {@code overflow}. */
    void begin(int limit, ProtocolException.Reason overflow) {
        this.limit = limit;
        this.overflow = overflow;
        this.length = 0;
        this.sawCr = false;
    }

    /** Lets go of an array grown past the initial capacity, so that a parser between requests stays small. */
    void shrink() {
        if (line.length > INITIAL_CAPACITY) {
            line = new byte[INITIAL_CAPACITY];
        }
    }

    /**
     * Consumes bytes up to and including the line's LF. Returns whether the line is complete; if not, every
     * remaining byte of {@code buf} was consumed.
     */
    boolean read(ByteBuffer buf) throws ProtocolException {
        int pos = buf.position();
        int end = buf.limit();
        try {
            while (pos < end) {
                byte b = buf.get(pos++);
                if (sawCr) {
                    if (b != '\n') {
                        throw new ProtocolException(ProtocolException.Reason.BARE_CR);
                    }
                    return true;
                }
                if (b == '\r') {
                    sawCr = true;
                } else if (b == '\n') {
                    throw new ProtocolException(ProtocolException.Reason.BARE_LF);
                } else {
                    append(b);
                }
            }
            return false;
        } finally {
            buf.position(pos);
        }
    }

    private void append(byte b) throws ProtocolException {
        if (length == limit) {
            throw new ProtocolException(overflow);
        }
        if (length == line.length) {
            line = Arrays.copyOf(line, (int) Math.min((long) line.length * 2, Math.max(limit, INITIAL_CAPACITY)));
        }
        line[length++] = b;
    }

    /** The line's bytes; valid up to {@link #length()} until the next {@link #begin}. */
    byte[] bytes() {
        return line;
    }

    /** The line's length without CRLF. */
    int length() {
        return length;
    }

    /** Whether any byte of the current line was consumed. */
    boolean started() {
        return length > 0 || sawCr;
    }
}
