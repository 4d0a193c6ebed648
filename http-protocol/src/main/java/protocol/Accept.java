package protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import protocol.syntax.ByteClass;
import protocol.syntax.QValue;

/**
 * A request's Accept (RFC 9110 §12.5.1) and how much it wants a given media type.
 *
 * <p>As with {@link AcceptEncoding}, a field that does not follow the grammar is treated as absent rather than
 * refused: the request is still answerable, with the server's default representation. Absent, the field accepts
 * every media type at q=1.
 *
 * @param stated whether the request carried a well-formed field
 * @param ranges the media ranges of that field in order; empty when not stated
 */
public record Accept(boolean stated, List<MediaRange> ranges) {

    /** The answer for a request without the field, or with a malformed one. */
    public static final Accept ABSENT = new Accept(false, List.of());

    private static final String FIELD = "Accept";
    private static final String WILDCARD = "*";
    /** The parameter name that starts the weight, which ends the media range (RFC 9110 §12.5.1). */
    private static final String WEIGHT = "q";

    /**
     * One element of the field: {@code type/subtype}, {@code type/*} or {@code * /*}, its parameters, and its
     * weight.
     *
     * @param type       the type in lower case, or {@code *}
     * @param subtype    the subtype in lower case, or {@code *}
     * @param parameters the parameters before the weight, names in lower case, values as sent (quotes removed)
     * @param quality    the qvalue in thousandths, 0 to 1000; 0 means "not acceptable"
     */
    public record MediaRange(String type, String subtype, Map<String, String> parameters, int quality) {
        /** Checks the tokens and the quality, and copies the parameters. */
        public MediaRange {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(subtype, "subtype");
            if (!isLowerToken(type) || !isLowerToken(subtype) || type.equals(WILDCARD) && !subtype.equals(WILDCARD)) {
                throw new IllegalArgumentException("not a media range: " + type + "/" + subtype);
            }
            if (quality < 0 || quality > QValue.MAX) {
                throw new IllegalArgumentException("quality must be in [0, 1000]: " + quality);
            }
            parameters = Map.copyOf(parameters);
        }

        /**
         * How specific this range is, to pick among those matching a type (RFC 9110 §12.5.1): {@code * /*}, then
         * {@code type/*}, then {@code type/subtype}, then each parameter more.
         */
        int specificity() {
            int level = type.equals(WILDCARD) ? 0 : subtype.equals(WILDCARD) ? 1 : 2;
            return level * (1 << 16) + parameters.size();
        }

        /**
         * Whether this range covers {@code offer}: its type and subtype, or a wildcard, and each of its parameters
         * with the same value. Values compare without regard to case, as those of {@code charset} do
         * (RFC 9110 §8.3.2); the few parameters whose values are case-sensitive do not appear in offers here.
         */
        boolean covers(MediaRange offer) {
            if (!type.equals(WILDCARD) && !type.equals(offer.type)
                    || !subtype.equals(WILDCARD) && !subtype.equals(offer.subtype)) {
                return false;
            }
            for (var parameter : parameters.entrySet()) {
                String value = offer.parameters.get(parameter.getKey());
                if (value == null || !value.equalsIgnoreCase(parameter.getValue())) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Copies the list and checks that an unstated field lists nothing. */
    public Accept {
        ranges = List.copyOf(ranges);
        if (!stated && !ranges.isEmpty()) {
            throw new IllegalArgumentException("an absent field has no media ranges");
        }
    }

    /** The Accept of {@code headers}: every field of that name taken as one list (RFC 9110 §5.3). */
    public static Accept of(Headers headers) {
        List<String> values = headers.all(FIELD);
        return values.isEmpty() ? ABSENT : parse(String.join(",", values));
    }

    /** The field value {@code value}; {@link #ABSENT} when it does not follow the grammar. */
    public static Accept parse(String value) {
        List<MediaRange> ranges = new ArrayList<>();
        // A quoted parameter value may hold commas, and escaped quotes (RFC 9110 §5.6.4).
        for (String part : split(value, ',')) {
            String element = QValue.stripOws(part);
            if (element.isEmpty()) {
                // Empty list elements are ignored (RFC 9110 §5.6.1.2).
                continue;
            }
            Optional<MediaRange> range = element(element, true);
            if (range.isEmpty()) {
                return ABSENT;
            }
            ranges.add(range.get());
        }
        return new Accept(true, ranges);
    }

    /**
     * How much the client wants {@code mediaType} (such as {@code text/html; charset=utf-8}), in thousandths, 0
     * when not at all: the weight of the most specific range that covers it, the first of those when several are
     * as specific; 0 when none does. Without a field every type is wanted at 1000.
     *
     * @throws IllegalArgumentException when {@code mediaType} is not a concrete media type
     */
    public int quality(String mediaType) {
        MediaRange offer = element(mediaType, false)
                .filter(range -> !range.type.equals(WILDCARD) && !range.subtype.equals(WILDCARD))
                .orElseThrow(() -> new IllegalArgumentException("not a media type: " + mediaType));
        if (!stated) {
            return QValue.MAX;
        }
        MediaRange best = null;
        for (MediaRange range : ranges) {
            if (range.covers(offer) && (best == null || range.specificity() > best.specificity())) {
                best = range;
            }
        }
        return best == null ? 0 : best.quality;
    }

    /**
     * {@code type "/" subtype *( OWS ";" OWS parameter ) [ weight ]}, the outer whitespace already trimmed; the
     * weight only when {@code weighted}. Empty parameters ({@code ";;"}) are allowed, as the grammar's
     * {@code [ parameter ]} does.
     */
    private static Optional<MediaRange> element(String element, boolean weighted) {
        List<String> parts = split(element, ';');
        String name = QValue.stripOws(parts.getFirst());
        int slash = name.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String type = name.substring(0, slash);
        String subtype = name.substring(slash + 1);
        if (!ByteClass.isToken(type) || !ByteClass.isToken(subtype)) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        int quality = QValue.MAX;
        boolean weightSeen = false;
        for (String part : parts.subList(1, parts.size())) {
            String parameter = QValue.stripOws(part);
            if (parameter.isEmpty()) {
                continue;
            }
            if (weightSeen) {
                // Nothing may follow the weight (RFC 9110 dropped accept-ext).
                return Optional.empty();
            }
            int eq = parameter.indexOf('=');
            if (eq <= 0) {
                return Optional.empty();
            }
            String key = parameter.substring(0, eq);
            String raw = parameter.substring(eq + 1);
            if (!ByteClass.isToken(key)) {
                return Optional.empty();
            }
            String lowerKey = key.toLowerCase(Locale.ROOT);
            if (weighted && lowerKey.equals(WEIGHT)) {
                OptionalInt q = QValue.parse(raw);
                if (q.isEmpty()) {
                    return Optional.empty();
                }
                quality = q.getAsInt();
                weightSeen = true;
                continue;
            }
            Optional<String> parameterValue = parameterValue(raw);
            if (parameterValue.isEmpty() || parameters.putIfAbsent(lowerKey, parameterValue.get()) != null) {
                return Optional.empty();
            }
        }
        String lowerType = type.toLowerCase(Locale.ROOT);
        String lowerSubtype = subtype.toLowerCase(Locale.ROOT);
        if (lowerType.equals(WILDCARD) && !lowerSubtype.equals(WILDCARD)) {
            return Optional.empty();
        }
        return Optional.of(new MediaRange(lowerType, lowerSubtype, parameters, quality));
    }

    /** {@code text} split at each {@code separator} outside a quoted-string, where a backslash escapes one character. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** {@code token / quoted-string} (RFC 9110 §5.6.4), the quoted form without its quotes and escapes. */
    private static Optional<String> parameterValue(String raw) {
        if (ByteClass.isToken(raw)) {
            return Optional.of(raw);
        }
        if (raw.length() < 2 || raw.charAt(0) != '"' || raw.charAt(raw.length() - 1) != '"') {
            return Optional.empty();
        }
        var out = new StringBuilder();
        for (int i = 1; i < raw.length() - 1; i++) {
            char c = raw.charAt(i);
            if (c == '\\') {
                if (++i == raw.length() - 1) {
                    return Optional.empty();
                }
                c = raw.charAt(i);
                if (!isQuotedPairChar(c)) {
                    return Optional.empty();
                }
            } else if (!ByteClass.isChar(c, ByteClass.QDTEXT)) {
                return Optional.empty();
            }
            out.append(c);
        }
        return Optional.of(out.toString());
    }

    /** {@code HTAB / SP / VCHAR / obs-text} after a backslash (RFC 9110 §5.6.4). */
    private static boolean isQuotedPairChar(char c) {
        return c == '\t' || c >= 0x20 && c != 0x7F && c <= 0xFF;
    }

    private static boolean isLowerToken(String s) {
        return ByteClass.isToken(s) && s.equals(s.toLowerCase(Locale.ROOT));
    }
}
