package bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import protocol.Headers;
import protocol.HttpDate;
import protocol.ProtocolException;
import protocol.Status;
import protocol.http1.Limits;
import protocol.http1.ParseResult;
import protocol.http1.RequestParser;
import protocol.http1.ResponseHead;

/**
 * The HTTP/1.1 codec on the path of every request: parsing a browser's GET and wrk's minimal one
 * on a keep-alive connection (one parser, request after request), and writing the head of a
 * static file's 200.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Http1Benchmarks {

    /** What a browser sends for a page: eight fields, 438 bytes. */
    private static final byte[] BROWSER_GET = ("GET /about.html HTTP/1.1\r\n"
            + "Host: 127.0.0.1:8080\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36\r\n"
            + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8\r\n"
            + "Accept-Language: en-GB,en;q=0.9\r\n"
            + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
            + "Connection: keep-alive\r\n"
            + "If-None-Match: \"c84c4ce9758b0939-5b7-6b104603-185e03e7\"\r\n"
            + "Sec-Fetch-Mode: navigate\r\n"
            + "\r\n").getBytes(StandardCharsets.US_ASCII);

    /** What wrk sends: the request line and Host. */
    private static final byte[] MINIMAL_GET = "GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final RequestParser parser = new RequestParser(Limits.DEFAULTS);
    private final ByteBuffer browser = ByteBuffer.wrap(BROWSER_GET);
    private final ByteBuffer minimal = ByteBuffer.wrap(MINIMAL_GET);
    private final ByteBuffer out = ByteBuffer.allocate(1024);
    private ResponseHead fileHead;

    @Setup
    public void setUp() {
        fileHead = new ResponseHead(Status.OK, Headers.of(
                "Date", HttpDate.format(Instant.parse("2026-12-02T17:00:00Z")),
                "Server", "http-server/0.1.0",
                "Content-Type", "text/html; charset=utf-8",
                "ETag", "\"c84c4ce9758b0939-5b7-6b104603-185e03e7\"",
                "Last-Modified", "Wed, 02 Dec 2026 16:20:00 GMT",
                "Accept-Ranges", "bytes",
                "Vary", "Accept-Encoding",
                "X-Content-Type-Options", "nosniff",
                "Content-Length", "5524"));
    }

    @Benchmark
    public ParseResult parseBrowserGet() throws ProtocolException {
        return parser.parse(browser.clear());
    }

    @Benchmark
    public ParseResult parseMinimalGet() throws ProtocolException {
        return parser.parse(minimal.clear());
    }

    @Benchmark
    public ByteBuffer writeFileHead() {
        fileHead.writeTo(out.clear());
        return out;
    }
}
