package app.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import protocol.Headers;
import protocol.Method;
import protocol.RequestHead;
import protocol.Status;
import protocol.TargetForm;
import protocol.Version;

/** The access log's line: the Combined Log Format, escaped, and the scheme and the request id after it. */
class AccessLogTest {

    private static final ZonedDateTime TIME = ZonedDateTime.of(2026, 12, 2, 1, 2, 3, 0, ZoneOffset.UTC);

    private static RequestHead head(Headers headers) {
        return new RequestHead(Method.GET, "/a.html?x=1", TargetForm.ORIGIN, "/a.html", Optional.of("x=1"),
                Version.HTTP_1_1, headers);
    }

    @Test
    void aCombinedLineEndsWithTheSchemeAndTheRequestId() {
        var headers = Headers.of("Referer", "https://example.org/", "User-Agent", "curl/8");
        assertEquals("127.0.0.1 - - [02/Dec/2026:01:02:03 +0000] \"GET /a.html?x=1 HTTP/1.1\" 200 512"
                        + " \"https://example.org/\" \"curl/8\" https 5f0c2a9e31-1a",
                AccessLog.combinedLine("127.0.0.1:5000", "https", head(headers), Status.OK, 512, TIME,
                        "5f0c2a9e31-1a"));
    }

    @Test
    void missingFieldsAndEmptyBodiesAreDashesAndQuotesAreEscaped() {
        var headers = Headers.of("User-Agent", "a \"quoted\" \\ agent");
        assertEquals("::1 - - [02/Dec/2026:01:02:03 +0000] \"GET /a.html?x=1 HTTP/1.1\" 304 -"
                        + " \"-\" \"a \\\"quoted\\\" \\\\ agent\" http client-id.7",
                AccessLog.combinedLine("::1:5000", "http", head(headers), Status.NOT_MODIFIED, 0, TIME, "client-id.7"));
    }

    @Test
    void durationsHaveThreeDecimals() {
        assertEquals("0.007", AccessLog.millis(7));
        assertEquals("0.070", AccessLog.millis(70));
        assertEquals("12.345", AccessLog.millis(12_345));
    }
}
