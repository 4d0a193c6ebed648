package protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Collects body bytes in an array that grows as they arrive, never past what was announced or allowed. Whatever
 * frames the body (HTTP/1 Content-Length or chunks, later HTTP/2 DATA frames) fills one. Not thread-safe.
 */
public final class BodyBuffer {

    private static final int INITIAL_CAPACITY = 8192;
    private static final byte[] NONE = new byte[0];

    private byte[] bytes = NONE;
    private int length;

    /** An empty buffer; its array is allocated with the first bytes. */
    public BodyBuffer() {}

    /** Copies {@code n} bytes from {@code buf}; {@code expectedTotal} caps the growth of the array. */
    public void append(ByteBuffer buf, int n, long expectedTotal) {
        long needed = (long) length + n;
        if (needed > bytes.length) {
            long grown = Math.max(needed, Math.max(INITIAL_CAPACITY, (long) bytes.length * 2));
            bytes = Arrays.copyOf(bytes, (int) Math.min(grown, Math.max(needed, expectedTotal)));
        }
        buf.get(bytes, length, n);
        length += n;
    }

    /** The number of bytes collected. */
    public int length() {
        return length;
    }

    /** Hands the bytes over as a {@link Body} and starts empty again. */
    public Body take() {
        Body body = Body.wrap(bytes, length);
        bytes = NONE;
        length = 0;
        return body;
    }
}
