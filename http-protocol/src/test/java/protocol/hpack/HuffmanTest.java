package protocol.hpack;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import protocol.hpack.HpackException.Reason;

class HuffmanTest {

    private static String encode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Huffman.encode(s, out);
        return Hex.of(out.toByteArray());
    }

    private static String decode(String hex) throws HpackException {
        byte[] b = Hex.bytes(hex);
        ByteBuffer in = ByteBuffer.wrap(b);
        String s = Huffman.decode(in, b.length);
        assertEquals(b.length, in.position(), "consumes exactly its length");
        return s;
    }

    private static Reason refusal(String hex) {
        return assertThrows(HpackException.class, () -> decode(hex)).reason();
    }

    /** Appendix B is a canonical code: codes of one length consecutive, lengths in order, nothing left over. */
    @Test
    void tableIsTheCanonicalCompleteCodeOfItsLengths() {
        Integer[] order = new Integer[257];
        for (int s = 0; s <= 256; s++) {
            order[s] = s;
        }
        Arrays.sort(order, (a, b) -> HuffmanTable.length(a) != HuffmanTable.length(b)
                ? Integer.compare(HuffmanTable.length(a), HuffmanTable.length(b)) : Integer.compare(a, b));
        long code = 0;
        int previous = HuffmanTable.length(order[0]);
        for (int i = 0; i < order.length; i++) {
            int s = order[i];
            int length = HuffmanTable.length(s);
            if (i > 0) {
                code = (code + 1) << (length - previous);
            }
            previous = length;
            assertEquals(code, HuffmanTable.code(s), "code of symbol " + s);
        }
        // The last code is all ones: EOS, 30 bits.
        assertEquals((1L << 30) - 1, code);
        assertEquals(30, HuffmanTable.length(HuffmanTable.EOS));
    }

    @Test
    void everyOctetRoundTripsAloneAndTogether() throws HpackException {
        StringBuilder all = new StringBuilder();
        for (int b = 0; b < 256; b++) {
            String s = String.valueOf((char) b);
            assertEquals(s, decode(encode(s)), "octet " + b);
            assertEquals((HuffmanTable.length(b) + 7) / 8, Huffman.encodedLength(s), "length of octet " + b);
            all.append((char) b);
        }
        assertEquals(all.toString(), decode(encode(all.toString())));
        assertEquals(all.reverse().toString(), decode(encode(all.toString())));
    }

    /** The Huffman-coded strings of RFC 7541 Appendix C.4 and C.6. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            www.example.com | f1e3c2e5f23a6ba0ab90f4ff
            no-cache        | a8eb10649cbf
            custom-key      | 25a849e95ba97d7f
            custom-value    | 25a849e95bb8e8b4bf
            302             | 6402
            307             | 640eff
            private         | aec3771a4b
            Mon, 21 Oct 2013 20:13:21 GMT | d07abe941054d444a8200595040b8166e082a62d1bff
            Mon, 21 Oct 2013 20:13:22 GMT | d07abe941054d444a8200595040b8166e084a62d1bff
            https://www.example.com | 9d29ad171863c78f0b97c8e9ae82ae43d3
            gzip            | 9bd9ab
            foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1 | 94e7821dd7f2e6c7b335dfdfcd5b3960d5af27087f3672c1ab270fb5291f9587316065c003ed4ee5b1063d5007
            """)
    void appendixCStrings(String text, String hex) throws HpackException {
        assertEquals(hex, encode(text));
        assertEquals(hex.length() / 2, Huffman.encodedLength(text));
        assertEquals(text, decode(hex));
    }

    @Test
    void emptyStringIsNoOctets() throws HpackException {
        assertEquals("", encode(""));
        assertEquals("", decode(""));
    }

    @Test
    void paddingOfUpToSevenOnesIsAccepted() throws HpackException {
        // '0' is 00000: three bits of padding.
        assertEquals("0", decode("07"));
        // 'a' then '0' is 00011 00000: ten bits, six of padding.
        assertEquals("a0", decode("183f"));
        // '&' is 11111000: no padding at all.
        assertEquals("&", decode("f8"));
    }

    @Test
    void eightBitsOfPaddingAreRefused() {
        // '0' with its three bits of padding, then a whole octet of ones.
        assertEquals(Reason.HUFFMAN_PADDING_TOO_LONG, refusal("07ff"));
        // A lone octet of ones is eight bits of padding and no symbol.
        assertEquals(Reason.HUFFMAN_PADDING_TOO_LONG, refusal("ff"));
    }

    @Test
    void paddingThatIsNotAllOnesIsRefused() {
        // 'a' is 00011: padded with 000 instead of 111.
        assertEquals(Reason.HUFFMAN_PADDING_NOT_EOS, refusal("18"));
        // 'a' padded with 110.
        assertEquals(Reason.HUFFMAN_PADDING_NOT_EOS, refusal("1e"));
    }

    @Test
    void eosInsideTheStringIsRefused() {
        // Thirty ones are EOS, followed by two bits of padding.
        assertEquals(Reason.HUFFMAN_EOS, refusal("ffffffff"));
        // '0' (00000), then EOS, then padding: EOS is refused wherever it appears.
        assertEquals(Reason.HUFFMAN_EOS, refusal("07ffffffff"));
    }

    @Test
    void decodesOctetsAboveAscii() throws HpackException {
        String s = new String(new byte[] {(byte) 0x80, (byte) 0xFF, 0x00, 0x7F}, ISO_8859_1);
        assertEquals(s, decode(encode(s)));
    }
}
