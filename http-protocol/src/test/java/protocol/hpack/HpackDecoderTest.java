package protocol.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;

import protocol.hpack.HpackException.Reason;

/** The decoder's limits, each at N and N + 1, and its refusals. */
class HpackDecoderTest {

    private static Reason refusal(HpackDecoder decoder, byte[] block) {
        return assertThrows(HpackException.class, () -> decoder.decode(ByteBuffer.wrap(block))).reason();
    }

    private static Reason refusal(String hex) {
        return refusal(new HpackDecoder(4096, 16384), Hex.bytes(hex));
    }

    /** A literal without indexing, new name: "a" and {@code n} octets 'b'; its list size is 33 + n. */
    private static byte[] literal(int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x00);
        StringLiteral.encode(out, "a", false);
        StringLiteral.encode(out, "b".repeat(n), false);
        return out.toByteArray();
    }

    @Test
    void headerListExactlyAtTheLimitIsAcceptedAndOneOctetMoreIsRefused() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(4096, 100);
        List<HeaderField> fields = decoder.decode(ByteBuffer.wrap(literal(67)));
        assertEquals(List.of(new HeaderField("a", "b".repeat(67))), fields);
        assertEquals(Reason.HEADER_LIST_TOO_LARGE, refusal(decoder, literal(68)));
    }

    @Test
    void headerListSizeCountsEveryField() throws HpackException {
        // Two fields of 50 (":method: GET" is 7 + 3 + 32 = 42; "a" + 17 octets + 32 = 50).
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(0x82);
        block.writeBytes(literal(17));
        byte[] twoFields = block.toByteArray();
        assertEquals(2, new HpackDecoder(4096, 92).decode(ByteBuffer.wrap(twoFields)).size());
        assertEquals(Reason.HEADER_LIST_TOO_LARGE, refusal(new HpackDecoder(4096, 91), twoFields));
    }

    @Test
    void tableSizeUpdateAtTheAdvertisedMaximumIsAcceptedAndOneMoreIsRefused() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(4096, 16384);
        // 001 and 4096 in a 5-bit prefix.
        assertEquals(List.of(), decoder.decode(Hex.buffer("3fe11f")));
        assertEquals(4096, decoder.table().capacity());
        assertEquals(Reason.TABLE_SIZE_UPDATE_TOO_LARGE, refusal(decoder, Hex.bytes("3fe21f")));
    }

    @Test
    void tableSizeUpdatesAtTheStartApplyInOrder() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(4096, 16384);
        decoder.decode(Hex.buffer("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572"));
        assertEquals(1, decoder.table().length());
        // Down to 0 (evicting everything), back to 4096, then a field.
        assertEquals(List.of(new HeaderField(":method", "GET")), decoder.decode(Hex.buffer("20 3fe11f 82")));
        assertEquals(0, decoder.table().length());
        assertEquals(4096, decoder.table().capacity());
        assertEquals(Reason.INDEX_OUT_OF_RANGE, refusal(decoder, Hex.bytes("be")));
    }

    @Test
    void tableSizeUpdateAfterAFieldIsRefused() {
        assertEquals(Reason.TABLE_SIZE_UPDATE_NOT_AT_START, refusal("82 20"));
    }

    @Test
    void indexZeroIsRefused() {
        assertEquals(Reason.INDEX_ZERO, refusal("80"));
    }

    @Test
    void indexPastTheTablesIsRefused() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(4096, 16384);
        assertEquals(List.of(new HeaderField("www-authenticate", "")), decoder.decode(Hex.buffer("bd")));
        assertEquals(Reason.INDEX_OUT_OF_RANGE, refusal(decoder, Hex.bytes("be")));
        // A literal's name index is checked the same way.
        assertEquals(Reason.INDEX_OUT_OF_RANGE, refusal("7f0300"));
        // The largest index an int holds.
        assertEquals(Reason.INDEX_OUT_OF_RANGE, refusal("ff80ffffff07"));
    }

    @Test
    void dynamicIndicesCountFromTheNewest() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(4096, 16384);
        decoder.decode(Hex.buffer("4001 61 0131 4001 62 0132"));
        assertEquals(List.of(new HeaderField("b", "2"), new HeaderField("a", "1")), decoder.decode(Hex.buffer("be bf")));
        assertEquals(Reason.INDEX_OUT_OF_RANGE, refusal(decoder, Hex.bytes("c0")));
    }

    @Test
    void truncatedRepresentationsAreRefused() {
        assertEquals(Reason.TRUNCATED, refusal("ff"));
        assertEquals(Reason.TRUNCATED, refusal("40"));
        assertEquals(Reason.TRUNCATED, refusal("4001 61"));
        assertEquals(Reason.TRUNCATED, refusal("04"));
        assertEquals(Reason.STRING_PAST_BLOCK, refusal("0001 61 0262"));
        assertEquals(Reason.INTEGER_OVERFLOW, refusal("3f ff ff ff ff 0f"));
    }

    @Test
    void huffmanErrorsInsideABlockAreRefused() {
        assertEquals(Reason.HUFFMAN_PADDING_TOO_LONG, refusal("0001 61 81ff"));
        assertEquals(Reason.HUFFMAN_PADDING_NOT_EOS, refusal("0001 61 8118"));
        assertEquals(Reason.HUFFMAN_EOS, refusal("0001 61 84ffffffff"));
    }

    @Test
    void neverIndexedFieldsComeOutSensitiveAndOthersDoNot() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(4096, 16384);
        List<HeaderField> fields = decoder.decode(Hex.buffer("1001 61 0131 0001 62 0132 1f28 0133"));
        assertEquals(List.of(new HeaderField("a", "1", true), new HeaderField("b", "2", false),
                new HeaderField("set-cookie", "3", true)), fields);
        assertEquals(0, decoder.table().length());
    }

    @Test
    void compressionErrorsAreTheReasonsButTheListSize() {
        for (Reason r : Reason.values()) {
            assertEquals(r != Reason.HEADER_LIST_TOO_LARGE, new HpackException(r).compressionError(), r.name());
        }
    }

    /**
     * The HPACK bomb: one entry of 4 KiB, then a thousand one-octet references to it, 4 MiB decoded. Refused with the
     * list-size reason; the list is dropped at the fourth reference, and the table stays in step with the peer's.
     */
    @Test
    void hpackBombIsRefusedAndTheTableStaysInStep() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(4096, 16384);
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        // Literal with incremental indexing, new name "x", 4063 octets: an entry of exactly 4096.
        bomb.write(0x40);
        StringLiteral.encode(bomb, "x", false);
        String big = "a".repeat(4096 - 32 - 1);
        StringLiteral.encode(bomb, big, false);
        for (int i = 0; i < 1000; i++) {
            bomb.write(0xBE);
        }
        HpackException e = assertThrows(HpackException.class, () -> decoder.decode(ByteBuffer.wrap(bomb.toByteArray())));
        assertEquals(Reason.HEADER_LIST_TOO_LARGE, e.reason());
        assertFalse(e.compressionError());
        assertEquals(4096, decoder.table().size());
        assertEquals(List.of(new HeaderField("x", big)), decoder.decode(Hex.buffer("be")));
    }

    @Test
    void aBlockTooLargeStillIndexesItsLaterLiterals() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(4096, 40);
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.writeBytes(literal(20));
        block.writeBytes(Hex.bytes("4001 63 0133"));
        assertEquals(Reason.HEADER_LIST_TOO_LARGE, refusal(decoder, block.toByteArray()));
        assertEquals(List.of(new HeaderField("c", "3")), decoder.decode(Hex.buffer("be")));
    }

    @Test
    void decodedStringsAreOctets() throws HpackException {
        List<HeaderField> fields = new HpackDecoder(4096, 16384).decode(Hex.buffer("0001 ff 0280 00"));
        assertEquals("\u00ff", fields.get(0).name());
        assertEquals("\u0080\u0000", fields.get(0).value());
        assertTrue(fields.get(0).name().chars().allMatch(c -> c <= 0xFF));
    }
}
