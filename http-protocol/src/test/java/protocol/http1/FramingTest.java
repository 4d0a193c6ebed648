package protocol.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static protocol.http1.Feed.assertRejected;
import static protocol.http1.Feed.request;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import protocol.Body;
import protocol.ProtocolException;
import protocol.ProtocolException.Reason;
import protocol.Request;

class FramingTest {

    private static final String POST = "POST /upload HTTP/1.1\r\nHost: h\r\n";

    @Test
    void contentLengthBodyIsRead() {
        Request r = request(POST + "Content-Length: 5\r\n\r\nhello");
        assertEquals("hello", new String(r.body().bytes(), ISO_8859_1));
        assertEquals(OptionalLong.of(5), r.head().contentLength());
        assertTrue(r.head().hasBody());
    }

    @Test
    void headReadyComesOnceBeforeAnyBodyByte() throws ProtocolException {
        RequestParser p = new RequestParser(Limits.DEFAULTS);
        ByteBuffer buf = ByteBuffer.wrap((POST + "Content-Length: 3\r\n\r\nabcGET").getBytes(ISO_8859_1));
        ParseResult.HeadReady ready = assertInstanceOf(ParseResult.HeadReady.class, p.parse(buf));
        assertEquals("/upload", ready.head().path());
        assertEquals(buf.limit() - 6, buf.position(), "no body byte consumed");
        ParseResult.Complete done = assertInstanceOf(ParseResult.Complete.class, p.parse(buf));
        assertEquals("abc", new String(done.request().body().bytes(), ISO_8859_1));
        assertEquals(3, buf.remaining(), "the next request's bytes stay");
        assertEquals(ParseResult.NEED_MORE, p.parse(buf));
    }

    @Test
    void requestWithoutBodyCompletesWithoutHeadReady() {
        Feed.Outcome o = Feed.allWays(Limits.DEFAULTS, POST + "Content-Length: 0\r\n\r\n" + POST + "\r\n");
        assertEquals(2, o.events().size());
        o.events().forEach(e -> assertInstanceOf(Request.class, e));
    }

    @Test
    void pipelinedRequestsComeOutInOrder() {
        String wire = "GET /1 HTTP/1.1\r\nHost: h\r\n\r\n" + POST + "Content-Length: 2\r\n\r\nab"
                + "HEAD /3 HTTP/1.1\r\nHost: h\r\n\r\nGET /4";
        Feed.Outcome o = Feed.allWays(Limits.DEFAULTS, wire);
        List<String> paths = o.requests().stream().map(Request::path).toList();
        assertEquals(List.of("/1", "/upload", "/3"), paths);
        assertTrue(o.midRequest());
    }

    @Test
    void contentLengthWithTransferEncodingIsRejected() {
        // RFC 9112 §6.1.
        assertRejected(Reason.CONTENT_LENGTH_WITH_TRANSFER_ENCODING,
                POST + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        assertRejected(Reason.CONTENT_LENGTH_WITH_TRANSFER_ENCODING,
                POST + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n");
    }

    @Test
    void duplicateContentLengthIsRejectedEvenWhenEqual() {
        assertRejected(Reason.DUPLICATE_CONTENT_LENGTH, POST + "Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc");
        assertRejected(Reason.DUPLICATE_CONTENT_LENGTH, POST + "Content-Length: 3, 3\r\n\r\nabc");
        assertRejected(Reason.DUPLICATE_CONTENT_LENGTH, POST + "Content-Length: 3,3\r\n\r\nabc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+3", "-3", "0x3", "03", "00", "3 3", "3a", "", "1234567890123456789", "3.0", "\u00b3"})
    void contentLengthMustBePlainDigits(String value) {
        assertRejected(Reason.INVALID_CONTENT_LENGTH, POST + "Content-Length: " + value + "\r\n\r\n");
    }

    @Test
    void eighteenDigitContentLengthIsValidButTooLarge() {
        assertRejected(Reason.BODY_TOO_LARGE, POST + "Content-Length: 999999999999999999\r\n\r\n");
    }

    @Test
    void bodyLimitAtLimitIsAcceptedAndOneMoreIs413() {
        Limits limits = Limits.DEFAULTS.withMaxBodyBytes(4);
        assertEquals(4, Feed.request(limits, POST + "Content-Length: 4\r\n\r\nabcd").body().length());
        Feed.Outcome over = Feed.allWays(limits, POST + "Content-Length: 5\r\n\r\nabcde");
        assertEquals(Reason.BODY_TOO_LARGE, over.failure().orElseThrow());
        assertTrue(over.events().isEmpty(), "413 comes before HeadReady");
        assertEquals(413, Reason.BODY_TOO_LARGE.status().code());
    }

    @Test
    void transferEncodingOnHttp10IsRejected() {
        assertRejected(Reason.TRANSFER_ENCODING_IN_HTTP_1_0,
                "POST /u HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chunked, chunked", "gzip, chunked", "chunked;q=1", "chunked ;x", "", "chunked,", ",chunked",
        "\"chunked\""})
    void transferEncodingMustBeExactlyChunked(String value) {
        assertRejected(Reason.INVALID_TRANSFER_ENCODING, POST + "Transfer-Encoding: " + value + "\r\n\r\n0\r\n\r\n");
    }

    @Test
    void repeatedTransferEncodingFieldsAreRejected() {
        assertRejected(Reason.INVALID_TRANSFER_ENCODING,
                POST + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "deflate", "compress", "x-gzip", "identity", "br"})
    void aSingleUnsupportedCodingIs501(String coding) {
        assertRejected(Reason.UNSUPPORTED_TRANSFER_CODING, POST + "Transfer-Encoding: " + coding + "\r\n\r\n");
        assertEquals(501, Reason.UNSUPPORTED_TRANSFER_CODING.status().code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Chunked", "CHUNKED", " chunked "})
    void chunkedIsCaseInsensitive(String coding) {
        assertTrue(request(POST + "Transfer-Encoding: " + coding + "\r\n\r\n0\r\n\r\n").head().chunked());
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS", "TRACE"})
    void bodyOnBodilessMethodsIsRejected(String method) {
        String line = method + " / HTTP/1.1\r\nHost: h\r\n";
        assertRejected(Reason.BODY_NOT_ALLOWED, line + "Content-Length: 1\r\n\r\nx");
        assertRejected(Reason.BODY_NOT_ALLOWED, line + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        request(line + "Content-Length: 0\r\n\r\n");
    }

    @Test
    void postWithoutFramingHasAnEmptyBody() {
        // RFC 9112 §6.3: neither field in a request means no body.
        Request r = request(POST + "\r\n");
        assertEquals(Body.EMPTY, r.body());
        assertEquals(false, r.head().hasBody());
    }

    @Test
    void failedParserStaysFailed() {
        RequestParser p = new RequestParser(Limits.DEFAULTS);
        assertThrows(ProtocolException.class, () -> Feed.parseOnce(p, "GET / HTTP/1.1\n"));
        ProtocolException again = assertThrows(ProtocolException.class, () -> Feed.parseOnce(p, "GET / HTTP/1.1\r\n"));
        assertEquals(Reason.BARE_LF, again.reason());
    }

    @Test
    void largeBodySplitAcrossManyBuffers() throws ProtocolException {
        int n = 200_000;
        RequestParser p = new RequestParser(Limits.DEFAULTS);
        assertInstanceOf(ParseResult.HeadReady.class, Feed.parseOnce(p, POST + "Content-Length: " + n + "\r\n\r\n"));
        byte[] chunk = new byte[1000];
        ParseResult last = null;
        for (int i = 0; i < n / 1000; i++) {
            java.util.Arrays.fill(chunk, (byte) i);
            last = p.parse(ByteBuffer.wrap(chunk));
        }
        Request r = assertInstanceOf(ParseResult.Complete.class, last).request();
        assertEquals(n, r.body().length());
        assertEquals((byte) 199, r.body().bytes()[n - 1]);
    }
}
