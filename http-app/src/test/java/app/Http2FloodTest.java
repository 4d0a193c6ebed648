package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.transport.Watchdog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import protocol.hpack.HeaderField;
import protocol.http2.ErrorCode;
import protocol.http2.Frame;
import protocol.http2.Http2Limits;

/**
 * The HTTP/2 flood budgets (RFC 9113 §10.5) end to end, each at its bound and one past it, on a
 * server with small budgets whose clock stands still, so that no budget refills during a test.
 */
class Http2FloodTest {

    private static final int RESET_BURST = 4;
    private static final int CONTROL_BURST = 6;

    @TempDir
    static Path dir;
    static TestServer small;

    @BeforeAll
    static void start() throws IOException {
        TestServer.site(dir);
        var stopped = new AtomicLong(System.nanoTime());
        small = TestServer.start(dir, Watchdog.manual(stopped::get),
                Http2Limits.DEFAULTS.withResetBudget(1, RESET_BURST).withControlBudget(1, CONTROL_BURST));
    }

    @AfterAll
    static void stop() {
        small.close();
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

    static List<Frame> times(int count, java.util.function.IntFunction<Frame> frame) {
        var frames = new ArrayList<Frame>(count);
        for (int i = 0; i < count; i++) {
            frames.add(frame.apply(i));
        }
        return frames;
    }
}
