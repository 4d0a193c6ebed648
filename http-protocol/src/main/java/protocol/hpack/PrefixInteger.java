package protocol.hpack;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import protocol.hpack.HpackException.Reason;

/** The integer representation of RFC 7541 §5.1: an N-bit prefix, then 7 bits per continuation octet. */
final class PrefixInteger {

    /**
     * Continuation octets accepted: 2^31-1 less the smallest prefix maximum needs 31 bits, five octets of seven.
     * More than that only pads with zero groups, and bounding it bounds the work an integer can cost.
     */
    static final int MAX_CONTINUATIONS = 5;

    private PrefixInteger() {}

    /**
     * Decodes an integer whose first octet, {@code first}, has already been read; its low {@code prefixBits} bits
     * (1 to 8) start the value, and continuation octets are read from {@code in}.
     */
    static int decode(ByteBuffer in, int first, int prefixBits) throws HpackException {
        int max = (1 << prefixBits) - 1;
        int value = first & max;
        if (value < max) {
            return value;
        }
        long v = max;
        for (int i = 0; i < MAX_CONTINUATIONS; i++) {
            if (!in.hasRemaining()) {
                throw new HpackException(Reason.TRUNCATED);
            }
            int b = in.get() & 0xFF;
            v += (long) (b & 0x7F) << (7 * i);
            // Values are sizes and indices; RFC 7541 §5.1 lets a decoder cap them, and Java lengths stop at 2^31-1.
            if (v > Integer.MAX_VALUE) {
                throw new HpackException(Reason.INTEGER_OVERFLOW);
            }
            if ((b & 0x80) == 0) {
                return (int) v;
            }
        }
        throw new HpackException(Reason.INTEGER_OVERFLOW);
    }

    /** Writes {@code value} (not negative) with {@code flags} in the bits above its {@code prefixBits}-bit prefix. */
    static void encode(ByteArrayOutputStream out, int flags, int prefixBits, int value) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            out.write(flags | value);
            return;
        }
        out.write(flags | max);
        int rest = value - max;
        while (rest >= 0x80) {
            out.write((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.write(rest);
    }
}
