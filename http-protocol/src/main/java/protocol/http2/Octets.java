package protocol.http2;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable sequence of bytes carried by a frame (data, a field block fragment, debug data), equal to another
 * with the same content. Slices share the bytes, so splitting a block into frames copies nothing.
 */
public final class Octets {

    /** The sequence of zero bytes. */
    public static final Octets EMPTY = new Octets(new byte[0], 0, 0);

    private final byte[] bytes;
    private final int offset;
    private final int length;

    private Octets(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
    }

    /** A copy of {@code bytes}. */
    public static Octets of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Octets(bytes.clone(), 0, bytes.length);
    }

    /** A copy of the remaining bytes of {@code buf}, whose position does not move. */
    public static Octets of(ByteBuffer buf) {
        byte[] copy = new byte[buf.remaining()];
        buf.get(buf.position(), copy);
        return copy.length == 0 ? EMPTY : new Octets(copy, 0, copy.length);
    }

    /** Takes ownership of {@code length} bytes of {@code bytes} at {@code offset}; the caller no longer touches them. */
    static Octets wrap(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return length == 0 ? EMPTY : new Octets(bytes, offset, length);
    }

    /** The number of bytes. */
    public int length() {
        return length;
    }

    /** The bytes from {@code from} (inclusive) to {@code to} (exclusive), sharing this sequence's storage. */
    public Octets slice(int from, int to) {
        Objects.checkFromToIndex(from, to, length);
        return to == from ? EMPTY : new Octets(bytes, offset + from, to - from);
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    /** A read-only buffer over the bytes, positioned at 0. */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(bytes, offset, length).slice().asReadOnlyBuffer();
    }

    /** Writes the bytes into {@code out}. */
    void writeTo(ByteBuffer out) {
        out.put(bytes, offset, length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Octets other
                && Arrays.equals(bytes, offset, offset + length, other.bytes, other.offset, other.offset + other.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + bytes[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return "Octets[" + length + " bytes]";
    }
}
