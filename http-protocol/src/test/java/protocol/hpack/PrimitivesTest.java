package protocol.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import protocol.hpack.HpackException.Reason;

/** The integer and string representations of RFC 7541 §5, byte for byte. */
class PrimitivesTest {

    private static String encodeInt(int flags, int prefixBits, int value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrefixInteger.encode(out, flags, prefixBits, value);
        return Hex.of(out.toByteArray());
    }

    private static int decodeInt(String hex, int prefixBits) throws HpackException {
        ByteBuffer in = Hex.buffer(hex);
        int value = PrefixInteger.decode(in, in.get() & 0xFF, prefixBits);
        assertEquals(in.limit(), in.position(), "consumes exactly the integer");
        return value;
    }

    /** The integer written with a prefix, independently of {@link PrefixInteger}: may exceed 2^31-1. */
    private static String wide(int prefixBits, long value) {
        StringBuilder hex = new StringBuilder();
        long max = (1L << prefixBits) - 1;
        hex.append(String.format("%02x", max));
        long rest = value - max;
        while (rest >= 0x80) {
            hex.append(String.format("%02x", (rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        return hex.append(String.format("%02x", rest)).toString();
    }

    @Test
    void appendixC1Integers() throws HpackException {
        // C.1.1: 10 in a 5-bit prefix; C.1.2: 1337 in a 5-bit prefix; C.1.3: 42 starting at an octet boundary.
        assertEquals("0a", encodeInt(0, 5, 10));
        assertEquals("1f9a0a", encodeInt(0, 5, 1337));
        assertEquals("2a", encodeInt(0, 8, 42));
        assertEquals(10, decodeInt("0a", 5));
        assertEquals(1337, decodeInt("1f9a0a", 5));
        assertEquals(42, decodeInt("2a", 8));
    }

    @Test
    void flagsAboveThePrefixAreKeptAndIgnored() throws HpackException {
        assertEquals("ea", encodeInt(0xE0, 5, 10));
        assertEquals(10, decodeInt("ea", 5));
        assertEquals("ff9a0a", encodeInt(0xE0, 5, 1337));
        assertEquals("1f00", encodeInt(0, 5, 31));
        assertEquals(31, decodeInt("1f00", 5));
    }

    @Test
    void integerAtTwoToTheThirtyOneMinusOneIsAcceptedAndOneMoreIsRefused() throws HpackException {
        for (int prefix = 1; prefix <= 8; prefix++) {
            String max = encodeInt(0, prefix, Integer.MAX_VALUE);
            assertEquals(wide(prefix, Integer.MAX_VALUE), max);
            assertEquals(Integer.MAX_VALUE, decodeInt(max, prefix), "prefix " + prefix);
            int p = prefix;
            HpackException e = assertThrows(HpackException.class, () -> decodeInt(wide(p, 1L << 31), p));
            assertEquals(Reason.INTEGER_OVERFLOW, e.reason(), "prefix " + prefix);
        }
    }

    @Test
    void moreContinuationOctetsThanAnIntNeedsAreRefused() throws HpackException {
        // Zero groups pad a small value: five continuation octets are accepted, six are not.
        assertEquals(31, decodeInt("1f8080808000", 5));
        HpackException e = assertThrows(HpackException.class, () -> decodeInt("1f808080808000", 5));
        assertEquals(Reason.INTEGER_OVERFLOW, e.reason());
    }

    @Test
    void integerCutShortIsTruncated() {
        assertEquals(Reason.TRUNCATED, assertThrows(HpackException.class, () -> decodeInt("1f", 5)).reason());
        assertEquals(Reason.TRUNCATED, assertThrows(HpackException.class, () -> decodeInt("1f9a", 5)).reason());
    }

    @Test
    void rawStringLiteral() throws HpackException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringLiteral.encode(out, "custom-key", false);
        assertEquals("0a637573746f6d2d6b6579", Hex.of(out.toByteArray()));
        assertEquals("custom-key", StringLiteral.decode(Hex.buffer("0a637573746f6d2d6b6579")));
    }

    @Test
    void huffmanStringLiteralWhenNoLonger() throws HpackException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringLiteral.encode(out, "custom-key", true);
        assertEquals("8825a849e95ba97d7f", Hex.of(out.toByteArray()));
        assertEquals("custom-key", StringLiteral.decode(Hex.buffer("8825a849e95ba97d7f")));
        // '\0' codes to 13 bits: two octets, longer than one raw octet.
        out.reset();
        StringLiteral.encode(out, "\0", true);
        assertEquals("0100", Hex.of(out.toByteArray()));
    }

    @Test
    void stringFillingTheBlockIsAcceptedAndOneOctetPastIsRefused() throws HpackException {
        assertEquals("ab", StringLiteral.decode(Hex.buffer("026162")));
        HpackException e = assertThrows(HpackException.class, () -> StringLiteral.decode(Hex.buffer("036162")));
        assertEquals(Reason.STRING_PAST_BLOCK, e.reason());
        // A declared length of 2^31-1 is refused before anything is allocated.
        e = assertThrows(HpackException.class, () -> StringLiteral.decode(Hex.buffer("7f80ffffff07")));
        assertEquals(Reason.STRING_PAST_BLOCK, e.reason());
        e = assertThrows(HpackException.class, () -> StringLiteral.decode(Hex.buffer("")));
        assertEquals(Reason.TRUNCATED, e.reason());
    }
}
