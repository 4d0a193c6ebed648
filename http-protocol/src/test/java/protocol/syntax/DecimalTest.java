package protocol.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DecimalTest {

    private static final long NAN = Decimal.NOT_A_NUMBER;
    private static final Decimal PORT = Decimal.upTo(5);
    private static final Decimal CONTENT_LENGTH = Decimal.upTo(18).withoutLeadingZeros();
    private static final Decimal POSITION = Decimal.upTo(18).saturating();

    static Stream<Arguments> cases() {
        String eighteen = "123456789012345678";
        return Stream.of(
                // Not a number under any rule: empty, signs, whitespace, other digits.
                Arguments.of(PORT, "", NAN),
                Arguments.of(POSITION, "", NAN),
                Arguments.of(CONTENT_LENGTH, "", NAN),
                Arguments.of(PORT, "+1", NAN),
                Arguments.of(PORT, "-1", NAN),
                Arguments.of(PORT, " 1", NAN),
                Arguments.of(PORT, "1 ", NAN),
                Arguments.of(PORT, "8a", NAN),
                Arguments.of(PORT, "0x1", NAN),
                Arguments.of(PORT, "1.0", NAN),
                Arguments.of(PORT, "\u0661", NAN),
                Arguments.of(PORT, "\u00b3", NAN),
                // At most N digits: N is a number, N + 1 is not.
                Arguments.of(PORT, "0", 0L),
                Arguments.of(PORT, "99999", 99999L),
                Arguments.of(PORT, "100000", NAN),
                Arguments.of(PORT, "00080", 80L),
                Arguments.of(PORT, "000080", NAN),
                Arguments.of(CONTENT_LENGTH, eighteen, 123456789012345678L),
                Arguments.of(CONTENT_LENGTH, "999999999999999999", 999999999999999999L),
                Arguments.of(CONTENT_LENGTH, eighteen + "9", NAN),
                // Leading zeros where the rule refuses them: "0" alone is still a number.
                Arguments.of(CONTENT_LENGTH, "0", 0L),
                Arguments.of(CONTENT_LENGTH, "00", NAN),
                Arguments.of(CONTENT_LENGTH, "03", NAN),
                Arguments.of(CONTENT_LENGTH, "30", 30L),
                // Saturation: past N digits the value is Long.MAX_VALUE, but every character must still be a digit.
                Arguments.of(POSITION, eighteen, 123456789012345678L),
                Arguments.of(POSITION, eighteen + "9", Long.MAX_VALUE),
                Arguments.of(POSITION, "0".repeat(18) + "1", Long.MAX_VALUE),
                Arguments.of(POSITION, "9".repeat(40), Long.MAX_VALUE),
                Arguments.of(POSITION, eighteen + "9x", NAN),
                Arguments.of(POSITION, "007", 7L));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void parsesUnderItsRule(Decimal rule, String text, long expected) {
        assertEquals(expected, rule.parse(text), text);
    }

    @Test
    void parsesARangeOfTheText() {
        assertEquals(12, PORT.parse("a12b", 1, 3));
        assertEquals(NAN, PORT.parse("a12b", 1, 1));
        assertEquals(NAN, PORT.parse("a12b", 0, 3));
        assertEquals(NAN, CONTENT_LENGTH.parse("1012", 1, 3), "the leading zero is at the range's start");
    }

    @Test
    void maxDigitsIsOneToEighteen() {
        assertThrows(IllegalArgumentException.class, () -> Decimal.upTo(0));
        assertThrows(IllegalArgumentException.class, () -> Decimal.upTo(19));
        assertEquals(new Decimal(18, Decimal.Overflow.MAX_VALUE, false),
                Decimal.upTo(18).withoutLeadingZeros().saturating());
    }
}
