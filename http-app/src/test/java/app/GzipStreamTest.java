package app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.handler.Handler;
import app.handler.Response;
import app.handler.ResponseBody;
import fs.GzipEncoder;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import protocol.Headers;
import protocol.Method;
import protocol.Request;
import protocol.Status;
import protocol.http2.Frame;
import protocol.http2.Setting;

/**
 * A file compressed as it is sent ({@link ResponseBody.GzipFile}): chunked on HTTP/1.1, to the
 * close on HTTP/1.0, DATA frames within the peer's windows on HTTP/2, and the head alone for HEAD;
 * the body always decodes to the exact file.
 */
class GzipStreamTest {

    private static final int SIZE = 5 * (1 << 20) + 123;

    @TempDir
    static Path dir;
    static TestServer server;
    static byte[] content;

    /** Answers every GET and HEAD with {@code big.txt}, gzipped as it goes; anything else with 304. */
    private static Handler streaming(ServerConfig config) {
        return (Request request) -> {
            Headers fields = Headers.of("Content-Type", "text/plain; charset=utf-8", "Content-Encoding", "gzip",
                    "Accept-Ranges", "none");
            Method method = request.head().method();
            if (!method.equals(Method.GET) && !method.equals(Method.HEAD)) {
                return new Response(Status.NOT_MODIFIED, fields, new ResponseBody.Unsent(ResponseBody.UNKNOWN_LENGTH));
            }
            try {
                Path file = dir.resolve(request.head().path().substring(1));
                var channel = FileChannel.open(file);
                return new Response(Status.OK, fields,
                        new ResponseBody.GzipFile(channel, Files.size(file), GzipEncoder.DEFAULT_LEVEL));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @BeforeAll
    static void start() throws IOException {
        var random = new Random(11);
        var text = new StringBuilder(SIZE + 64);
        while (text.length() < SIZE) {
            text.append("line ").append(random.nextInt(100_000)).append(" of a large log file\n");
        }
        content = text.substring(0, SIZE).getBytes(StandardCharsets.US_ASCII);
        Files.write(dir.resolve("big.txt"), content);
        Files.write(dir.resolve("empty.txt"), new byte[0]);
        server = TestServer.startTls(dir, GzipStreamTest::streaming);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The body of a chunked message (RFC 9112 §7.1), with every chunk's size checked against the buffer. */
    private static byte[] dechunk(InputStream in) throws IOException {
        var body = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(line(in), 16);
            assertTrue(size <= 16 * 1024, "a chunk of " + size + " bytes");
            if (size == 0) {
                assertEquals("", line(in));
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            assertEquals("", line(in));
        }
    }

    private static String line(InputStream in) throws IOException {
        var line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("end of stream in a chunk line");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static String get(String method, String path, String version, String host) {
        return method + " " + path + " " + version + "\r\nHost: " + host + "\r\nAccept-Encoding: gzip\r\n\r\n";
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void http11SendsChunksThatDecodeToTheFile(boolean tls) throws Exception {
        String host = tls ? server.secureHost() : server.host();
        try (var client = tls ? server.tlsClient("http/1.1") : server.client()) {
            for (int round = 0; round < 2; round++) {
                var head = client.send(get("GET", "/big.txt", "HTTP/1.1", host)).read(true);
                assertEquals(200, head.status());
                assertEquals("chunked", head.header("Transfer-Encoding"));
                assertNull(head.header("Content-Length"));
                assertEquals("gzip", head.header("Content-Encoding"));
                assertEquals("keep-alive", head.header("Connection"));
                byte[] gzip = dechunk(client.input());
                assertTrue(gzip.length < content.length / 3, "compressed to " + gzip.length);
                assertArrayEquals(content, Gzip.decompress(gzip));
            }
            var empty = client.send(get("GET", "/empty.txt", "HTTP/1.1", host)).read(true);
            assertEquals("chunked", empty.header("Transfer-Encoding"));
            assertArrayEquals(new byte[0], Gzip.decompress(dechunk(client.input())));
        }
    }

    @Test
    void headSendsTheSameHeadAndNoBody() throws Exception {
        try (var client = server.client()) {
            // The same client id both times, or the X-Request-Id fields would differ by nature.
            String id = "\r\nX-Request-Id: head-is-get\r\n\r\n";
            var get = client.send(get("GET", "/big.txt", "HTTP/1.1", server.host()).replace("\r\n\r\n", id)).read(true);
            dechunk(client.input());
            var head = client.send(get("HEAD", "/big.txt", "HTTP/1.1", server.host()).replace("\r\n\r\n", id))
                    .read(true);
            assertEquals(200, head.status());
            var getFields = new HashMap<>(get.headers());
            var headFields = new HashMap<>(head.headers());
            // The date, and the requests left on the connection, differ by nature.
            for (String name : List.of("date", "keep-alive")) {
                getFields.remove(name);
                headFields.remove(name);
            }
            assertEquals(getFields, headFields);
            // Had a body followed, this would read its first chunk as a status line.
            var next = client.send(get("GET", "/empty.txt", "HTTP/1.1", server.host())).read(true);
            assertEquals(200, next.status());
            dechunk(client.input());
        }
    }

    @Test
    void aNotModifiedOfAStreamedRepresentationHasNoFraming() throws Exception {
        try (var client = server.client()) {
            var reply = client.send("POST /big.txt HTTP/1.1\r\nHost: " + server.host()
                    + "\r\nContent-Length: 0\r\n\r\n").read();
            assertEquals(304, reply.status());
            assertNull(reply.header("Transfer-Encoding"));
            assertNull(reply.header("Content-Length"));
            assertEquals(200, client.send(get("HEAD", "/big.txt", "HTTP/1.1", server.host())).read(true).status());
        }
    }

    @Test
    void http10GetsTheBytesUpToTheClose() throws Exception {
        try (var client = server.client()) {
            var head = client.send(get("GET", "/big.txt", "HTTP/1.0", server.host())).read(true);
            assertEquals(200, head.status());
            assertNull(head.header("Transfer-Encoding"));
            assertNull(head.header("Content-Length"));
            assertEquals("close", head.header("Connection"));
            assertArrayEquals(content, Gzip.decompress(client.readAll()));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void http2SendsDataFramesThatDecodeToTheFile(boolean tls) throws Exception {
        try (H2Client client = tls ? H2Client.tls(server.securePort()) : H2Client.cleartext(server.port())) {
            client.start();
            String authority = tls ? server.secureHost() : server.host();
            H2Client.Reply reply = client.response(client.get("/big.txt", authority));
            assertEquals(200, reply.status());
            assertEquals("gzip", reply.field("content-encoding"));
            assertNull(reply.field("content-length"));
            assertArrayEquals(content, Gzip.decompress(reply.body()));
            H2Client.Reply empty = client.response(client.get("/empty.txt", authority));
            assertArrayEquals(new byte[0], Gzip.decompress(empty.body()));
            H2Client.Reply head = client.response(client.request(H2Client.request("HEAD", "/big.txt", authority), true));
            assertEquals(200, head.status());
            assertEquals(0, head.body().length);
            assertNull(head.field("content-length"));
        }
    }

    @Test
    void http2StaysWithinTheWindowsItIsGranted() throws Exception {
        int window = 4096;
        try (H2Client client = H2Client.cleartext(server.port())) {
            client.start(List.of(new Setting(Setting.INITIAL_WINDOW_SIZE, window)));
            int stream = client.get("/big.txt", server.host());
            var body = new ByteArrayOutputStream();
            long granted = 0;
            boolean ended = false;
            // The connection window is 65 535 and is granted back frame by frame, like the stream's.
            while (!ended) {
                Frame frame = client.next().orElseThrow();
                switch (frame) {
                    case Frame.Settings settings when !settings.ack() -> client.send(Frame.Settings.ACK);
                    case Frame.Data data when data.streamId() == stream -> {
                        body.write(data.data().toByteArray());
                        assertTrue(body.size() <= window + granted,
                                body.size() + " bytes received with " + (window + granted) + " granted");
                        ended = data.endStream();
                        if (!ended && data.flowControlledLength() > 0) {
                            client.send(new Frame.WindowUpdate(0, data.flowControlledLength()),
                                    new Frame.WindowUpdate(stream, data.flowControlledLength()));
                            granted += data.flowControlledLength();
                        }
                    }
                    case Frame.RstStream reset -> throw new AssertionError("reset: " + reset.code());
                    default -> { }
                }
            }
            assertArrayEquals(content, Gzip.decompress(body.toByteArray()));
            assertFalse(client.closedWithin(50));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--http1.1", "--http2-prior-knowledge", "--http1.0"})
    void curlDecodesWhatItIsSent(String version) throws Exception {
        assumeTrue(Files.isExecutable(SeedCurlTest.CURL), "curl is not installed at " + SeedCurlTest.CURL);
        Path out = Files.createTempDirectory(dir, "curl");
        var result = ExternalCommand.run(out, List.of(SeedCurlTest.CURL.toString(), "-sS", "--fail", "--compressed",
                version, "-o", "big.txt", server.base() + "/big.txt"));
        assertEquals(0, result.exitCode(), result.err());
        assertArrayEquals(content, Files.readAllBytes(out.resolve("big.txt")));
    }
}
