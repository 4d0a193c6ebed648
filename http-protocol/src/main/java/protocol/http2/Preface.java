package protocol.http2;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.nio.ByteBuffer;

/**
 * The client connection preface (RFC 9113 §3.4): 24 fixed bytes, then a SETTINGS frame. On a cleartext listener
 * it tells HTTP/2 with prior knowledge (§3.3) from HTTP/1: an HTTP/1 request differs within its first bytes.
 */
public final class Preface {

    /** Length of the fixed preface. */
    public static final int LENGTH = 24;

    private static final byte[] BYTES = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(US_ASCII);

    /** What the bytes so far say. */
    public enum Match {
        /** The buffer starts with the whole preface. */
        PREFACE,
        /** The bytes so far are a proper prefix of the preface. */
        NEED_MORE,
        /** The bytes are not the preface: this is not HTTP/2 with prior knowledge. */
        NOT_PREFACE
    }

    private Preface() {}

    /** The preface, as a new read-only buffer positioned at 0. */
    public static ByteBuffer bytes() {
        return ByteBuffer.wrap(BYTES).asReadOnlyBuffer();
    }

    /**
     * Compares the remaining bytes of {@code in} with the preface, without moving its position, so that bytes that
     * are not the preface can go to the HTTP/1 parser as they are. On {@link Match#PREFACE} the caller skips
     * {@link #LENGTH} bytes; on {@link Match#NEED_MORE} it reads more and asks again with every byte so far.
     */
    public static Match match(ByteBuffer in) {
        int n = Math.min(in.remaining(), LENGTH);
        int at = in.position();
        for (int i = 0; i < n; i++) {
            if (in.get(at + i) != BYTES[i]) {
                return Match.NOT_PREFACE;
            }
        }
        return n == LENGTH ? Match.PREFACE : Match.NEED_MORE;
    }
}
