package protocol.syntax;

import java.util.Objects;

/**
 * A rule for an unsigned decimal number, {@code 1*DIGIT} (RFC 5234 Appendix B.1), as the HTTP grammars use it:
 * Content-Length (RFC 9110 §8.6), byte positions (§14.1.1), ports (RFC 3986 §3.2.3), the parts of a date (§5.6.7).
 * The grammars set no bound on the digits; each caller sets the one it can hold.
 *
 * @param maxDigits           the most digits read as a value, 1 to 18 so that every value fits a long
 * @param overflow            what more digits than that mean
 * @param leadingZerosAllowed whether a number of more than one digit may start with 0
 */
public record Decimal(int maxDigits, Overflow overflow, boolean leadingZerosAllowed) {

    /** What {@link #parse} answers for text that is not a number under the rule. */
    public static final long NOT_A_NUMBER = -1;

    /** The most digits every value of which fits a long. */
    private static final int MAX_LONG_DIGITS = 18;

    /** What a number with more digits than {@link #maxDigits} means. */
    public enum Overflow {
        /** It is not a number. */
        NOT_A_NUMBER,
        /** It is larger than anything the caller handles: {@link Long#MAX_VALUE}, once every character is a digit. */
        MAX_VALUE
    }

    /** Checks that {@code maxDigits} is 1 to 18. */
    public Decimal {
        if (maxDigits < 1 || maxDigits > MAX_LONG_DIGITS) {
            throw new IllegalArgumentException("maxDigits must be in [1, " + MAX_LONG_DIGITS + "]: " + maxDigits);
        }
        Objects.requireNonNull(overflow, "overflow");
    }

    /** At most {@code maxDigits} digits, leading zeros allowed; more digits are not a number. */
    public static Decimal upTo(int maxDigits) {
        return new Decimal(maxDigits, Overflow.NOT_A_NUMBER, true);
    }

    /** This rule, except that more digits than allowed read as {@link Long#MAX_VALUE}. */
    public Decimal saturating() {
        return new Decimal(maxDigits, Overflow.MAX_VALUE, leadingZerosAllowed);
    }

    /** This rule, except that a number of more than one digit must not start with 0. */
    public Decimal withoutLeadingZeros() {
        return new Decimal(maxDigits, overflow, false);
    }

    /** The value of all of {@code s}; {@link #NOT_A_NUMBER} when it is not a number under this rule. */
    public long parse(CharSequence s) {
        return parse(s, 0, s.length());
    }

    /**
     * The value of {@code s[from, to)}; {@link #NOT_A_NUMBER} when the range is empty, holds anything but the ASCII
     * digits 0-9 (no sign, no whitespace), starts with a 0 this rule refuses, or has too many digits and the rule's
     * overflow says so.
     */
    public long parse(CharSequence s, int from, int to) {
        int digits = to - from;
        if (digits <= 0 || (!leadingZerosAllowed && digits > 1 && s.charAt(from) == '0')
                || (digits > maxDigits && overflow == Overflow.NOT_A_NUMBER)) {
            return NOT_A_NUMBER;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return NOT_A_NUMBER;
            }
            // Past maxDigits the value can only be MAX_VALUE; the rest must still be digits.
            value = i - from < maxDigits ? value * 10 + (c - '0') : Long.MAX_VALUE;
        }
        return value;
    }
}
