package protocol.http1;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static protocol.http1.Feed.assertRejected;
import static protocol.http1.Feed.request;

import java.nio.ByteBuffer;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import protocol.Body;
import protocol.Method;
import protocol.ProtocolException;
import protocol.ProtocolException.Reason;
import protocol.Request;
import protocol.TargetForm;
import protocol.Version;

class RequestLineTest {

    private static final String HOST = "Host: example.com\r\n\r\n";

    @Test
    void parsesOriginForm() {
        Request r = request("GET /a/b%20c?x=1&y=?z HTTP/1.1\r\n" + HOST);
        assertEquals(Method.GET, r.method());
        assertEquals("/a/b%20c?x=1&y=?z", r.target());
        assertEquals(TargetForm.ORIGIN, r.head().form());
        assertEquals("/a/b%20c", r.path());
        assertEquals(Optional.of("x=1&y=?z"), r.query());
        assertEquals(Version.HTTP_1_1, r.version());
        assertEquals(Body.EMPTY, r.body());
    }

    @Test
    void theMethodIsKnownOnceTheRequestLineIsReadEvenIfTheHeadIsRejected() throws Exception {
        var parser = new RequestParser(Limits.DEFAULTS);
        assertEquals(Optional.empty(), parser.method());
        assertEquals(ParseResult.NEED_MORE, parser.parse(ByteBuffer.wrap("HEAD / HT".getBytes(
                US_ASCII))));
        assertEquals(Optional.empty(), parser.method());
        var rest = ByteBuffer.wrap("TP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"
                .getBytes(US_ASCII));
        assertThrows(ProtocolException.class, () -> parser.parse(rest));
        assertEquals(Optional.of(Method.HEAD), parser.method());
    }

    @Test
    void emptyQueryIsPresentButEmpty() {
        assertEquals(Optional.of(""), request("GET /?  HTTP/1.1\r\n".replace("  ", " ") + HOST).query());
    }

    @Test
    void parsesAbsoluteFormWhoseAuthorityEqualsHost() {
        Request r = request("GET http://Example.com/x?q HTTP/1.1\r\nHost: example.com\r\n\r\n");
        assertEquals(TargetForm.ABSOLUTE, r.head().form());
        assertEquals("/x", r.path());
        assertEquals(Optional.of("q"), r.query());
        assertEquals(Optional.of("example.com"), r.head().host());
    }

    @Test
    void absoluteFormWithoutPathMeansSlash() {
        assertEquals("/", request("GET http://example.com HTTP/1.1\r\n" + HOST).path());
    }

    @Test
    void absoluteFormGivesHostToHttp10WithoutHostField() {
        Request r = request("GET https://example.com:8443/ HTTP/1.0\r\n\r\n");
        assertEquals(Optional.of("example.com:8443"), r.head().host());
    }

    @Test
    void absoluteFormAuthorityMustEqualHost() {
        // RFC 9112 §3.2.2, strict: a disagreement is refused rather than resolved.
        assertRejected(Reason.HOST_MISMATCH, "GET http://evil.com/ HTTP/1.1\r\n" + HOST);
        assertRejected(Reason.HOST_MISMATCH, "GET http://example.com:80/ HTTP/1.1\r\n" + HOST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://user@example.com/", "http:///x", "ftp://example.com/", "http://exa mple.com/"})
    void badAbsoluteFormsAreRejected(String target) {
        assertEquals(400, Feed.reject("GET " + target + " HTTP/1.1\r\n" + HOST).status().code());
    }

    @Test
    void asteriskFormOnlyWithOptions() {
        // RFC 9112 §3.2.4.
        Request r = request("OPTIONS * HTTP/1.1\r\n" + HOST);
        assertEquals(TargetForm.ASTERISK, r.head().form());
        assertEquals("*", r.path());
        assertRejected(Reason.ASTERISK_WITHOUT_OPTIONS, "GET * HTTP/1.1\r\n" + HOST);
    }

    @Test
    void authorityFormIsRejected() {
        // RFC 9112 §3.2.3: only for CONNECT, which this server does not tunnel.
        assertRejected(Reason.INVALID_TARGET, "CONNECT example.com:443 HTTP/1.1\r\n" + HOST);
        assertRejected(Reason.INVALID_TARGET, "GET example.com:80 HTTP/1.1\r\n" + HOST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a#frag", "/a\"b", "/<x>", "/a\\b", "/a{b}", "/a|b", "/a^b", "/a`b", "/\u00e9", "/%zz",
        "/%4", "/%"})
    void targetCharactersOutsideRfc3986AreRejected(String target) {
        assertRejected(Reason.INVALID_TARGET, "GET " + target + " HTTP/1.1\r\n" + HOST);
    }

    @Test
    void unknownMethodIsNotAParseError() {
        Request r = request("BREW /pot HTTP/1.1\r\n" + HOST);
        assertEquals("BREW", r.method().name());
        assertEquals(false, r.method().isStandard());
        assertEquals(Method.of("BREW"), r.method());
    }

    @Test
    void methodIsCaseSensitive() {
        // RFC 9110 §9.1: "get" is another method than "GET".
        Request r = request("get / HTTP/1.1\r\n" + HOST);
        assertEquals("get", r.method().name());
        assertEquals(false, r.method().equals(Method.GET));
    }

    @ParameterizedTest
    @ValueSource(strings = {"G(T / HTTP/1.1", "GE\u0000T / HTTP/1.1", "GE\u007fT / HTTP/1.1", "GET\t/ / HTTP/1.1"})
    void methodMustBeAToken(String line) {
        assertRejected(Reason.INVALID_METHOD, line + "\r\n" + HOST);
    }

    @ParameterizedTest
    @ValueSource(strings = {" GET / HTTP/1.1", "GET  / HTTP/1.1", "GET /  HTTP/1.1", "GET / HTTP/1.1 ", "GET /",
        "GET", "GET /HTTP/1.1", "GET / / HTTP/1.1"})
    void requestLineNeedsExactlySingleSpaces(String line) {
        assertEquals(400, Feed.reject(line + "\r\n" + HOST).status().code(), line);
    }

    @Test
    void http10IsAccepted() {
        Request r = request("GET / HTTP/1.0\r\n\r\n");
        assertEquals(Version.HTTP_1_0, r.version());
        assertEquals(Optional.empty(), r.head().host());
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/2.0", "HTTP/0.9", "HTTP/1.2", "HTTP/3.0", "HTTP/9.9"})
    void otherWellFormedVersionsAre505(String version) {
        assertRejected(Reason.UNSUPPORTED_VERSION, "GET / " + version + "\r\n" + HOST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http/1.1", "HTTP/1.10", "HTTP/11", "HTTP/1", "HTTP/a.b", "HTTP 1.1", "HTTPS/1.1",
        "HTTP/1.1x", "HTTP/2"})
    void malformedVersionsAre400(String version) {
        assertRejected(Reason.INVALID_VERSION, "GET / " + version + "\r\n" + HOST);
    }

    @Test
    void requestLineAtItsLimitIsAcceptedAndOneMoreIs414() {
        Limits limits = new Limits(64, 1024, 10, 100, 16);
        String prefix = "GET /";
        String suffix = " HTTP/1.1";
        String atLimit = prefix + "a".repeat(64 - prefix.length() - suffix.length()) + suffix;
        assertEquals(64, atLimit.length());
        Feed.request(limits, atLimit + "\r\n" + HOST);
        String over = prefix + "a".repeat(65 - prefix.length() - suffix.length()) + suffix;
        assertEquals(Reason.REQUEST_LINE_TOO_LONG, Feed.reject(limits, over + "\r\n" + HOST));
        assertEquals(414, Reason.REQUEST_LINE_TOO_LONG.status().code());
    }

    @Test
    void overlongRequestLineIsRejectedBeforeItsEnd() {
        Limits limits = new Limits(64, 1024, 10, 100, 16);
        assertEquals(Reason.REQUEST_LINE_TOO_LONG, Feed.reject(limits, "GET /" + "a".repeat(100)));
    }

    @Test
    void leadingEmptyLinesAreIgnoredUpToABound() {
        // RFC 9112 §2.2: SHOULD ignore at least one empty line before the request line.
        String crlfs = "\r\n".repeat(RequestParser.MAX_EMPTY_LINES);
        assertEquals("/", request(crlfs + "GET / HTTP/1.1\r\n" + HOST).path());
        assertRejected(Reason.TOO_MANY_EMPTY_LINES, crlfs + "\r\nGET / HTTP/1.1\r\n" + HOST);
    }

    @Test
    void emptyLinesAloneDoNotBeginARequest() throws ProtocolException {
        var parser = new RequestParser(Limits.DEFAULTS);
        assertEquals(true, parser.awaitingRequestLine());
        var bytes = ByteBuffer.wrap(("GET / HTTP/1.1\r\n" + HOST + "\r\n\r\n").getBytes(US_ASCII));
        assertEquals(ParseResult.Complete.class, parser.parse(bytes).getClass());
        assertEquals(true, parser.idle());
        assertEquals(ParseResult.NEED_MORE, parser.parse(bytes), "the empty lines after it");
        assertEquals(false, parser.idle(), "empty lines were consumed");
        assertEquals(true, parser.awaitingRequestLine());
        parser.parse(ByteBuffer.wrap("\r".getBytes(US_ASCII)));
        assertEquals(false, parser.awaitingRequestLine(), "a CR may begin a bare CR");
        parser = new RequestParser(Limits.DEFAULTS);
        parser.parse(ByteBuffer.wrap("\r\nG".getBytes(US_ASCII)));
        assertEquals(false, parser.awaitingRequestLine());
    }

    @Test
    void bareLfAndBareCrAreRejectedInTheRequestLine() {
        assertRejected(Reason.BARE_LF, "GET / HTTP/1.1\n" + HOST);
        assertRejected(Reason.BARE_CR, "GET /\r HTTP/1.1\r\n" + HOST);
        assertRejected(Reason.BARE_LF, "\nGET / HTTP/1.1\r\n" + HOST);
    }

    @Test
    void incompleteRequestLineNeedsMore() {
        Feed.assertNeedsMore("GET / HTTP/1.1\r");
        Feed.assertNeedsMore("\r\n\r\nGET");
    }
}
