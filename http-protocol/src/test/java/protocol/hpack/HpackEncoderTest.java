package protocol.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;

class HpackEncoderTest {

    private static final List<HeaderField> GET = List.of(new HeaderField(":method", "GET"));

    @Test
    void shrinkThenGrowBetweenBlocksSignalsTheSmallestThenTheLatest() throws HpackException {
        HpackEncoder encoder = new HpackEncoder(4096, false);
        HpackDecoder decoder = new HpackDecoder(4096, 16384);
        decoder.decode(ByteBuffer.wrap(encoder.encode(List.of(new HeaderField("custom-key", "custom-header")))));
        encoder.setMaxTableSize(0);
        encoder.setMaxTableSize(1000);
        encoder.setMaxTableSize(4096);
        byte[] block = encoder.encode(GET);
        // RFC 7541 §4.2: 0, then 4096, then the field.
        assertEquals("20" + "3fe11f" + "82", Hex.of(block));
        assertEquals(GET, decoder.decode(ByteBuffer.wrap(block)));
        assertEquals(0, encoder.table().length());
        assertEquals(0, decoder.table().length());
        assertEquals(4096, encoder.table().capacity());
        // Signalled once: the next block has no update.
        assertEquals("82", Hex.of(encoder.encode(GET)));
    }

    @Test
    void shrinkAloneIsOneUpdate() {
        HpackEncoder encoder = new HpackEncoder(4096, false);
        encoder.setMaxTableSize(8192);
        encoder.setMaxTableSize(256);
        // The smallest is also the latest: 256 in a 5-bit prefix.
        assertEquals("3fe101" + "82", Hex.of(encoder.encode(GET)));
        assertEquals(256, encoder.table().capacity());
    }

    @Test
    void growAloneIsOneUpdateAndNoChangeIsNone() {
        HpackEncoder encoder = new HpackEncoder(4096, false);
        encoder.setMaxTableSize(4096);
        assertEquals("82", Hex.of(encoder.encode(GET)));
        encoder.setMaxTableSize(8192);
        assertEquals("3fe13f" + "82", Hex.of(encoder.encode(GET)));
    }

    @Test
    void sensitiveFieldsAreNeverIndexed() throws HpackException {
        HpackEncoder encoder = new HpackEncoder(4096, false);
        List<HeaderField> fields = List.of(new HeaderField("set-cookie", "id=1", true));
        byte[] block = encoder.encode(fields);
        // 0001, name index 55 in a 4-bit prefix, the value raw.
        assertEquals("1f28" + "0469643d31", Hex.of(block));
        assertEquals(0, encoder.table().length());
        assertEquals(fields, new HpackDecoder(4096, 16384).decode(ByteBuffer.wrap(block)));
        // Sent again, still literal: never indexed by reference either.
        assertEquals(Hex.of(block), Hex.of(encoder.encode(fields)));
    }

    @Test
    void fieldsLargerThanHalfTheTableAreNotIndexed() {
        HpackEncoder encoder = new HpackEncoder(100, false);
        // 1 + 17 + 32 = 50: indexed; 1 + 18 + 32 = 51: not.
        encoder.encode(List.of(new HeaderField("a", "b".repeat(17))));
        assertEquals(1, encoder.table().length());
        byte[] block = encoder.encode(List.of(new HeaderField("c", "d".repeat(18))));
        assertEquals(0x00, block[0]);
        assertEquals(1, encoder.table().length());
    }

    @Test
    void nameFromTheDynamicTableWhenTheStaticTableHasNone() {
        HpackEncoder encoder = new HpackEncoder(4096, false);
        encoder.encode(List.of(new HeaderField("x-id", "1")));
        // 01 and dynamic index 62 (0x3e) for the name, then the new value.
        assertEquals("7e" + "0132", Hex.of(encoder.encode(List.of(new HeaderField("x-id", "2")))));
    }

    @Test
    void fieldsHoldOctetsOnly() {
        assertThrows(IllegalArgumentException.class, () -> new HeaderField("a", "\u0100"));
        assertThrows(IllegalArgumentException.class, () -> new HeaderField("\u20ac", "b"));
        assertThrows(IllegalArgumentException.class, () -> new HpackEncoder(-1));
        assertThrows(IllegalArgumentException.class, () -> new HpackEncoder(4096).setMaxTableSize(-1));
    }
}
