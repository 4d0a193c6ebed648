package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.transport.Watchdog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import protocol.hpack.HeaderField;
import protocol.http2.ErrorCode;
import protocol.http2.Dependency;
import protocol.http2.Frame;
import protocol.http2.Http2Limits;
import protocol.http2.Octets;

/**
 * The HTTP/2 flood defences (RFC 9113 §10.5) end to end: each kind of flood mounted against the
 * default budgets, and each budget at its bound and one past it on a server with small ones. The
 * servers' clock stands still, so that no budget refills during a test.
 */
class Http2FloodTest {

    private static final int RESET_BURST = 4;
    private static final int CONTROL_BURST = 6;

    /** Twice the default burst of control frames. */
    private static final int FLOOD = 2 * Http2Limits.DEFAULTS.controlBurst();

    @TempDir
    static Path dir;
    static TestServer small;
    static TestServer calm;

    @BeforeAll
    static void start() throws IOException {
        TestServer.site(dir);
        var stopped = new AtomicLong(System.nanoTime());
        small = TestServer.start(dir, Watchdog.manual(stopped::get),
                Http2Limits.DEFAULTS.withResetBudget(1, RESET_BURST).withControlBudget(1, CONTROL_BURST));
        calm = TestServer.start(dir, Watchdog.manual(stopped::get), Http2Limits.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        small.close();
        calm.close();
    }

    private static H2Client open(TestServer server) throws IOException {
        return H2Client.cleartext(server.port()).start();
    }

    /** Opens {@code count} uploads whose bodies never come and resets each before its answer. */
    private static void openAndReset(H2Client client, TestServer server, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            int stream = client.request(H2Client.request("POST", "/upload", server.host(),
                    new HeaderField("content-type", "application/json")), false);
            client.send(new Frame.RstStream(stream, ErrorCode.CANCEL));
        }
    }

    /** The client's SETTINGS (sent by {@code open}) and its acknowledgement of the server's: two control frames. */
    private static void handshake(H2Client client) throws IOException {
        client.await(Frame.Settings.class);
    }

    private static void pings(H2Client client, int count) throws IOException {
        var frames = new ArrayList<Frame>();
        for (int i = 0; i < count; i++) {
            frames.add(new Frame.Ping(false, i));
        }
        client.send(frames.toArray(Frame[]::new));
    }

    static void assertCalmedDown(H2Client client) throws IOException {
        Frame.GoAway away = client.await(Frame.GoAway.class);
        assertEquals(ErrorCode.ENHANCE_YOUR_CALM, away.code());
        assertTrue(client.closedWithin(5_000));
    }

    static void assertStillServed(TestServer server) throws IOException {
        try (var fresh = open(server)) {
            assertEquals(200, fresh.response(fresh.get("/", server.host())).status());
        }
    }

    @Test
    void theResetBurstIsAllowed() throws Exception {
        try (var client = open(small)) {
            openAndReset(client, small, RESET_BURST);
            assertEquals(200, client.response(client.get("/", small.host())).status());
        }
    }

    @Test
    void oneResetPastTheBurstIsEnhanceYourCalm() throws Exception {
        try (var client = open(small)) {
            openAndReset(client, small, RESET_BURST + 1);
            assertCalmedDown(client);
        }
        assertStillServed(small);
    }

    @Test
    void theControlBurstIsAllowed() throws Exception {
        try (var client = open(small)) {
            handshake(client);
            pings(client, CONTROL_BURST - 2);
            for (int i = 0; i < CONTROL_BURST - 2; i++) {
                assertEquals(i, client.await(Frame.Ping.class).opaqueData());
            }
            assertEquals(200, client.response(client.get("/", small.host())).status());
        }
    }

    @Test
    void oneControlFramePastTheBurstIsEnhanceYourCalm() throws Exception {
        try (var client = open(small)) {
            handshake(client);
            pings(client, CONTROL_BURST - 1);
            assertCalmedDown(client);
        }
        assertStillServed(small);
    }

    @Test
    void budgetsBelongToTheirConnection() throws Exception {
        try (var first = open(small); var second = open(small)) {
            openAndReset(first, small, RESET_BURST);
            openAndReset(second, small, RESET_BURST);
            assertEquals(200, first.response(first.get("/", small.host())).status());
            assertEquals(200, second.response(second.get("/", small.host())).status());
        }
    }

    /** Sends {@code count} frames made by {@code frame} from their index, then expects the cut-off. */
    private static void flood(H2Client client, int count, IntFunction<Frame> frame) throws IOException {
        var frames = new ArrayList<Frame>(count);
        for (int i = 0; i < count; i++) {
            frames.add(frame.apply(i));
        }
        client.send(frames.toArray(Frame[]::new));
        assertCalmedDown(client);
    }

    /** A GET answered on stream 1, which is closed since. */
    private static void closedStream(H2Client client) throws IOException {
        assertEquals(200, client.response(client.get("/", calm.host())).status());
    }

    /** An upload on a stream that stays open, waiting for its body. */
    private static int openUpload(H2Client client) throws IOException {
        return client.request(H2Client.request("POST", "/upload", calm.host(),
                new HeaderField("content-type", "application/json")), false);
    }

    @Test
    void aSettingsFlood() throws Exception {
        try (var client = open(calm)) {
            flood(client, FLOOD, i -> new Frame.Settings(List.of()));
        }
        assertStillServed(calm);
    }

    @Test
    void aPingFlood() throws Exception {
        try (var client = open(calm)) {
            flood(client, FLOOD, i -> new Frame.Ping(false, i));
        }
        assertStillServed(calm);
    }

    @Test
    void aWindowUpdateFloodOnTheConnection() throws Exception {
        try (var client = open(calm)) {
            flood(client, FLOOD, i -> new Frame.WindowUpdate(0, 1));
        }
        assertStillServed(calm);
    }

    @Test
    void aWindowUpdateFloodOnAClosedStream() throws Exception {
        try (var client = open(calm)) {
            closedStream(client);
            flood(client, FLOOD, i -> new Frame.WindowUpdate(1, 1));
        }
        assertStillServed(calm);
    }

    @Test
    void aWindowUpdateOnAnIdleStreamIsAProtocolErrorAtOnce() throws Exception {
        try (var client = open(calm)) {
            client.send(new Frame.WindowUpdate(1, 1));
            assertEquals(ErrorCode.PROTOCOL_ERROR, client.await(Frame.GoAway.class).code());
            assertTrue(client.closedWithin(5_000));
        }
    }

    @Test
    void anEmptyDataFloodOnAnOpenUpload() throws Exception {
        try (var client = open(calm)) {
            int stream = openUpload(client);
            flood(client, FLOOD, i -> new Frame.Data(stream, Octets.EMPTY, false));
        }
        assertStillServed(calm);
    }

    @Test
    void aFloodOfDataWithPaddingOnly() throws Exception {
        try (var client = open(calm)) {
            int stream = openUpload(client);
            // 20 000 bytes of padding in all: within the stream's window, which the server gives back.
            flood(client, FLOOD, i -> new Frame.Data(stream, Octets.EMPTY, false, 10));
        }
        assertStillServed(calm);
    }

    @Test
    void aFloodOfEmptyContinuationAfterAnEmptyHeaders() throws Exception {
        try (var client = open(calm)) {
            client.send(new Frame.Headers(1, Octets.EMPTY, true, false));
            flood(client, FLOOD, i -> new Frame.Continuation(1, Octets.EMPTY, false));
        }
        assertStillServed(calm);
    }

    @Test
    void aFloodOfEmptyHeadersEachResetByTheServer() throws Exception {
        try (var client = open(calm)) {
            // Each an empty field section on a new stream: a malformed request, a stream error.
            flood(client, 2 * Http2Limits.DEFAULTS.resetBurst(), i -> new Frame.Headers(1 + 2 * i, Octets.EMPTY, true, true));
        }
        assertStillServed(calm);
    }

    @Test
    void aPriorityFlood() throws Exception {
        try (var client = open(calm)) {
            flood(client, FLOOD, i -> new Frame.Priority(1 + 2 * i, new Dependency(0, false, 16)));
        }
        assertStillServed(calm);
    }

    @Test
    void anUnknownFrameFlood() throws Exception {
        try (var client = open(calm)) {
            flood(client, FLOOD, i -> new Frame.Unknown(0x20, 0, 0, 0));
        }
        assertStillServed(calm);
    }

    @Test
    void aResetFloodOnAClosedStream() throws Exception {
        try (var client = open(calm)) {
            closedStream(client);
            flood(client, FLOOD, i -> new Frame.RstStream(1, ErrorCode.CANCEL));
        }
        assertStillServed(calm);
    }

    @Test
    void rapidResetOfUploadsInProgress() throws Exception {
        try (var client = open(calm)) {
            openAndReset(client, calm, 2 * Http2Limits.DEFAULTS.resetBurst());
            assertCalmedDown(client);
        }
        assertStillServed(calm);
    }
}
