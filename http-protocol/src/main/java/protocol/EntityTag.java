package protocol;

import java.util.Objects;

import protocol.syntax.ByteClass;

/**
 * An entity-tag (RFC 9110 §8.8.3).
 *
 * @param opaque the characters between the quotes
 * @param weak   whether it is weak ({@code W/} prefix)
 */
public record EntityTag(String opaque, boolean weak) {

    /** Checks that {@code opaque} holds only etagc characters. */
    public EntityTag {
        Objects.requireNonNull(opaque, "opaque");
        for (int i = 0; i < opaque.length(); i++) {
            if (!ByteClass.isChar(opaque.charAt(i), ByteClass.ETAGC)) {
                throw new IllegalArgumentException("invalid entity-tag character");
            }
        }
    }

    /** A strong entity-tag. */
    public static EntityTag strong(String opaque) {
        return new EntityTag(opaque, false);
    }

    /** The tag as sent in a field: {@code "opaque"} or {@code W/"opaque"}. */
    @Override
    public String toString() {
        return (weak ? "W/\"" : "\"") + opaque + '"';
    }

    /**
     * Whether an If-Match or If-None-Match value matches {@code current} (RFC 9110 §13.1.1, §13.1.2): {@code *}
     * matches any current representation; otherwise any listed tag that compares equal, strongly or weakly
     * (RFC 9110 §8.8.3.2). A value that is not a valid list matches nothing.
     */
    public static boolean matchesAny(String fieldValue, EntityTag current, boolean strongComparison) {
        Objects.requireNonNull(current, "current");
        String s = fieldValue.strip();
        if (s.equals("*")) {
            return true;
        }
        boolean match = false;
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ',' || ByteClass.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean weak = s.startsWith("W/", i);
            int open = weak ? i + 2 : i;
            if (open >= n || s.charAt(open) != '"') {
                return false;
            }
            int close = open + 1;
            while (close < n && s.charAt(close) != '"') {
                if (!ByteClass.isChar(s.charAt(close), ByteClass.ETAGC)) {
                    return false;
                }
                close++;
            }
            if (close == n) {
                return false;
            }
            int after = close + 1;
            while (after < n && ByteClass.isWhitespace(s.charAt(after))) {
                after++;
            }
            if (after < n && s.charAt(after) != ',') {
                return false;
            }
            boolean equalOpaque = s.regionMatches(open + 1, current.opaque, 0, current.opaque.length())
                    && close - open - 1 == current.opaque.length();
            match |= equalOpaque && (!strongComparison || (!weak && !current.weak));
            i = after;
        }
        return match;
    }
}
