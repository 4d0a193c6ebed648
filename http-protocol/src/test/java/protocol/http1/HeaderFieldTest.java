package protocol.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static protocol.http1.Feed.assertRejected;
import static protocol.http1.Feed.request;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import protocol.Headers;
import protocol.ProtocolException.Reason;
import protocol.Request;

class HeaderFieldTest {

    private static final String LINE = "GET / HTTP/1.1\r\nHost: h\r\n";

    @Test
    void fieldsKeepOrderAndCaseAndAreLookedUpCaseInsensitively() {
        Request r = request(LINE + "X-A: 1\r\nx-a: 2\r\nAccept: */*\r\n\r\n");
        Headers h = r.headers();
        assertEquals(4, h.size());
        assertEquals(List.of("1", "2"), h.all("X-a"));
        assertEquals(Optional.of("*/*"), h.first("ACCEPT"));
        assertEquals(List.of("Host", "X-A", "x-a", "Accept"), iterNames(h));
    }

    private static List<String> iterNames(Headers h) {
        List<String> names = new java.util.ArrayList<>();
        h.forEach(f -> names.add(f.name()));
        return names;
    }

    @Test
    void valueWhitespaceIsTrimmedButInnerWhitespaceKept() {
        // RFC 9112 §5.1: OWS around the value is not part of it.
        Request r = request(LINE + "X:  \t a \t b\t  \r\nY:\r\nZ:   \r\n\r\n");
        assertEquals(Optional.of("a \t b"), r.headers().first("X"));
        assertEquals(Optional.of(""), r.headers().first("Y"));
        assertEquals(Optional.of(""), r.headers().first("Z"));
    }

    @Test
    void obsTextIsAllowedInValues() {
        // RFC 9110 §5.5: obs-text (0x80-0xFF) may appear; it is kept as ISO-8859-1.
        assertEquals(Optional.of("caf\u00e9\u00ff"), request(LINE + "X: caf\u00e9\u00ff\r\n\r\n").headers().first("X"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u0001", "\u001f", "\u007f", "\u000b", "\u000c"})
    void controlCharactersInValuesAreRejected(String control) {
        assertRejected(Reason.INVALID_FIELD_VALUE, LINE + "X: a" + control + "b\r\n\r\n");
    }

    @Test
    void horizontalTabIsAllowedInValues() {
        assertEquals(Optional.of("a\tb"), request(LINE + "X: a\tb\r\n\r\n").headers().first("X"));
    }

    @Test
    void whitespaceBeforeColonIsRejected() {
        // RFC 9112 §5.1: MUST reject with 400.
        assertRejected(Reason.WHITESPACE_BEFORE_COLON, LINE + "X : a\r\n\r\n");
        assertRejected(Reason.WHITESPACE_BEFORE_COLON, LINE + "X\t: a\r\n\r\n");
    }

    @Test
    void obsFoldIsRejected() {
        // RFC 9112 §5.2.
        assertRejected(Reason.OBS_FOLD, LINE + "X: a\r\n b\r\n\r\n");
        assertRejected(Reason.OBS_FOLD, LINE + "X: a\r\n\tb\r\n\r\n");
        assertRejected(Reason.OBS_FOLD, "GET / HTTP/1.1\r\n Host: h\r\n\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"X(Y: a", "X/Y: a", "X@: a", ": a", "NoColon", "X\u00e9: a", "X\"Y: a", "[X]: a",
        "X;Y: a", "X{: a"})
    void fieldNamesMustBeTokens(String fieldLine) {
        assertRejected(Reason.INVALID_FIELD_NAME, LINE + fieldLine + "\r\n\r\n");
    }

    @Test
    void bareCrAndBareLfAreRejectedInFields() {
        assertRejected(Reason.BARE_CR, LINE + "X: a\rb\r\n\r\n");
        assertRejected(Reason.BARE_LF, LINE + "X: a\nY: b\r\n\r\n");
        assertRejected(Reason.BARE_LF, LINE + "X: a\r\n\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content_Length", "content_length", "Transfer_Encoding", "TRANSFER_ENCODING"})
    void underscoreVariantsOfFramingNamesAreRejected(String name) {
        assertRejected(Reason.UNDERSCORE_IN_FRAMING_NAME, LINE + name + ": 5\r\n\r\n");
    }

    @Test
    void otherUnderscoreNamesAreFine() {
        assertEquals(Optional.of("1"), request(LINE + "X_Y: 1\r\n\r\n").headers().first("X_Y"));
    }

    @Test
    void headerSectionAtItsLimitIsAcceptedAndOneMoreIs431() {
        // The field lines with their CRLFs count; "Host: h\r\n" is 9 bytes.
        Limits limits = new Limits(64, 40, 10, 100, 16);
        String atLimit = "X: " + "a".repeat(40 - 9 - 5) + "\r\n";
        assertEquals(40, ("Host: h\r\n" + atLimit).length());
        Feed.request(limits, LINE + atLimit + "\r\n");
        String over = "X: " + "a".repeat(40 - 9 - 4) + "\r\n";
        assertEquals(Reason.HEADER_SECTION_TOO_LARGE, Feed.reject(limits, LINE + over + "\r\n"));
        assertEquals(431, Reason.HEADER_SECTION_TOO_LARGE.status().code());
    }

    @Test
    void headerSectionLimitAppliesAcrossManyShortLines() {
        Limits limits = new Limits(64, 40, 100, 100, 16);
        assertEquals(Reason.HEADER_SECTION_TOO_LARGE, Feed.reject(limits, LINE + "A: b\r\n".repeat(6) + "\r\n"));
        Feed.request(limits, LINE + "A: b\r\n".repeat(5) + "\r\n");
    }

    @Test
    void fieldCountAtItsLimitIsAcceptedAndOneMoreIs431() {
        Limits limits = new Limits(64, 1024, 5, 100, 16);
        Feed.request(limits, LINE + "A: b\r\n".repeat(4) + "\r\n");
        assertEquals(Reason.TOO_MANY_FIELDS, Feed.reject(limits, LINE + "A: b\r\n".repeat(5) + "\r\n"));
        assertEquals(431, Reason.TOO_MANY_FIELDS.status().code());
    }

    @Test
    void defaultLimitsMatchTheSpec() {
        assertEquals(new Limits(8192, 16384, 100, 1 << 20, 4096), Limits.DEFAULTS);
    }

    @Test
    void http11NeedsExactlyOneHost() {
        // RFC 9112 §3.2.
        assertRejected(Reason.MISSING_HOST, "GET / HTTP/1.1\r\n\r\n");
        assertRejected(Reason.DUPLICATE_HOST, "GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n");
        assertRejected(Reason.DUPLICATE_HOST, "GET / HTTP/1.0\r\nHost: a\r\nhost: b\r\n\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:8080", "127.0.0.1", "[::1]:80", "[2001:db8::1]", "example.com",
        "EXAMPLE.com:65535", "a-b.c_d~e", "[v1.x:y]", "xn--bcher-kva.example", "h%41st"})
    void validHostsAreAccepted(String host) {
        assertEquals(Optional.of(host), request("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n").head().host());
    }

    @ParameterizedTest
    @ValueSource(strings = {"user@host", "user:pw@host", "host:", "host:65536", "host:123456", "host:8a", "[::1",
        "[::1]x", "::1", "[zz::1]", "a b", "host/path", "host?q", "", "[]", "[v1]", "h%4"})
    void invalidHostsAreRejected(String host) {
        assertRejected(Reason.INVALID_HOST, "GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
    }

    @Test
    void http10MayOmitHostButOneItSendsIsChecked() {
        assertEquals(Optional.empty(), request("GET / HTTP/1.0\r\n\r\n").head().host());
        assertRejected(Reason.INVALID_HOST, "GET / HTTP/1.0\r\nHost: u@h\r\n\r\n");
    }

    @Test
    void twoContentTypesAreRejected() {
        assertRejected(Reason.DUPLICATE_CONTENT_TYPE,
                "POST /u HTTP/1.1\r\nHost: h\r\nContent-Type: a/b\r\nContent-type: a/b\r\n\r\n");
    }

    @Test
    void incompleteHeadNeedsMore() {
        Feed.assertNeedsMore(LINE + "X: a\r\n");
        Feed.assertNeedsMore(LINE + "X: a\r\n\r");
    }
}
