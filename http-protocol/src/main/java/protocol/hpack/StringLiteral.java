package protocol.hpack;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import protocol.hpack.HpackException.Reason;

/** The string literal of RFC 7541 §5.2: a Huffman flag, a 7-bit-prefix length, then that many octets. */
final class StringLiteral {

    private StringLiteral() {}

    /** Decodes a string literal from {@code in}, which holds the rest of the block. */
    static String decode(ByteBuffer in) throws HpackException {
        if (!in.hasRemaining()) {
            throw new HpackException(Reason.TRUNCATED);
        }
        int first = in.get() & 0xFF;
        int length = PrefixInteger.decode(in, first, 7);
        // Checked before anything is allocated, so a huge declared length costs nothing.
        if (length > in.remaining()) {
            throw new HpackException(Reason.STRING_PAST_BLOCK);
        }
        if ((first & 0x80) != 0) {
            return Huffman.decode(in, length);
        }
        byte[] octets = new byte[length];
        in.get(octets);
        return new String(octets, ISO_8859_1);
    }

    /**
     * Writes {@code s}, Huffman-coded when {@code huffman} allows and the code is no longer than the octets; the
     * examples of RFC 7541 Appendix C.4 and C.6 code a tie (":status: 307") too.
     */
    static void encode(ByteArrayOutputStream out, String s, boolean huffman) {
        long coded = huffman ? Huffman.encodedLength(s) : Long.MAX_VALUE;
        if (coded <= s.length()) {
            PrefixInteger.encode(out, 0x80, 7, (int) coded);
            Huffman.encode(s, out);
        } else {
            PrefixInteger.encode(out, 0x00, 7, s.length());
            out.writeBytes(s.getBytes(ISO_8859_1));
        }
    }
}
