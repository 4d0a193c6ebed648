package protocol.syntax;

import java.util.OptionalInt;

/**
 * The weight of a list element (RFC 9110 §12.4.2), in thousandths, shared by every field that ranks what it
 * lists: Accept, Accept-Encoding.
 */
public final class QValue {

    /** The most a qvalue can be, in thousandths: {@code q=1}. */
    public static final int MAX = 1000;
    /** The most decimals a qvalue has. */
    private static final int MAX_DECIMALS = 3;

    private QValue() {}

    /** {@code ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )}, in thousandths; empty when {@code s} is not one. */
    public static OptionalInt parse(String s) {
        if (s.isEmpty() || (s.charAt(0) != '0' && s.charAt(0) != '1')) {
            return OptionalInt.empty();
        }
        int whole = s.charAt(0) - '0';
        if (s.length() == 1) {
            return OptionalInt.of(whole * MAX);
        }
        int decimals = s.length() - 2;
        if (s.charAt(1) != '.' || decimals > MAX_DECIMALS) {
            return OptionalInt.empty();
        }
        int fraction = 0;
        for (int i = 2; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9' || (whole == 1 && c != '0')) {
                return OptionalInt.empty();
            }
            fraction = fraction * 10 + (c - '0');
        }
        for (int i = decimals; i < MAX_DECIMALS; i++) {
            fraction *= 10;
        }
        return OptionalInt.of(whole * MAX + fraction);
    }

    /** {@code s} without optional whitespace (SP, HTAB; RFC 9110 §5.6.3) at either end. */
    public static String stripOws(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && ByteClass.isWhitespace(s.charAt(from))) {
            from++;
        }
        while (to > from && ByteClass.isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }
}
