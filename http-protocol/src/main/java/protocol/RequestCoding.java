package protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import protocol.syntax.FieldLists;

/**
 * How a request's content is coded, read from its {@code Content-Encoding} fields (RFC 9110 §8.4):
 * not at all, gzip, or something this server cannot decode.
 */
public enum RequestCoding {
    /** No coding: no field, an empty one, or only {@code identity}. */
    IDENTITY,
    /** One gzip coding ({@code gzip}, or its alias {@code x-gzip}, §8.4.1.3). */
    GZIP,
    /** Any other coding, or several codings applied in turn: answered with 415 (§15.5.16). */
    UNSUPPORTED;

    /** The coding of a request with {@code headers}; every {@code Content-Encoding} line counts. */
    public static RequestCoding of(Headers headers) {
        List<String> codings = new ArrayList<>(1);
        for (String value : headers.all("Content-Encoding")) {
            for (String element : FieldLists.elements(value)) {
                String coding = element.toLowerCase(Locale.ROOT);
                // "identity" is reserved for Accept-Encoding (§12.5.3); as a coding it changes nothing.
                if (!coding.equals("identity")) {
                    codings.add(coding);
                }
            }
        }
        if (codings.isEmpty()) {
            return IDENTITY;
        }
        if (codings.size() == 1 && (codings.getFirst().equals("gzip") || codings.getFirst().equals("x-gzip"))) {
            return GZIP;
        }
        return UNSUPPORTED;
    }
}
