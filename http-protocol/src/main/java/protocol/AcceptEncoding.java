package protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import protocol.syntax.ByteClass;
import protocol.syntax.FieldLists;
import protocol.syntax.QValue;

/**
 * A request's Accept-Encoding (RFC 9110 §12.5.3) and the choice of a content coding by it.
 *
 * <p>A field that does not follow the grammar is treated as absent rather than refused: the request is still
 * answerable, in identity. Absent, the field leaves identity as the answer; a present but empty field asks for
 * identity too ("does not want any content coding").
 *
 * @param stated      whether the request carried a well-formed field
 * @param preferences the elements of that field in order, each coding in lower case; empty when not stated
 */
public record AcceptEncoding(boolean stated, List<Preference> preferences) {

    /** The answer for a request without the field, or with a malformed one. */
    public static final AcceptEncoding ABSENT = new AcceptEncoding(false, List.of());

    /** The most a qvalue can be, in thousandths: {@code q=1}. */
    public static final int MAX_QUALITY = 1000;

    /** The field name. */
    private static final String FIELD = "Accept-Encoding";
    /** The token that stands for every coding not listed (RFC 9110 §12.5.3). */
    private static final String ANY = "*";
    /** gzip's alias, which a recipient reads as gzip (RFC 9110 §8.4.1.3). */
    private static final String X_GZIP = "x-gzip";

    /**
     * One element: a coding, {@code identity} or {@code *}, and its weight.
     *
     * @param coding  the token in lower case
     * @param quality the qvalue in thousandths, 0 to 1000; 0 means "not acceptable"
     */
    public record Preference(String coding, int quality) {
        /** Checks that the coding is a token and the quality in range. */
        public Preference {
            Objects.requireNonNull(coding, "coding");
            if (!ByteClass.isToken(coding) || !coding.equals(coding.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("coding must be a lower-case token: " + coding);
            }
            if (quality < 0 || quality > MAX_QUALITY) {
                throw new IllegalArgumentException("quality must be in [0, 1000]: " + quality);
            }
        }

        /** The element as sent: {@code gzip;q=0.5}, or just the coding at q=1. */
        @Override
        public String toString() {
            if (quality == MAX_QUALITY) {
                return coding;
            }
            String decimals = String.format(Locale.ROOT, "%03d", quality).replaceFirst("0+$", "");
            return coding + ";q=0" + (decimals.isEmpty() ? "" : "." + decimals);
        }
    }

    /** Copies the list and checks that an unstated field lists nothing. */
    public AcceptEncoding {
        preferences = List.copyOf(preferences);
        if (!stated && !preferences.isEmpty()) {
            throw new IllegalArgumentException("an absent field has no preferences");
        }
    }

    /** The Accept-Encoding of {@code headers}: every field of that name taken as one list (RFC 9110 §5.3). */
    public static AcceptEncoding of(Headers headers) {
        List<String> values = headers.all(FIELD);
        return values.isEmpty() ? ABSENT : parse(String.join(",", values));
    }

    /** The field value {@code value}; {@link #ABSENT} when it does not follow the grammar. */
    public static AcceptEncoding parse(String value) {
        List<Preference> preferences = new ArrayList<>();
        for (String element : FieldLists.elements(value)) {
            Optional<Preference> p = element(element);
            if (p.isEmpty()) {
                return ABSENT;
            }
            preferences.add(p.get());
        }
        return new AcceptEncoding(true, preferences);
    }

    /** {@code ( codings ) [ OWS ";" OWS "q=" qvalue ]}, with the outer whitespace already trimmed. */
    private static Optional<Preference> element(String element) {
        int semicolon = element.indexOf(';');
        String coding = stripOws(semicolon < 0 ? element : element.substring(0, semicolon));
        if (!ByteClass.isToken(coding)) {
            return Optional.empty();
        }
        int quality = MAX_QUALITY;
        if (semicolon >= 0) {
            String weight = stripOws(element.substring(semicolon + 1));
            // The "q=" literal is case-insensitive (RFC 5234 §2.3); no space may surround '='.
            if (weight.length() < 2 || (weight.charAt(0) | 0x20) != 'q' || weight.charAt(1) != '=') {
                return Optional.empty();
            }
            OptionalInt q = qvalue(weight.substring(2));
            if (q.isEmpty()) {
                return Optional.empty();
            }
            quality = q.getAsInt();
        }
        return Optional.of(new Preference(coding.toLowerCase(Locale.ROOT), quality));
    }

    /** {@code s} without optional whitespace (SP, HTAB; RFC 9110 §5.6.3) at either end. */
    private static String stripOws(String s) {
        return QValue.stripOws(s);
    }

    /** RFC 9110 §12.4.2: {@code ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )}, in thousandths. */
    private static OptionalInt qvalue(String s) {
        return QValue.parse(s);
    }

    /**
     * How much the client wants {@code coding}, in thousandths: empty when it is not acceptable. A coding's own
     * element counts first (the first one, when it repeats), then {@code *}. Identity is acceptable unless refused
     * by {@code identity;q=0}, or by {@code *;q=0} without an element of its own (RFC 9110 §12.5.3); acceptable
     * only by default, it ranks below every coding asked for, at 0.
     */
    public OptionalInt quality(ContentCoding coding) {
        OptionalInt own = OptionalInt.empty();
        OptionalInt any = OptionalInt.empty();
        for (Preference p : preferences) {
            if (own.isEmpty() && names(p.coding, coding)) {
                own = OptionalInt.of(p.quality);
            } else if (any.isEmpty() && p.coding.equals(ANY)) {
                any = OptionalInt.of(p.quality);
            }
        }
        OptionalInt weight = own.isPresent() ? own : any;
        if (weight.isPresent()) {
            return weight.getAsInt() > 0 ? weight : OptionalInt.empty();
        }
        return coding == ContentCoding.IDENTITY ? OptionalInt.of(0) : OptionalInt.empty();
    }

    /** Whether the lower-case {@code token} names {@code coding}, {@code x-gzip} included (RFC 9110 §8.4.1.3). */
    private static boolean names(String token, ContentCoding coding) {
        return token.equals(coding.token()) || (coding == ContentCoding.GZIP && token.equals(X_GZIP));
    }

    /**
     * The coding to send among {@code available}: the acceptable one of highest quality, ties broken by the order
     * of {@link ContentCoding} (br, zstd, gzip, identity). Empty when none is acceptable, which means 406 Not
     * Acceptable when {@code available} holds everything the resource can be sent as (RFC 9110 §15.5.7).
     */
    public Optional<ContentCoding> choose(Set<ContentCoding> available) {
        ContentCoding best = null;
        int bestQuality = -1;
        for (ContentCoding c : ContentCoding.values()) {
            if (available.contains(c)) {
                OptionalInt q = quality(c);
                if (q.isPresent() && q.getAsInt() > bestQuality) {
                    best = c;
                    bestQuality = q.getAsInt();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The field value this stands for: the preferences joined by ", ". */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>(preferences.size());
        for (Preference p : preferences) {
            parts.add(p.toString());
        }
        return String.join(", ", parts);
    }
}
