package protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static protocol.ContentCoding.BR;
import static protocol.ContentCoding.GZIP;
import static protocol.ContentCoding.IDENTITY;
import static protocol.ContentCoding.ZSTD;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AcceptEncodingTest {

    private static final Set<ContentCoding> ALL = EnumSet.allOf(ContentCoding.class);

    /** Codings as a string of initials: b = br, z = zstd, g = gzip, i = identity; "-" = none. */
    private static Set<ContentCoding> codings(String initials) {
        Set<ContentCoding> set = EnumSet.noneOf(ContentCoding.class);
        for (char c : initials.toCharArray()) {
            switch (c) {
                case 'b' -> set.add(BR);
                case 'z' -> set.add(ZSTD);
                case 'g' -> set.add(GZIP);
                case 'i' -> set.add(IDENTITY);
                case '-' -> { }
                default -> throw new IllegalArgumentException("initial " + c);
            }
        }
        return set;
    }

    private static Optional<ContentCoding> coding(String token) {
        return token.equals("406") ? Optional.empty() : ContentCoding.of(token);
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' from {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            # field value                    | available | chosen
            NULL                             | bzgi      | identity
            ''                               | bzgi      | identity
            '  ,  ,'                         | bzgi      | identity
            gzip                             | bzgi      | gzip
            gzip                             | bzi       | identity
            GZIP                             | gi        | gzip
            x-gzip                           | gi        | gzip
            X-GZip;Q=0.5                     | gi        | gzip
            br                               | bzgi      | br
            'gzip, br'                       | bzgi      | br
            'br, gzip'                       | bzgi      | br
            'gzip, deflate, br, zstd'        | bzgi      | br
            'gzip, deflate, br, zstd'        | zgi       | zstd
            'gzip, deflate, br, zstd'        | gi        | gzip
            'gzip, deflate, br, zstd'        | i         | identity
            'gzip;q=1.0, br;q=0.9'           | bzgi      | gzip
            'gzip;q=0.8, br;q=0.8'           | bzgi      | br
            'gzip;q=0.001, br;q=0'           | bzgi      | gzip
            'zstd;q=0.5, gzip;q=0.5'         | bzgi      | zstd
            'br;q=0.2, zstd;q=0.3'           | bzgi      | zstd
            'gzip;q=0.5, identity;q=0.6'     | bzgi      | identity
            'gzip;q=0.5, identity;q=0.5'     | bzgi      | gzip
            'gzip;q=0'                       | gi        | identity
            deflate                          | bzgi      | identity
            '*'                              | bzgi      | br
            '*'                              | gi        | gzip
            '*'                              | i         | identity
            '*;q=0.5, gzip'                  | bzgi      | gzip
            '*;q=0.5, identity'              | bzgi      | identity
            '*, br;q=0'                      | bzgi      | zstd
            '*;q=0'                          | bzgi      | 406
            '*;q=0, gzip'                    | bzgi      | gzip
            '*;q=0, gzip'                    | bi        | 406
            '*;q=0, identity'                | bzgi      | identity
            '*;q=0, identity;q=0.1'          | bzgi      | identity
            'identity;q=0'                   | bzgi      | 406
            'identity;q=0'                   | i         | 406
            'identity;q=0, gzip'             | gi        | gzip
            'identity;q=0, gzip'             | bi        | 406
            'identity;q=0, *'                | bzgi      | br
            'identity;q=0, *'                | i         | 406
            'identity;q=0.000'               | i         | 406
            'identity;q=0.001'               | i         | identity
            'identity, identity;q=0'         | i         | identity
            'gzip;q=0, gzip'                 | gi        | identity
            'br;q=0.999, gzip;q=1.000'       | bgi       | gzip
            'br;q=0.9, gzip;q=0.90'          | bgi       | br
            'br ; q=0.5 , gzip'              | bgi       | gzip
            'br\t;\tq=0.5,\tgzip'            | bgi       | gzip
            'br;q=0.5, gzip;q=0.4'           | gi        | gzip
            'compress, br'                   | -         | 406
            gzip                             | -         | 406
            'br;q=1.001'                     | bzgi      | identity
            'br;q=2'                         | bzgi      | identity
            'br;q=0.1234'                    | bzgi      | identity
            'br;q=.5'                        | bzgi      | identity
            'br;q=0,5'                       | bzgi      | identity
            'br;q='                          | bzgi      | identity
            'br;q = 0.5'                     | bzgi      | identity
            'br;level=5'                     | bzgi      | identity
            'br;q=0.5;q=0.6'                 | bzgi      | identity
            'br;'                            | bzgi      | identity
            'b r'                            | bzgi      | identity
            '"br"'                           | bzgi      | identity
            'br, ;q=1'                       | bzgi      | identity
            'br;q=-0'                        | bzgi      | identity
            'br;q=1.'                        | bzgi      | br
            'br;q=0.'                        | bzgi      | identity
            'gzip, br/1'                     | bzgi      | identity
            """)
    void chooses(String value, String available, String chosen) {
        AcceptEncoding accept = value == null ? AcceptEncoding.ABSENT : AcceptEncoding.parse(value);
        assertEquals(coding(chosen), accept.choose(codings(available)));
        if (accept.stated()) {
            assertEquals(accept, AcceptEncoding.parse(accept.toString()), "the value it prints reads back the same");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"br;q=1.001", "br;q=0.1234", "gzip;q=5", "br;q= 0.5", "gzip, br;q", ";q=0.5", "gz ip",
        "gzip\u000B", "gzip;q=0.5 x", "gzip;x=1;q=0.5", "br;Q=0.5;", "gzíp", "gzip;q=0x1", "br\r\n"})
    void malformedValuesAreAbsent(String value) {
        assertEquals(AcceptEncoding.ABSENT, AcceptEncoding.parse(value));
    }

    @Test
    void qualities() {
        AcceptEncoding accept = AcceptEncoding.parse("Gzip;q=0.5, BR;q=0.25, *;q=0.1, zstd;q=0");
        assertTrue(accept.stated());
        assertEquals(List.of(new AcceptEncoding.Preference("gzip", 500), new AcceptEncoding.Preference("br", 250),
                new AcceptEncoding.Preference("*", 100), new AcceptEncoding.Preference("zstd", 0)), accept.preferences());
        assertEquals(OptionalInt.of(500), accept.quality(GZIP));
        assertEquals(OptionalInt.of(250), accept.quality(BR));
        assertEquals(OptionalInt.empty(), accept.quality(ZSTD));
        assertEquals(OptionalInt.of(100), accept.quality(IDENTITY), "identity falls under *");
        assertEquals(OptionalInt.of(0), AcceptEncoding.ABSENT.quality(IDENTITY), "acceptable, by default");
        assertEquals(OptionalInt.empty(), AcceptEncoding.ABSENT.quality(GZIP));
        assertEquals("gzip;q=0.5, br;q=0.25, *;q=0.1, zstd;q=0", accept.toString());
    }

    @Test
    void everyFieldOfTheNameIsOneList() {
        Headers headers = Headers.of("Accept-Encoding", "identity;q=0", "accept-encoding", "gzip;q=0.5");
        assertEquals(Optional.of(GZIP), AcceptEncoding.of(headers).choose(ALL));
        assertEquals(AcceptEncoding.ABSENT, AcceptEncoding.of(Headers.EMPTY));
        assertEquals(AcceptEncoding.ABSENT, AcceptEncoding.of(Headers.of("Accept-Encoding", "gzip;q=9")));
        assertEquals(Optional.empty(), AcceptEncoding.of(Headers.of("Accept-Encoding", "*;q=0")).choose(ALL));
    }

    @Test
    void codingTokens() {
        assertEquals(Optional.of(GZIP), ContentCoding.of("X-Gzip"));
        assertEquals(Optional.of(ZSTD), ContentCoding.of("ZSTD"));
        assertEquals(Optional.empty(), ContentCoding.of("deflate"));
        assertEquals(Optional.empty(), ContentCoding.of("*"));
        assertEquals("br", BR.token());
    }

    @Test
    void preferencesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new AcceptEncoding.Preference("Gzip", 1000));
        assertThrows(IllegalArgumentException.class, () -> new AcceptEncoding.Preference("g zip", 1000));
        assertThrows(IllegalArgumentException.class, () -> new AcceptEncoding.Preference("gzip", 1001));
        assertThrows(IllegalArgumentException.class, () -> new AcceptEncoding.Preference("gzip", -1));
        assertThrows(IllegalArgumentException.class,
                () -> new AcceptEncoding(false, List.of(new AcceptEncoding.Preference("gzip", 1))));
        assertFalse(AcceptEncoding.ABSENT.stated());
    }
}
