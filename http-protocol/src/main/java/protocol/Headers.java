package protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import protocol.syntax.FieldLists;

/**
 * Header fields: ordered, names compared case-insensitively, a name may repeat; immutable. Names and values are
 * stored as given; serialisation ({@link protocol.http1.ResponseHead#toBytes()}) checks them before they reach
 * the wire.
 */
public final class Headers implements Iterable<Headers.Field> {

    /** No fields. */
    public static final Headers EMPTY = new Headers(new Field[0]);

    /**
     * One field line.
     *
     * @param name  the field name as sent
     * @param value the field value, without leading or trailing whitespace
     */
    public record Field(String name, String value) {
        /** Checks that both parts are present. */
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    private final Field[] fields;

    private Headers(Field[] fields) {
        this.fields = fields;
    }

    /** Headers from alternating names and values: {@code of("Host", "a", "Accept", "*\/*")}. */
    public static Headers of(String... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        Builder b = builder();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            b.add(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return b.build();
    }

    /** A builder starting empty. */
    public static Builder builder() {
        return new Builder();
    }

    /** The value of the first field with this name. */
    public Optional<String> first(String name) {
        for (Field f : fields) {
            if (f.name.equalsIgnoreCase(name)) {
                return Optional.of(f.value);
            }
        }
        return Optional.empty();
    }

    /** The values of every field with this name, in order. */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>(2);
        for (Field f : fields) {
            if (f.name.equalsIgnoreCase(name)) {
                values.add(f.value);
            }
        }
        return List.copyOf(values);
    }

    /** Whether a field with this name is present. */
    public boolean contains(String name) {
        return count(name) > 0;
    }

    /** How many fields have this name. */
    int count(String name) {
        int n = 0;
        for (Field f : fields) {
            if (f.name.equalsIgnoreCase(name)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Whether any field with this name lists {@code token} among its comma-separated elements, compared
     * case-insensitively (RFC 9110 §5.6.1), e.g. {@code hasToken("Connection", "close")}.
     */
    public boolean hasToken(String name, String token) {
        for (Field f : fields) {
            if (f.name.equalsIgnoreCase(name)) {
                for (String element : FieldLists.elements(f.value)) {
                    if (element.equalsIgnoreCase(token)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The number of fields. */
    public int size() {
        return fields.length;
    }

    /** These fields followed by one more. */
    public Headers with(String name, String value) {
        Field[] more = Arrays.copyOf(fields, fields.length + 1);
        more[fields.length] = new Field(name, value);
        return new Headers(more);
    }

    /** The fields in order. */
    @Override
    public Iterator<Field> iterator() {
        return Arrays.asList(fields).iterator();
    }

    /** Equal when the same fields come in the same order, names compared case-insensitively. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Headers other) || other.fields.length != fields.length) {
            return false;
        }
        for (int i = 0; i < fields.length; i++) {
            Field a = fields[i];
            Field b = other.fields[i];
            if (!a.name.equalsIgnoreCase(b.name) || !a.value.equals(b.value)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (Field f : fields) {
            h = 31 * h + f.name.toLowerCase(Locale.ROOT).hashCode();
            h = 31 * h + f.value.hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        return Arrays.toString(fields);
    }

    /** Collects fields in order. */
    public static final class Builder {
        private final List<Field> fields = new ArrayList<>();

        private Builder() {}

        /** Appends a field. */
        public Builder add(String name, String value) {
            fields.add(new Field(name, value));
            return this;
        }

        /** Removes every field with this name. */
        public Builder remove(String name) {
            fields.removeIf(f -> f.name.equalsIgnoreCase(name));
            return this;
        }

        /** Replaces every field with this name by one field at the end. */
        public Builder set(String name, String value) {
            return remove(name).add(name, value);
        }

        /** The fields collected so far. */
        public Headers build() {
            return fields.isEmpty() ? EMPTY : new Headers(fields.toArray(new Field[0]));
        }

        /** The number of fields collected so far. */
        public int size() {
            return fields.size();
        }
    }
}
