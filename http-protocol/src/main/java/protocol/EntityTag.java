package protocol;

import java.util.Objects;
import java.util.Optional;

import protocol.syntax.ByteClass;
import protocol.syntax.FieldLists;

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
        // Opaque tags may hold commas, so the list is split around quotes; every element must be a tag.
        for (String element : FieldLists.quotedElements(s)) {
            Optional<EntityTag> tag = parse(element);
            if (tag.isEmpty()) {
                return false;
            }
            EntityTag t = tag.get();
            match |= t.opaque.equals(current.opaque) && (!strongComparison || (!t.weak && !current.weak));
        }
        return match;
    }

    /** One entity-tag, {@code [ "W/" ] DQUOTE *etagc DQUOTE} and nothing else. */
    private static Optional<EntityTag> parse(String element) {
        boolean weak = element.startsWith("W/");
        int open = weak ? 2 : 0;
        int close = element.length() - 1;
        if (close <= open || element.charAt(open) != '"' || element.charAt(close) != '"') {
            return Optional.empty();
        }
        for (int i = open + 1; i < close; i++) {
            if (!ByteClass.isChar(element.charAt(i), ByteClass.ETAGC)) {
                return Optional.empty();
            }
        }
        return Optional.of(new EntityTag(element.substring(open + 1, close), weak));
    }
}
