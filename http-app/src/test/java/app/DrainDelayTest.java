package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.server.DrainPause;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --drain-delay}: on a graceful stop {@code /health} answers 503 first, then the server
 * serves as usual for the delay (new connections and kept ones alike), then it stops. The delay is
 * waited out by a pause the test ends, so nothing here depends on how long anything takes.
 */
class DrainDelayTest {

    /** A pause that reports when the stop reaches it and returns when the test releases it. */
    private static final class HeldPause implements DrainPause {
        final List<Duration> asked = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void await(Duration delay) throws InterruptedException {
            asked.add(delay);
            entered.countDown();
            assertTrue(release.await(30, TimeUnit.SECONDS), "the test did not end the drain delay");
        }
    }

    private static RawClient.Reply get(RawClient client, String host, String path) throws IOException {
        return client.send("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").read();
    }

    private static RawClient.Reply health(TestServer server) throws IOException {
        try (var client = new RawClient(server.adminPort())) {
            return client.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + server.adminPort()
                    + "\r\nConnection: close\r\n\r\n").read();
        }
    }

    @Test
    void healthTurns503WhileTheMainPortServesOnForTheDelayThenTheServerStops(@TempDir Path dir) throws Exception {
        var pause = new HeldPause();
        try (var server = TestServer.start(TestServer.site(dir), "--admin-port", "0", "--drain-delay", "2");
                var kept = server.client()) {
            assertEquals(200, health(server).status());
            assertEquals(200, get(kept, server.host(), "/index.html").status());
            Thread closer = Thread.ofPlatform().name("test-closer").start(() -> server.server.close(pause));
            try {
                assertTrue(pause.entered.await(10, TimeUnit.SECONDS), "the stop reached its drain delay");
                assertEquals(List.of(Duration.ofSeconds(2)), pause.asked);

                RawClient.Reply draining = health(server);
                assertEquals(503, draining.status());
                assertEquals("draining\n", draining.text());
                RawClient.Reply onKept = get(kept, server.host(), "/about.html");
                assertEquals(200, onKept.status());
                assertEquals("keep-alive", onKept.header("Connection"));
                try (var fresh = server.client()) {
                    assertEquals(200, get(fresh, server.host(), "/index.html").status());
                }
                assertTrue(closer.isAlive(), "the server stops only once the delay is over");
            } finally {
                pause.release.countDown();
            }
            closer.join(Duration.ofSeconds(15));
            assertFalse(closer.isAlive(), "the stop went on after the delay");
            assertThrows(ConnectException.class, server::client);
        }
    }

    @Test
    void withoutADelayTheStopNeverPauses(@TempDir Path dir) throws Exception {
        var pause = new HeldPause();
        try (var server = TestServer.start(TestServer.site(dir), "--admin-port", "0")) {
            server.server.close(pause);
            assertEquals(List.of(), pause.asked);
            assertThrows(ConnectException.class, server::client);
        }
    }
}
