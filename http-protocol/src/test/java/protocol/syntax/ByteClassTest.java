package protocol.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ByteClassTest {

    /** RFC 9110 §5.6.2, written out independently of the table. */
    private static boolean rfcTchar(int c) {
        return switch (c) {
            case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' -> true;
            default -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        };
    }

    @Test
    void tcharMatchesRfc9110ForAll256Bytes() {
        for (int b = 0; b < 256; b++) {
            assertEquals(rfcTchar(b), ByteClass.is((byte) b, ByteClass.TCHAR), "byte " + b);
        }
    }

    @Test
    void fieldContentIsVcharObsTextSpaceAndTab() {
        for (int b = 0; b < 256; b++) {
            boolean expected = b == '\t' || b == ' ' || (b >= 0x21 && b <= 0x7E) || b >= 0x80;
            assertEquals(expected, ByteClass.is((byte) b, ByteClass.FIELD_CONTENT), "byte " + b);
        }
    }

    @Test
    void hexDigits() {
        for (int b = 0; b < 256; b++) {
            boolean expected = Character.digit(b, 16) >= 0 && b < 128;
            assertEquals(expected, ByteClass.is((byte) b, ByteClass.HEX), "byte " + b);
            if (expected) {
                assertEquals(Character.digit(b, 16), ByteClass.hexValue(b));
            }
        }
    }
}
