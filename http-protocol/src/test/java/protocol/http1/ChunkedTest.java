package protocol.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static protocol.http1.Feed.assertRejected;
import static protocol.http1.Feed.request;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import protocol.ProtocolException.Reason;
import protocol.Request;

class ChunkedTest {

    private static final String HEAD = "POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";

    private static String body(String wire) {
        return new String(request(HEAD + wire).body().bytes(), ISO_8859_1);
    }

    @Test
    void decodesChunks() {
        assertEquals("hello world", body("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"));
        assertEquals("", body("0\r\n\r\n"));
        assertEquals("0123456789abcdefg", body("11\r\n0123456789abcdefg\r\n0\r\n\r\n"));
        assertEquals("x".repeat(0xAB), body("aB\r\n" + "x".repeat(0xAB) + "\r\n0\r\n\r\n"));
    }

    @Test
    void sixteenHexDigitsAreAllowed() {
        assertEquals("abc", body("0000000000000003\r\nabc\r\n0000000000000000\r\n\r\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+5", "-5", "0x5", " 5", "5 ", "5\t", "", "g", "00000000000000005", "5g", "5.0"})
    void malformedChunkSizesAreRejected(String size) {
        assertRejected(Reason.INVALID_CHUNK_SIZE, HEAD + size + "\r\nhello\r\n0\r\n\r\n");
    }

    @Test
    void chunkSizeOverTheBodyLimitIs413() {
        Limits limits = Limits.DEFAULTS.withMaxBodyBytes(10);
        assertEquals(10, Feed.request(limits, HEAD + "6\r\nabcdef\r\n4\r\nghij\r\n0\r\n\r\n").body().length());
        assertEquals(Reason.BODY_TOO_LARGE, Feed.reject(limits, HEAD + "6\r\nabcdef\r\n5\r\nghijk\r\n0\r\n\r\n"));
        assertEquals(Reason.BODY_TOO_LARGE, Feed.reject(limits, HEAD + "ffffffffffffffff\r\n"));
        assertEquals(Reason.BODY_TOO_LARGE, Feed.reject(limits, HEAD + "7fffffffffffffff\r\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {";a", ";a=b", ";a=\"b c\"", " ;a", "\t; a = b", ";a;b=c;d=\"\\\"q\\\"\"", ";a=\"\"",
        ";a=\"\u00e9\""})
    void validChunkExtensionsAreAcceptedAndDropped(String ext) {
        assertEquals("abc", body("3" + ext + "\r\nabc\r\n0" + ext + "\r\n\r\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {";", "; ", ";=b", ";a=", ";a=\"b", ";a=b c", ";a b", ";a;", ";a=\"\u0001\"", ";a=b;",
        ";a=(b)", ";a ", ";a=b ", ";a=\"x\"y"})
    void invalidChunkExtensionsAreRejected(String ext) {
        assertRejected(Reason.INVALID_CHUNK_EXTENSION, HEAD + "3" + ext + "\r\nabc\r\n0\r\n\r\n");
    }

    @Test
    void chunkExtensionsShareOneBudgetPerMessage() {
        Limits limits = new Limits(64, 1024, 10, 100, 8);
        assertEquals(2, Feed.request(limits, HEAD + "1;abcde\r\na\r\n1;a\r\nb\r\n0\r\n\r\n").body().length());
        assertEquals(Reason.CHUNK_EXTENSION_TOO_LONG,
                Feed.reject(limits, HEAD + "1;abcde\r\na\r\n1;ab\r\nb\r\n0\r\n\r\n"));
        assertEquals(Reason.CHUNK_EXTENSION_TOO_LONG, Feed.reject(limits, HEAD + "1;" + "a".repeat(100)));
    }

    @Test
    void chunkDataMustEndWithCrlf() {
        assertRejected(Reason.CHUNK_NOT_TERMINATED, HEAD + "3\r\nabcd\r\n0\r\n\r\n");
        assertRejected(Reason.CHUNK_NOT_TERMINATED, HEAD + "3\r\nabc\n0\r\n\r\n");
        assertRejected(Reason.CHUNK_NOT_TERMINATED, HEAD + "3\r\nabc\rX0\r\n\r\n");
    }

    @Test
    void bareLfInChunkFramingIsRejected() {
        assertRejected(Reason.BARE_LF, HEAD + "3\nabc\r\n0\r\n\r\n");
        assertRejected(Reason.BARE_LF, HEAD + "3\r\nabc\r\n0\n\r\n");
        assertRejected(Reason.BARE_LF, HEAD + "3\r\nabc\r\n0\r\n\n");
        assertRejected(Reason.BARE_CR, HEAD + "3\rabc\r\n0\r\n\r\n");
    }

    @Test
    void allowedTrailersAreDiscarded() {
        Request r = request(HEAD + "3\r\nabc\r\n0\r\nX-Checksum: 1\r\nServer-Timing: a\r\n\r\n");
        assertEquals(3, r.body().length());
        assertEquals(false, r.headers().contains("X-Checksum"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length", "transfer-encoding", "Host", "Authorization", "Content-Type",
        "Content-Encoding", "Content-Range", "Trailer", "Expect", "Range", "Connection", "Keep-Alive", "TE", "Upgrade",
        "Cookie", "Set-Cookie", "Proxy-Authorization", "Cache-Control", "Max-Forwards", "If-Match",
        "If-Modified-Since"})
    void forbiddenTrailersAreRejected(String name) {
        assertRejected(Reason.FORBIDDEN_TRAILER, HEAD + "0\r\n" + name + ": 1\r\n\r\n");
    }

    @Test
    void trailerLinesFollowFieldSyntax() {
        assertRejected(Reason.OBS_FOLD, HEAD + "0\r\nX: a\r\n b\r\n\r\n");
        assertRejected(Reason.WHITESPACE_BEFORE_COLON, HEAD + "0\r\nX : a\r\n\r\n");
        assertRejected(Reason.INVALID_FIELD_VALUE, HEAD + "0\r\nX: \u0000\r\n\r\n");
    }

    @Test
    void trailerSectionIsBoundedLikeTheHeaderSection() {
        Limits limits = new Limits(64, 64, 3, 100, 8);
        String head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
        Feed.request(limits, head + "0\r\n" + "A: b\r\n".repeat(3) + "\r\n");
        assertEquals(Reason.TRAILER_SECTION_TOO_LARGE, Feed.reject(limits, head + "0\r\n" + "A: b\r\n".repeat(4) + "\r\n"));
        assertEquals(Reason.TRAILER_SECTION_TOO_LARGE, Feed.reject(limits, head + "0\r\nA: " + "b".repeat(60) + "\r\n\r\n"));
    }

    @Test
    void chunkedRequestsPipeline() {
        Feed.Outcome o = Feed.allWays(Limits.DEFAULTS, HEAD + "1\r\na\r\n0\r\n\r\n" + HEAD + "0\r\n\r\n");
        assertEquals(2, o.requests().size());
        assertEquals(4, o.events().size(), "a HeadReady before each");
    }
}
