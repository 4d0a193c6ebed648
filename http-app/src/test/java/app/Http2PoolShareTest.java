package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import protocol.http2.Frame;

/**
 * The streams of one HTTP/2 connection share the pool's queue with every other client: a
 * connection that already has a request in the pool queues another only while half the queue
 * stays free besides it, and gets 503 past that; another connection's first request may still
 * take any free place. One worker held by a handler that blocks, so what waits is known.
 */
class Http2PoolShareTest {

    /** The queue of the server under test: half of it, two places, stays for other clients. */
    private static final int QUEUE = 4;

    @TempDir
    Path dir;

    @Test
    void aConnectionWithARequestInThePoolQueuesMoreOnlyWhileHalfTheQueueStaysFree() throws Exception {
        var probe = new Http2CancelTest.Probe(dir.resolve("uploads"));
        try (var server = TestServer.start(TestServer.site(dir), config -> probe, "--pool", "1", "--queue",
                Integer.toString(QUEUE));
                var client = H2Client.cleartext(server.port()).start();
                var other = H2Client.cleartext(server.port()).start()) {
            int blocking = client.get("/block", server.host());
            assertTrue(probe.blocked.await(10, TimeUnit.SECONDS));
            // The queue is empty: two more leave two places free (at the bound), a third would leave one.
            int first = client.get("/first", server.host());
            int second = client.get("/second", server.host());
            int refused = client.get("/refused", server.host());
            assertEquals(Map.of(refused, 503), statuses(client, 1));
            assertEquals(2, server.server.poolStats().queued());
            // Another client's first request takes one of the places kept free.
            int fresh = other.get("/fresh", server.host());
            awaitQueued(server, 3);
            probe.release.countDown();
            assertEquals(Map.of(blocking, 200, first, 200, second, 200), statuses(client, 3));
            assertEquals(Map.of(fresh, 200), statuses(other, 1));
            assertEquals(List.of("/block", "/first", "/second", "/fresh"), probe.runs);
        }
    }

    /** The statuses of the next {@code count} responses, by stream, each header block decoded in order. */
    private static Map<Integer, Integer> statuses(H2Client client, int count) throws IOException {
        var statuses = new TreeMap<Integer, Integer>();
        while (statuses.size() < count) {
            Frame frame = client.next().orElseThrow(() -> new IOException("connection ended"));
            if (frame instanceof Frame.Headers headers) {
                statuses.put(headers.streamId(), client.status(headers));
            }
        }
        return statuses;
    }

    private static void awaitQueued(TestServer server, int queued) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.server.poolStats().queued() != queued && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertEquals(queued, server.server.poolStats().queued());
    }
}
