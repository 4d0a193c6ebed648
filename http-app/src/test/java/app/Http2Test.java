package app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import app.transport.Watchdog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import protocol.hpack.HeaderField;
import protocol.http2.ErrorCode;
import protocol.http2.Frame;
import protocol.http2.Octets;
import protocol.http2.Setting;

/**
 * HTTP/2 end to end, over TLS (ALPN h2) and cleartext (prior knowledge), with a raw frame client:
 * the same answers as HTTP/1, flow control, malformed requests as stream errors, connection
 * errors as GOAWAY, and the flood defences.
 */
class Http2Test {

    enum Wire { H2C, H2 }

    @TempDir
    static Path dir;
    static TestServer server;
    static byte[] big;

    @BeforeAll
    static void start() throws IOException {
        TestServer.site(dir);
        big = TestServer.randomFile(dir, "big.bin", 300_000, 7);
        server = TestServer.startTls(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static H2Client open(Wire wire) throws IOException {
        H2Client client = wire == Wire.H2 ? H2Client.tls(server.securePort()) : H2Client.cleartext(server.port());
        return client.start();
    }

    private static String authority(Wire wire) {
        return wire == Wire.H2 ? server.secureHost() : server.host();
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aGetIsAnsweredAsOverHttp1WithoutConnectionFields(Wire wire) throws Exception {
        try (var client = open(wire)) {
            H2Client.Reply reply = client.response(client.get("/", authority(wire)));
            assertEquals(200, reply.status());
            assertArrayEquals(Files.readAllBytes(dir.resolve("index.html")), reply.body());
            assertEquals("text/html; charset=utf-8", reply.field("content-type"));
            assertEquals(Long.toString(reply.body().length), reply.field("content-length"));
            assertTrue(reply.field("server").startsWith("http-server/"));
            for (String name : List.of("connection", "keep-alive", "transfer-encoding")) {
                assertNull(reply.field(name), name);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void headGetsGetsFieldsAndNoData(Wire wire) throws Exception {
        try (var client = open(wire)) {
            H2Client.Reply get = client.response(client.get("/about.html", authority(wire)));
            H2Client.Reply head = client.response(client.request(H2Client.request("HEAD", "/about.html", authority(wire)), true));
            assertEquals(200, head.status());
            assertEquals(0, head.body().length);
            for (String name : List.of("content-type", "content-length", "etag", "last-modified")) {
                assertEquals(get.field(name), head.field(name), name);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void errorsRangesAndConditionalsAreTheSame(Wire wire) throws Exception {
        try (var client = open(wire)) {
            String host = authority(wire);
            assertEquals(404, client.response(client.get("/missing.html", host)).status());
            assertEquals(403, client.response(client.get("/", "evil.example")).status());
            H2Client.Reply range = client.response(client.request(H2Client.request("GET", "/sample.txt", host,
                    new HeaderField("range", "bytes=0-5")), true));
            assertEquals(206, range.status());
            assertEquals("Sample", range.text());
            String etag = client.response(client.get("/about.html", host)).field("etag");
            H2Client.Reply notModified = client.response(client.request(H2Client.request("GET", "/about.html", host,
                    new HeaderField("if-none-match", etag)), true));
            assertEquals(304, notModified.status());
            assertEquals(0, notModified.body().length);
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void anUploadInDataFramesIsStoredAsOverHttp1(Wire wire) throws Exception {
        try (var client = open(wire)) {
            byte[] json = "{\"over\":\"h2\"}".getBytes(StandardCharsets.UTF_8);
            int stream = client.request(H2Client.request("POST", "/upload", authority(wire),
                    new HeaderField("content-type", "application/json"),
                    new HeaderField("content-length", Integer.toString(json.length))), false);
            client.send(new Frame.Data(stream, Octets.of(java.util.Arrays.copyOf(json, 5)), false),
                    new Frame.Data(stream, Octets.of(java.util.Arrays.copyOfRange(json, 5, json.length)), true));
            H2Client.Reply reply = client.response(stream);
            assertEquals(201, reply.status());
            String name = reply.field("location").substring("/uploads/".length());
            assertArrayEquals(json, Files.readAllBytes(dir.resolve("uploads").resolve(name)));
            // Not JSON: 415 before any DATA is read.
            int refused = client.request(H2Client.request("POST", "/upload", authority(wire),
                    new HeaderField("content-type", "text/plain")), false);
            assertEquals(415, client.response(refused).status());
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void dataThatDoesNotMatchContentLengthResetsTheStreamOnly(Wire wire) throws Exception {
        try (var client = open(wire)) {
            int stream = client.request(H2Client.request("POST", "/upload", authority(wire),
                    new HeaderField("content-type", "application/json"), new HeaderField("content-length", "10")), false);
            client.send(new Frame.Data(stream, Octets.of(new byte[] {'[', ']'}), true));
            Frame.RstStream reset = client.await(Frame.RstStream.class);
            assertEquals(stream, reset.streamId());
            assertEquals(ErrorCode.PROTOCOL_ERROR, reset.code());
            assertEquals(200, client.response(client.get("/", authority(wire))).status());
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aLargeFileFlowsThroughASmallWindow(Wire wire) throws Exception {
        H2Client client = wire == Wire.H2 ? H2Client.tls(server.securePort()) : H2Client.cleartext(server.port());
        try (client) {
            // A 1000-byte window per stream: the server may send only what the client grants.
            client.start(List.of(new Setting(Setting.INITIAL_WINDOW_SIZE, 1000)));
            H2Client.Reply reply = client.response(client.get("/big.bin", authority(wire)));
            assertEquals(200, reply.status());
            assertArrayEquals(big, reply.body());
        }
    }

    @Test
    void malformedRequestsAreStreamErrorsAndTheConnectionGoesOn() throws Exception {
        String host = server.host();
        List<List<HeaderField>> malformed = List.of(
                H2Client.request("GET", "/", host, new HeaderField("Accept", "*/*")),
                H2Client.request("GET", "/", host, new HeaderField("connection", "keep-alive")),
                H2Client.request("GET", "/", host, new HeaderField("transfer-encoding", "chunked")),
                H2Client.request("GET", "/", host, new HeaderField("te", "gzip")),
                H2Client.request("GET", "/", host, new HeaderField("x-bad", "a\nb")),
                H2Client.request("GET", "/", host, new HeaderField(":status", "200")),
                Stream.concat(Stream.of(new HeaderField("accept", "*/*")), H2Client.request("GET", "/", host).stream()).toList(),
                List.of(new HeaderField(":method", "GET"), new HeaderField(":scheme", "https"),
                        new HeaderField(":authority", host)),
                Stream.concat(H2Client.request("GET", "/", host).stream(), Stream.of(new HeaderField(":path", "/x"))).toList());
        try (var client = open(Wire.H2C)) {
            for (List<HeaderField> fields : malformed) {
                int stream = client.request(fields, true);
                Frame.RstStream reset = client.await(Frame.RstStream.class);
                assertEquals(stream, reset.streamId(), fields.toString());
                assertEquals(ErrorCode.PROTOCOL_ERROR, reset.code(), fields.toString());
            }
            assertEquals(200, client.response(client.get("/", host)).status());
        }
    }

    @Test
    void streamsPastTheConcurrencyLimitAreRefused() throws Exception {
        try (var client = open(Wire.H2C)) {
            // Uploads whose bodies never come: each holds its stream open.
            List<Integer> open = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                open.add(client.request(H2Client.request("POST", "/upload", server.host(),
                        new HeaderField("content-type", "application/json")), false));
            }
            int refused = client.request(H2Client.request("POST", "/upload", server.host(),
                    new HeaderField("content-type", "application/json")), false);
            Frame.RstStream reset = client.await(Frame.RstStream.class);
            assertEquals(refused, reset.streamId());
            assertEquals(ErrorCode.REFUSED_STREAM, reset.code());
            // Ending one of them frees a place.
            client.send(new Frame.Data(open.getFirst(), Octets.of(new byte[] {'[', ']'}), true));
            assertEquals(201, client.response(open.getFirst()).status());
            assertEquals(200, client.response(client.get("/", server.host())).status());
        }
    }

    @Test
    void rapidResetGetsGoAwayEnhanceYourCalm() throws Exception {
        try (var client = open(Wire.H2C)) {
            var frames = new ArrayList<Frame>();
            Octets block = client.block(H2Client.request("GET", "/", server.host()));
            for (int i = 0, id = 1; i < 1_000; i++, id += 2) {
                frames.add(new Frame.Headers(id, i == 0 ? block : client.block(H2Client.request("GET", "/", server.host())),
                        true, true));
                frames.add(new Frame.RstStream(id, ErrorCode.CANCEL));
            }
            client.send(frames.toArray(Frame[]::new));
            Frame.GoAway away = client.await(Frame.GoAway.class);
            assertEquals(ErrorCode.ENHANCE_YOUR_CALM, away.code());
            assertTrue(client.closedWithin(5_000));
        }
        // The server stays answerable.
        try (var fresh = open(Wire.H2C)) {
            assertEquals(200, fresh.response(fresh.get("/", server.host())).status());
        }
    }

    @Test
    void aContinuationFloodEndsTheConnectionWithoutBufferingIt() throws Exception {
        try (var client = open(Wire.H2C)) {
            client.send(new Frame.Headers(1, client.block(H2Client.request("GET", "/", server.host())), true, false));
            byte[] chunk = new byte[1000];
            var frames = new ArrayList<Frame>();
            for (int i = 0; i < 40; i++) {
                frames.add(new Frame.Continuation(1, Octets.of(chunk), false));
            }
            client.send(frames.toArray(Frame[]::new));
            Frame.GoAway away = client.await(Frame.GoAway.class);
            assertEquals(ErrorCode.ENHANCE_YOUR_CALM, away.code());
            assertTrue(client.closedWithin(5_000));
        }
    }

    @Test
    void aPingFloodGetsGoAwayEnhanceYourCalm() throws Exception {
        try (var client = open(Wire.H2C)) {
            var frames = new ArrayList<Frame>();
            for (int i = 0; i < 5_000; i++) {
                frames.add(new Frame.Ping(false, i));
            }
            client.send(frames.toArray(Frame[]::new));
            Frame.GoAway away = client.await(Frame.GoAway.class);
            assertEquals(ErrorCode.ENHANCE_YOUR_CALM, away.code());
        }
    }

    @Test
    void anHpackBombResetsItsStreamAndTheTableStaysInStep() throws Exception {
        try (var client = open(Wire.H2C)) {
            // A 2 KB field indexed once (it fits half the 4 KiB table), then referenced until the
            // decoded list passes 16 KiB while the block itself stays small.
            var bomb = new ArrayList<>(H2Client.request("GET", "/", server.host()));
            String value = "x".repeat(1990);
            for (int i = 0; i < 10; i++) {
                bomb.add(new HeaderField("x-bomb", value));
            }
            int stream = client.request(bomb, true);
            Frame.RstStream reset = client.await(Frame.RstStream.class);
            assertEquals(stream, reset.streamId());
            assertEquals(ErrorCode.ENHANCE_YOUR_CALM, reset.code());
            assertEquals(200, client.response(client.get("/", server.host())).status());
        }
    }

    @Test
    void aConnectionErrorIsGoAwayWithItsCodeThenClose() throws Exception {
        try (var client = open(Wire.H2C)) {
            // An even stream identifier is the client's mistake (RFC 9113 §5.1.1).
            client.send(new Frame.Headers(2, client.block(H2Client.request("GET", "/", server.host())), true, true));
            Frame.GoAway away = client.await(Frame.GoAway.class);
            assertEquals(ErrorCode.PROTOCOL_ERROR, away.code());
            assertTrue(client.closedWithin(5_000));
        }
    }

    @Test
    void upgradeH2cIsIgnoredAndAnsweredOverHttp11() throws Exception {
        try (var client = server.client()) {
            RawClient.Reply reply = client.send("GET / HTTP/1.1\r\nHost: " + server.host()
                    + "\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n")
                    .read();
            assertEquals(200, reply.status());
            assertTrue(reply.statusLine().startsWith("HTTP/1.1 "));
        }
    }

    @Test
    void anIdleConnectionGetsGoAwayNoErrorAfterTheKeepAliveTimeout(@TempDir Path other) throws Exception {
        try (var own = TestServer.startTls(TestServer.site(other), "--keep-alive-timeout", "1");
                var client = H2Client.cleartext(own.port()).start()) {
            assertEquals(200, client.response(client.get("/", own.host())).status());
            Frame.GoAway away = client.await(Frame.GoAway.class);
            assertEquals(ErrorCode.NO_ERROR, away.code());
            assertEquals(1, away.lastStreamId());
            assertTrue(client.closedWithin(5_000));
        }
    }

    @Test
    void aConnectionWhoseLastStreamIsResetForItsClosedWindowGetsGoAwayAfterTheKeepAliveTimeout(@TempDir Path other)
            throws Exception {
        var clock = new AtomicLong(System.nanoTime());
        var watchdog = Watchdog.manual(clock::get);
        // Steps shorter than each timeout: no write in progress can be overdue at a sweep.
        long step = TimeUnit.MILLISECONDS.toNanos(1_500);
        try (var own = TestServer.start(TestServer.site(other), watchdog, "--write-timeout", "2",
                "--keep-alive-timeout", "3");
                var client = H2Client.cleartext(own.port()).start(List.of(new Setting(Setting.INITIAL_WINDOW_SIZE, 0)))) {
            int stream = client.get("/index.html", own.host());
            assertEquals(200, client.status(client.await(Frame.Headers.class)));
            // Every request is complete: the reader waits with no deadline while the body waits for window.
            for (int i = 0; i < 2; i++) {
                client.send(new Frame.Ping(false, i));
                client.await(Frame.Ping.class);
                clock.addAndGet(step);
                watchdog.sweep();
            }
            Frame.RstStream reset = client.await(Frame.RstStream.class);
            assertEquals(stream, reset.streamId());
            assertEquals(ErrorCode.CANCEL, reset.code());
            // The connection is now empty: idle from the reset on, it gets GOAWAY after the keep-alive timeout.
            clock.addAndGet(step);
            watchdog.sweep();
            clock.addAndGet(step + 1);
            watchdog.sweep();
            Frame.GoAway away = client.await(Frame.GoAway.class);
            assertEquals(ErrorCode.NO_ERROR, away.code());
            assertEquals(stream, away.lastStreamId());
            assertTrue(client.closedWithin(5_000));
        }
    }

    @Test
    void aPrefaceThatNeverCompletesIsCutAtTheHeadTimeout(@TempDir Path other) throws Exception {
        try (var own = TestServer.startTls(TestServer.site(other), "--head-timeout", "1");
                var client = H2Client.cleartext(own.port())) {
            client.raw("PRI * HTTP/2.0\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(client.closedWithin(5_000));
        }
    }

    @Test
    void aGracefulStopSendsGoAwayAndLetsTheStreamInProgressFinish(@TempDir Path other) throws Exception {
        Path root = TestServer.site(other);
        Files.write(root.resolve("big.bin"), big);
        var own = TestServer.startTls(root);
        try (var client = H2Client.cleartext(own.port())) {
            // A small window: the download is in progress, waiting for the client, when the stop begins.
            client.start(List.of(new Setting(Setting.INITIAL_WINDOW_SIZE, 1000)));
            int stream = client.get("/big.bin", own.host());
            client.await(Frame.Data.class);
            Thread stopper = Thread.ofVirtual().start(own::close);
            Frame.GoAway away = client.await(Frame.GoAway.class);
            assertEquals(ErrorCode.NO_ERROR, away.code());
            assertEquals(stream, away.lastStreamId());
            // The rest of the file still comes once the client grants room for it; the first frame
            // of it was read above.
            client.send(new Frame.WindowUpdate(0, 1000), new Frame.WindowUpdate(stream, 1000));
            H2Client.Reply rest = client.response(stream);
            assertEquals(big.length - 1000, rest.body().length);
            assertArrayEquals(java.util.Arrays.copyOfRange(big, 1000, big.length), rest.body());
            stopper.join();
        } finally {
            own.close();
        }
    }
}
