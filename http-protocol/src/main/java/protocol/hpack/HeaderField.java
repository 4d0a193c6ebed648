package protocol.hpack;

import java.util.Objects;

/**
 * One field of a header list as HPACK carries it: name and value as octets (ISO-8859-1, one char per octet), and
 * whether it is sensitive, that is sent with the never-indexed representation (RFC 7541 §6.2.3, §7.1.3) so that no
 * intermediary puts it in a table. Field syntax (lowercase names, no CR, LF or NUL) is the caller's to check.
 *
 * @param name      the field name, chars 0 to 255
 * @param value     the field value, chars 0 to 255
 * @param sensitive whether the field is never indexed
 */
public record HeaderField(String name, String value, boolean sensitive) {

    /** Validates that name and value are octets: every char at most 0xFF. */
    public HeaderField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!octets(name) || !octets(value)) {
            throw new IllegalArgumentException("a header field holds octets: chars up to 0xFF");
        }
    }

    /** A field that may be indexed. */
    public HeaderField(String name, String value) {
        this(name, value, false);
    }

    /** Its size in a dynamic table and in a header list: name and value octets plus 32 (RFC 7541 §4.1). */
    public long size() {
        return (long) name.length() + value.length() + Entry.OVERHEAD;
    }

    private static boolean octets(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }
}
