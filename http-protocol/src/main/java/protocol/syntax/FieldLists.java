package protocol.syntax;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The elements of a list-valued field (RFC 9110 §5.6.1): the value split at commas, optional whitespace (SP and
 * HTAB, §5.6.3) trimmed from each element, and empty elements dropped, as §5.6.1.2 asks of a recipient.
 */
public final class FieldLists {

    private FieldLists() {}

    /** The elements of {@code value}, split at every comma: for lists of tokens and ranges. */
    public static List<String> elements(String value) {
        return split(value, false);
    }

    /**
     * The elements of {@code value}, where a comma between two DQUOTEs belongs to its element: for lists of
     * entity-tags, whose opaque part may hold commas and has no quoted-pair (RFC 9110 §8.8.3), so a backslash
     * escapes nothing. A DQUOTE without a partner runs to the end of the value.
     */
    public static List<String> quotedElements(String value) {
        return split(value, true);
    }

    private static List<String> split(String value, boolean quotesHoldCommas) {
        List<String> elements = new ArrayList<>();
        int n = value.length();
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i <= n; i++) {
            char c = i == n ? ',' : value.charAt(i);
            if (c == ',' && (!quoted || i == n)) {
                add(elements, value, start, i);
                start = i + 1;
            } else if (c == '"' && quotesHoldCommas) {
                quoted = !quoted;
            }
        }
        return Collections.unmodifiableList(elements);
    }

    private static void add(List<String> elements, String value, int from, int to) {
        while (from < to && ByteClass.isWhitespace(value.charAt(from))) {
            from++;
        }
        while (to > from && ByteClass.isWhitespace(value.charAt(to - 1))) {
            to--;
        }
        if (from < to) {
            elements.add(value.substring(from, to));
        }
    }
}
