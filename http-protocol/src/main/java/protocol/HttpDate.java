package protocol;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import protocol.syntax.Decimal;

/** HTTP dates (RFC 9110 §5.6.7): formats IMF-fixdate; parses IMF-fixdate, RFC 850 and asctime dates. */
public final class HttpDate {

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] LONG_DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    /** A year, day or time part: the callers cut each at its fixed width, four digits at most. */
    private static final Decimal PART = Decimal.upTo(4);
    private static final long MAX_EPOCH_SECOND = 253402300799L; // 9999-12-31T23:59:59Z, the last 4-digit year

    private record Formatted(long second, String text) {}

    /** The last second formatted; a record swapped whole, so readers on any thread see a consistent pair. */
    private static volatile Formatted last = new Formatted(Long.MIN_VALUE, "");

    private HttpDate() {}

    /**
     * The IMF-fixdate of {@code instant}, e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}; the fraction of the second
     * is dropped. Repeated calls within one second reuse the text.
     *
     * @throws IllegalArgumentException if the year is outside 0000..9999
     */
    public static String format(Instant instant) {
        long second = instant.getEpochSecond();
        Formatted cached = last;
        if (cached.second == second) {
            return cached.text;
        }
        if (second < -62167219200L || second > MAX_EPOCH_SECOND) {
            throw new IllegalArgumentException("year out of range for an HTTP date");
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(29);
        b.append(DAYS[t.getDayOfWeek().ordinal()]).append(", ");
        two(b, t.getDayOfMonth()).append(' ').append(MONTHS[t.getMonthValue() - 1]).append(' ');
        int y = t.getYear();
        two(b, y / 100);
        two(b, y % 100).append(' ');
        two(b, t.getHour()).append(':');
        two(b, t.getMinute()).append(':');
        two(b, t.getSecond()).append(" GMT");
        String text = b.toString();
        last = new Formatted(second, text);
        return text;
    }

    private static StringBuilder two(StringBuilder b, int n) {
        return b.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }

    /**
     * The instant an HTTP date names, in any of the three forms of RFC 9110 §5.6.7, or empty when it is not one.
     * An RFC 850 two-digit year is read as 1970..2069 (this module has no clock for the §5.6.7 50-year rule).
     */
    public static Optional<Instant> parse(String text) {
        String s = text.strip();
        try {
            if (s.length() == 29 && s.charAt(3) == ',') {
                return imfFixdate(s);
            }
            if (s.length() == 24 && s.charAt(3) == ' ') {
                return asctime(s);
            }
            return rfc850(s);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    private static Optional<Instant> imfFixdate(String s) {
        if (index(DAYS, s, 0, 3) < 0 || !s.startsWith(", ", 3) || s.charAt(7) != ' ' || s.charAt(11) != ' '
                || s.charAt(16) != ' ' || !s.startsWith(" GMT", 25)) {
            return Optional.empty();
        }
        return instant(number(s, 12, 16), index(MONTHS, s, 8, 11), number(s, 5, 7), s, 17);
    }

    /** {@code Sunday, 06-Nov-94 08:49:37 GMT}. */
    private static Optional<Instant> rfc850(String s) {
        int comma = s.indexOf(',');
        if (comma < 0 || index(LONG_DAYS, s, 0, comma) < 0 || s.length() != comma + 24) {
            return Optional.empty();
        }
        int p = comma + 2;
        if (s.charAt(comma + 1) != ' ' || s.charAt(p + 2) != '-' || s.charAt(p + 6) != '-' || s.charAt(p + 9) != ' '
                || !s.startsWith(" GMT", p + 18)) {
            return Optional.empty();
        }
        int yy = number(s, p + 7, p + 9);
        int year = yy < 0 ? -1 : yy < 70 ? 2000 + yy : 1900 + yy;
        return instant(year, index(MONTHS, s, p + 3, p + 6), number(s, p, p + 2), s, p + 10);
    }

    /** {@code Sun Nov  6 08:49:37 1994}. */
    private static Optional<Instant> asctime(String s) {
        if (index(DAYS, s, 0, 3) < 0 || s.charAt(7) != ' ' || s.charAt(10) != ' ' || s.charAt(19) != ' ') {
            return Optional.empty();
        }
        int day = s.charAt(8) == ' ' ? number(s, 9, 10) : number(s, 8, 10);
        return instant(number(s, 20, 24), index(MONTHS, s, 4, 7), day, s, 11);
    }

    /** Combines date parts with the {@code HH:MM:SS} at {@code timeAt}; any part -1 means invalid. */
    private static Optional<Instant> instant(int year, int month, int day, String s, int timeAt) {
        if (s.charAt(timeAt + 2) != ':' || s.charAt(timeAt + 5) != ':') {
            return Optional.empty();
        }
        int hour = number(s, timeAt, timeAt + 2);
        int minute = number(s, timeAt + 3, timeAt + 5);
        int second = number(s, timeAt + 6, timeAt + 8);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return Optional.empty();
        }
        // LocalDateTime.of rejects Feb 30, hour 24, second 60 and the like.
        return Optional.of(LocalDateTime.of(year, month + 1, day, hour, minute, second).toInstant(ZoneOffset.UTC));
    }

    private static int index(String[] names, String s, int from, int to) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].length() == to - from && s.startsWith(names[i], from)) {
                return i;
            }
        }
        return -1;
    }

    /** The digits {@code s[from, to)} as a number, or -1. */
    private static int number(String s, int from, int to) {
        return (int) PART.parse(s, from, to);
    }
}
