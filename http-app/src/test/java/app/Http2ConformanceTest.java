package app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import app.Http2ConformanceCases.Answer;
import app.Http2ConformanceCases.Case;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import protocol.hpack.HeaderField;
import protocol.hpack.HpackDecoder;
import protocol.hpack.HpackException;
import protocol.http2.ErrorCode;
import protocol.http2.Frame;
import protocol.http2.FrameDecoder;
import protocol.http2.FrameResult;
import protocol.http2.Http2Exception;
import protocol.http2.Octets;

/**
 * The HTTP/2 conformance table of {@link Http2ConformanceCases}, every row over cleartext (h2c,
 * prior knowledge) and over TLS (ALPN h2), each on a connection of its own to one server.
 */
class Http2ConformanceTest {

    /** How a row reaches the server. */
    enum Wire {
        H2C("h2c"),
        H2("h2");

        private final String label;

        Wire(String label) {
            this.label = label;
        }

        H2Client connect(TestServer server) throws IOException {
            return this == H2 ? H2Client.tls(server.securePort()) : H2Client.cleartext(server.port());
        }

        String authority(TestServer server) {
            return this == H2 ? server.secureHost() : server.host();
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private static final int CLOSE_MILLIS = 5_000;

    @TempDir
    static Path dir;
    static TestServer server;
    static byte[] index;

    @BeforeAll
    static void start() throws IOException {
        TestServer.site(dir);
        index = Files.readAllBytes(dir.resolve("index.html"));
        server = TestServer.startTls(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /**
     * Every row that runs on every wire; with {@code -Dh2conformance.excluded=true}, only the
     * excluded rows instead, to see how the server still fails them.
     */
    static Stream<Arguments> rowsOnEachWire() {
        List<Case> rows = Boolean.getBoolean("h2conformance.excluded")
                ? Http2ConformanceCases.all().stream().filter(c -> Http2ConformanceCases.EXCLUDED.containsKey(c.name()))
                        .toList()
                : Http2ConformanceCases.running();
        return Stream.of(Wire.values()).flatMap(wire -> rows.stream().map(c -> Arguments.of(wire, c)));
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource("rowsOnEachWire")
    void eachRowGetsTheAnswerTheRfcRequires(Wire wire, Case c) throws Exception {
        try (var session = new Session(wire.connect(server), wire.authority(server), "[" + wire + "] " + c)) {
            session.run(c);
        }
    }

    @Test
    void everyExcludedRowIsARowOfTheTable() {
        var names = new HashSet<String>();
        Http2ConformanceCases.all().forEach(c -> names.add(c.name()));
        for (String excluded : Http2ConformanceCases.EXCLUDED.keySet()) {
            assertTrue(names.contains(excluded), "excluded but not in the table: " + excluded);
        }
    }

    /** One row's connection: sends its frames, reads and judges every frame the server sends. */
    static final class Session implements Http2ConformanceCases.Peer, AutoCloseable {

        /** What the server sent on one stream. */
        static final class Response {
            int status;
            final ByteArrayOutputStream body = new ByteArrayOutputStream();
            boolean ended;
            ErrorCode reset;
        }

        private final H2Client client;
        private final String authority;
        private final String what;
        /** Our own decoder of the server's field blocks, of every stream, so that its table stays in step. */
        private final HpackDecoder hpack = new HpackDecoder(4096, 1 << 20);
        private final ByteArrayOutputStream block = new ByteArrayOutputStream();
        private final Map<Integer, Response> responses = new HashMap<>();
        private final List<Frame> received = new ArrayList<>();
        private boolean serverSettings;
        private boolean settingsAcknowledged;
        private boolean ended;
        /** Set when a write failed: the server had closed; what it sent is still read. */
        private IOException writeFailure;

        Session(H2Client client, String authority, String what) {
            this.client = client;
            this.authority = authority;
            this.what = what;
        }

        void run(Case c) throws IOException {
            if (c.settings().isPresent()) {
                client.start(c.settings().get());
                until(f -> serverSettings && settingsAcknowledged, "the SETTINGS exchange");
            }
            c.script().run(this);
            check(c.answer());
            if (c.thenGet()) {
                followUp(c.answer() instanceof Answer.Ignored);
            }
        }

        private void check(Answer answer) throws IOException {
            switch (answer) {
                case Answer.ConnectionError error -> {
                    Frame.GoAway away = goAway("GOAWAY " + error.code());
                    assertEquals(error.code(), away.code(), what + ": GOAWAY code");
                    if (error.lastStream() >= 0) {
                        assertEquals(error.lastStream(), away.lastStreamId(), what + ": GOAWAY last stream");
                    }
                    assertClosed();
                }
                case Answer.StreamError error -> {
                    Frame frame = until(f -> isReset(f, error.stream()) || f instanceof Frame.GoAway
                            || response(error.stream()).ended, "RST_STREAM on stream " + error.stream());
                    if (!(frame instanceof Frame.RstStream reset)) {
                        fail(what + ": " + describe(frame, error.stream()) + " instead of RST_STREAM " + error.code());
                        return;
                    }
                    assertEquals(error.code(), reset.code(), what + ": RST_STREAM code");
                }
                case Answer.Status expected -> {
                    Frame frame = until(f -> isReset(f, expected.stream()) || isError(f)
                            || response(expected.stream()).ended, "the response on stream " + expected.stream());
                    Response response = response(expected.stream());
                    if (!response.ended) {
                        fail(what + ": " + describe(frame, expected.stream()) + " instead of " + expected.status());
                    }
                    assertEquals(expected.status(), response.status, what + ": status");
                }
                case Answer.PingAck ack -> {
                    Frame frame = until(f -> f instanceof Frame.Ping ping && ping.ack() || isError(f), "PING ACK");
                    if (!(frame instanceof Frame.Ping ping)) {
                        fail(what + ": " + frame + " instead of PING ACK");
                        return;
                    }
                    assertEquals(ack.data(), ping.opaqueData(), what + ": PING ACK data");
                }
                case Answer.SettingsAck ack -> {
                    Frame frame = until(f -> f instanceof Frame.Settings s && s.ack() || isError(f), "SETTINGS ACK");
                    assertTrue(frame instanceof Frame.Settings, () -> what + ": " + frame + " instead of SETTINGS ACK");
                }
                case Answer.StreamClosed closed -> {
                    Frame frame = until(f -> isReset(f, closed.stream()) || f instanceof Frame.GoAway
                            || response(closed.stream()).ended, "STREAM_CLOSED");
                    switch (frame) {
                        case Frame.RstStream reset -> assertEquals(ErrorCode.STREAM_CLOSED, reset.code(), what);
                        case Frame.GoAway away -> {
                            assertEquals(ErrorCode.STREAM_CLOSED, away.code(), what);
                            assertClosed();
                        }
                        default -> fail(what + ": " + describe(frame, closed.stream()) + " instead of STREAM_CLOSED");
                    }
                }
                case Answer.Ignored ignored -> {
                    // Judged by the GET that follows.
                }
                case Answer.NotHttp2 refused -> refused();
            }
        }

        /** The GET after the row: 200 with index.html; for an ignored frame, nothing else came back either. */
        private void followUp(boolean nothingElse) throws IOException {
            int stream = Http2ConformanceCases.FOLLOW_UP;
            send(new Frame.Headers(stream, block(H2Client.request("GET", "/", authority, Http2ConformanceCases.PROBE)),
                    true, true));
            Frame last = until(f -> isReset(f, stream) || isError(f) || response(stream).ended, "the GET after the row");
            Response response = response(stream);
            if (!response.ended) {
                fail(what + ": the GET after the row got " + describe(last, stream));
            }
            assertEquals(200, response.status, what + ": the GET after the row");
            assertArrayEquals(index, response.body.toByteArray(), what + ": the GET after the row gets index.html");
            if (nothingElse) {
                List<Frame> answers = received.stream().filter(f -> f instanceof Frame.RstStream
                        || f instanceof Frame.GoAway || f instanceof Frame.Ping).toList();
                assertEquals(List.of(), answers, what + ": the frame is to be ignored, yet the server answered");
            }
        }

        private Frame.GoAway goAway(String expected) throws IOException {
            Frame frame = until(f -> f instanceof Frame.GoAway, expected);
            return (Frame.GoAway) frame;
        }

        private void assertClosed() throws IOException {
            assertTrue(client.closedWithin(CLOSE_MILLIS), what + ": still open " + CLOSE_MILLIS + " ms after GOAWAY");
        }

        /**
         * A connection refused as HTTP/2: closed, after GOAWAY PROTOCOL_ERROR or nothing; over h2c an HTTP/1
         * error response is the cleartext listener's refusal (no preface, no HTTP/2: RFC 9113 §3.3).
         */
        private void refused() throws IOException {
            client.socket().setSoTimeout(CLOSE_MILLIS);
            var all = new ByteArrayOutputStream();
            InputStream in = client.socket().getInputStream();
            byte[] chunk = new byte[4096];
            try {
                for (int n; (n = in.read(chunk)) >= 0; ) {
                    all.write(chunk, 0, n);
                }
            } catch (SocketTimeoutException e) {
                fail(what + ": still open " + CLOSE_MILLIS + " ms after a wrong preface");
            } catch (IOException e) {
                // A reset after the answer counts as the close.
            }
            byte[] bytes = all.toByteArray();
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            if (text.startsWith("HTTP/1.")) {
                int status = Integer.parseInt(text.substring(9, 12));
                assertTrue(status >= 400, what + ": " + text.lines().findFirst().orElse(""));
                return;
            }
            var decoder = new FrameDecoder(16_384);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                FrameResult result;
                try {
                    result = decoder.decode(buffer);
                } catch (Http2Exception e) {
                    fail(what + ": not frames: " + e.getMessage());
                    return;
                }
                if (result instanceof Frame frame) {
                    assertTrue(frame instanceof Frame.GoAway away && away.code() == ErrorCode.PROTOCOL_ERROR,
                            () -> what + ": " + frame + " instead of GOAWAY PROTOCOL_ERROR");
                }
            }
        }

        // --- Reading -----------------------------------------------------------------------------

        /** Reads until {@code done} holds, after a frame; returns that frame. Fails if the connection ends first. */
        private Frame until(Predicate<Frame> done, String expected) throws IOException {
            while (true) {
                Optional<Frame> next;
                try {
                    next = ended ? Optional.empty() : client.next();
                } catch (SocketTimeoutException e) {
                    return fail(what + ": nothing for 10 s while waiting for " + expected + "; received " + received);
                }
                if (next.isEmpty()) {
                    ended = true;
                    return fail(what + ": the connection ended before " + expected + "; received " + received
                            + (writeFailure != null ? "; a write failed: " + writeFailure : ""));
                }
                Frame frame = next.get();
                process(frame);
                if (done.test(frame)) {
                    return frame;
                }
            }
        }

        private void process(Frame frame) throws IOException {
            received.add(frame);
            switch (frame) {
                case Frame.Settings settings -> {
                    if (settings.ack()) {
                        settingsAcknowledged = true;
                    } else {
                        serverSettings = true;
                        send(Frame.Settings.ACK);
                    }
                }
                case Frame.Ping ping when !ping.ack() -> send(new Frame.Ping(true, ping.opaqueData()));
                case Frame.Headers headers -> {
                    fragment(headers.streamId(), headers.fragment(), headers.endHeaders());
                    if (headers.endStream()) {
                        response(headers.streamId()).ended = true;
                    }
                }
                case Frame.Continuation continuation ->
                        fragment(continuation.streamId(), continuation.fragment(), continuation.endHeaders());
                case Frame.Data data -> {
                    Response response = response(data.streamId());
                    response.body.writeBytes(data.data().toByteArray());
                    if (data.flowControlledLength() > 0) {
                        send(new Frame.WindowUpdate(0, data.flowControlledLength()),
                                new Frame.WindowUpdate(data.streamId(), data.flowControlledLength()));
                    }
                    if (data.endStream()) {
                        response.ended = true;
                    }
                }
                case Frame.RstStream reset -> response(reset.streamId()).reset = reset.code();
                default -> { }
            }
        }

        private void fragment(int stream, Octets fragment, boolean end) {
            block.writeBytes(fragment.toByteArray());
            if (!end) {
                return;
            }
            List<HeaderField> fields;
            try {
                fields = hpack.decode(ByteBuffer.wrap(block.toByteArray()));
            } catch (HpackException e) {
                throw new AssertionError(what + ": the server's field block does not decode: " + e.reason(), e);
            }
            block.reset();
            for (HeaderField field : fields) {
                if (field.name().equals(":status")) {
                    response(stream).status = Integer.parseInt(field.value());
                }
            }
        }

        private Response response(int stream) {
            return responses.computeIfAbsent(stream, id -> new Response());
        }

        private static boolean isReset(Frame frame, int stream) {
            return frame instanceof Frame.RstStream reset && reset.streamId() == stream;
        }

        private static boolean isError(Frame frame) {
            return frame instanceof Frame.GoAway away && away.code() != ErrorCode.NO_ERROR;
        }

        private String describe(Frame frame, int stream) {
            Response response = response(stream);
            if (frame instanceof Frame.RstStream || frame instanceof Frame.GoAway) {
                return frame.toString();
            }
            return response.ended ? "a " + response.status + " response" : frame.toString();
        }

        // --- Peer --------------------------------------------------------------------------------

        @Override
        public String authority() {
            return authority;
        }

        @Override
        public void send(Frame... frames) throws IOException {
            try {
                client.send(frames);
            } catch (IOException e) {
                writeFailure = e;
            }
        }

        @Override
        public void raw(byte[] bytes) throws IOException {
            try {
                client.raw(bytes);
            } catch (IOException e) {
                writeFailure = e;
            }
        }

        @Override
        public Octets block(List<HeaderField> fields) {
            return client.block(fields);
        }

        @Override
        public void awaitResponseHeaders(int stream) throws IOException {
            until(f -> response(stream).status != 0 || isReset(f, stream) || f instanceof Frame.GoAway,
                    "the response fields on stream " + stream);
            assertTrue(response(stream).status != 0, () -> what + ": no response fields on stream " + stream);
        }

        @Override
        public void awaitResponse(int stream) throws IOException {
            until(f -> response(stream).ended || isReset(f, stream) || f instanceof Frame.GoAway,
                    "the response on stream " + stream);
            assertTrue(response(stream).ended, () -> what + ": no complete response on stream " + stream);
        }

        @Override
        public void close() throws IOException {
            client.close();
        }
    }
}
