package protocol;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/** An immutable sequence of body bytes, equal to another with the same content. */
public final class Body {

    /** The body of zero bytes. */
    public static final Body EMPTY = new Body(new byte[0], 0);

    private final byte[] bytes;
    private final int length;

    private Body(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }

    /** A body holding a copy of the given bytes. */
    public static Body of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return bytes.length == 0 ? EMPTY : new Body(bytes.clone(), bytes.length);
    }

    /** Takes ownership of the first {@code length} bytes of {@code bytes}, which the caller no longer touches. */
    static Body wrap(byte[] bytes, int length) {
        return length == 0 ? EMPTY : new Body(bytes, length);
    }

    /** The number of bytes. */
    public int length() {
        return length;
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return Arrays.copyOf(bytes, length);
    }

    /** A stream reading the bytes. */
    public InputStream stream() {
        return new ByteArrayInputStream(bytes, 0, length);
    }

    /** A read-only buffer over the bytes, positioned at 0. */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(bytes, 0, length).slice().asReadOnlyBuffer();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Body other && Arrays.equals(bytes, 0, length, other.bytes, 0, other.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < length; i++) {
            h = 31 * h + bytes[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return "Body[" + length + " bytes]";
    }
}
