package bench;

import java.nio.ByteBuffer;
import java.util.List;
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
import protocol.hpack.HeaderField;
import protocol.hpack.HpackDecoder;
import protocol.hpack.HpackEncoder;
import protocol.hpack.HpackException;

/**
 * HPACK (RFC 7541) as an HTTP/2 connection uses it: a browser's request decoded the first time
 * (literals, Huffman, table insertions) and again on the same connection (table references), and
 * a file's response fields encoded with the table warm.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HpackBenchmarks {

    private static final List<HeaderField> REQUEST = List.of(
            new HeaderField(":method", "GET"),
            new HeaderField(":scheme", "https"),
            new HeaderField(":authority", "127.0.0.1:8443"),
            new HeaderField(":path", "/about.html"),
            new HeaderField("user-agent",
                    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"),
            new HeaderField("accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
            new HeaderField("accept-language", "en-GB,en;q=0.9"),
            new HeaderField("accept-encoding", "gzip, deflate, br, zstd"));

    private static final List<HeaderField> RESPONSE = List.of(
            new HeaderField(":status", "200"),
            new HeaderField("date", "Wed, 02 Dec 2026 17:00:00 GMT"),
            new HeaderField("server", "http-server/0.1.0"),
            new HeaderField("content-type", "text/html; charset=utf-8"),
            new HeaderField("etag", "\"c84c4ce9758b0939-5b7-6b104603-185e03e7\""),
            new HeaderField("last-modified", "Wed, 02 Dec 2026 16:20:00 GMT"),
            new HeaderField("accept-ranges", "bytes"),
            new HeaderField("vary", "Accept-Encoding"),
            new HeaderField("x-content-type-options", "nosniff"),
            new HeaderField("content-length", "5524"));

    private byte[] firstBlock;
    private byte[] repeatBlock;
    private HpackDecoder warmDecoder;
    private HpackEncoder warmEncoder;

    @Setup
    public void setUp() throws HpackException {
        var encoder = new HpackEncoder(4096);
        firstBlock = encoder.encode(REQUEST);
        repeatBlock = encoder.encode(REQUEST);
        warmDecoder = new HpackDecoder(4096, 16 * 1024);
        warmDecoder.decode(ByteBuffer.wrap(firstBlock));
        warmEncoder = new HpackEncoder(4096);
        warmEncoder.encode(RESPONSE);
    }

    @Benchmark
    public List<HeaderField> decodeFirstRequest() throws HpackException {
        return new HpackDecoder(4096, 16 * 1024).decode(ByteBuffer.wrap(firstBlock));
    }

    @Benchmark
    public List<HeaderField> decodeRepeatedRequest() throws HpackException {
        return warmDecoder.decode(ByteBuffer.wrap(repeatBlock));
    }

    @Benchmark
    public byte[] encodeResponse() {
        return warmEncoder.encode(RESPONSE);
    }
}
