package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.handler.Handler;
import app.handler.Response;
import fs.UploadStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import protocol.Request;
import protocol.Status;
import protocol.hpack.HeaderField;
import protocol.http2.ErrorCode;
import protocol.http2.Frame;
import protocol.http2.Octets;

/**
 * A stream the client resets, or whose connection ends, frees its worker (RFC 9113 §8.1, §5.4):
 * a handler still queued never runs, one running is interrupted, and an upload being stored is
 * abandoned without a file. One worker, so that what runs and in which order is known.
 */
class Http2CancelTest {

    @TempDir
    Path dir;

    /**
     * A handler whose runs the test watches: {@code /block} waits until released or interrupted,
     * {@code /store} stores the body and then waits for more that never comes, anything else is 200.
     */
    static final class Probe implements Handler {
        final List<String> runs = new CopyOnWriteArrayList<>();
        final CountDownLatch blocked = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch interrupted = new CountDownLatch(1);
        final UploadStore store;

        Probe(Path uploads) {
            try {
                store = UploadStore.open(uploads);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Response handle(Request request) {
            String path = request.head().path();
            runs.add(path);
            return switch (path) {
                case "/block" -> block();
                case "/store" -> store(request.body().bytes());
                default -> Response.of(Status.OK, "text/plain", path);
            };
        }

        private Response block() {
            blocked.countDown();
            try {
                release.await();
                return Response.of(Status.OK, "text/plain", "released");
            } catch (InterruptedException e) {
                interrupted.countDown();
                return Response.of(Status.SERVICE_UNAVAILABLE, "text/plain", "interrupted");
            }
        }

        private Response store(byte[] body) {
            try {
                store.store(new Trickle(body), 1 << 20);
                return Response.of(Status.CREATED, "text/plain", "stored");
            } catch (InterruptedIOException e) {
                interrupted.countDown();
                return Response.of(Status.SERVICE_UNAVAILABLE, "text/plain", "interrupted");
            } catch (IOException e) {
                return Response.of(Status.INTERNAL_SERVER_ERROR, "text/plain", e.toString());
            }
        }

        /** The body, then a wait for more (as a slow client's would be) until released or interrupted. */
        private final class Trickle extends InputStream {
            private final byte[] body;
            private boolean given;

            Trickle(byte[] body) {
                this.body = body;
            }

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (!given) {
                    given = true;
                    System.arraycopy(body, 0, buffer, offset, body.length);
                    return body.length;
                }
                blocked.countDown();
                try {
                    release.await();
                    return -1;
                } catch (InterruptedException e) {
                    throw new InterruptedIOException("interrupted while storing");
                }
            }
        }
    }

    private TestServer start(Probe probe) throws IOException {
        return TestServer.start(TestServer.site(dir), config -> probe, "--pool", "1");
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(10, TimeUnit.SECONDS));
    }

    /** Waits until the server has read every frame sent so far: it answers a PING after them. */
    private static void awaitRead(H2Client client) throws IOException {
        client.send(new Frame.Ping(false, 0x5EED));
        assertEquals(0x5EED, client.await(Frame.Ping.class).opaqueData());
    }

    /** Waits until no worker runs a handler; fails after ten seconds. */
    private static void awaitIdleWorkers(TestServer server) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.server.poolStats().busy() != 0 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertEquals(0, server.server.poolStats().busy());
    }

    @Test
    void aQueuedHandlerWhoseStreamIsResetNeverRuns() throws Exception {
        var probe = new Probe(dir.resolve("uploads"));
        try (var server = start(probe); var client = H2Client.cleartext(server.port()).start()) {
            int blocking = client.get("/block", server.host());
            await(probe.blocked);
            // The only worker is busy: this one waits in the queue, and is reset there.
            int queued = client.get("/queued", server.host());
            client.send(new Frame.RstStream(queued, ErrorCode.CANCEL));
            awaitRead(client);
            probe.release.countDown();
            assertEquals(200, client.response(blocking).status());
            // One worker takes jobs in order: had the reset one run, it would have run before this.
            assertEquals(200, client.response(client.get("/after", server.host())).status());
            assertEquals(List.of("/block", "/after"), probe.runs);
        }
    }

    @Test
    void aRunningHandlerWhoseStreamIsResetIsInterruptedAndItsWorkerFreed() throws Exception {
        var probe = new Probe(dir.resolve("uploads"));
        try (var server = start(probe); var client = H2Client.cleartext(server.port()).start()) {
            int stream = client.get("/block", server.host());
            await(probe.blocked);
            assertEquals(1, server.server.poolStats().busy());
            client.send(new Frame.RstStream(stream, ErrorCode.CANCEL));
            await(probe.interrupted);
            awaitIdleWorkers(server);
            // The freed worker serves the next request; the connection goes on.
            assertEquals(200, client.response(client.get("/next", server.host())).status());
        }
    }

    @Test
    void aRunningHandlerIsInterruptedWhenItsConnectionEnds() throws Exception {
        var probe = new Probe(dir.resolve("uploads"));
        try (var server = start(probe)) {
            try (var client = H2Client.cleartext(server.port()).start()) {
                client.get("/block", server.host());
                await(probe.blocked);
            }
            await(probe.interrupted);
            awaitIdleWorkers(server);
        }
    }

    @Test
    void aResetUploadLeavesNoFile() throws Exception {
        var probe = new Probe(dir.resolve("uploads"));
        try (var server = start(probe); var client = H2Client.cleartext(server.port()).start()) {
            byte[] json = "{\"reset\":true}".getBytes(StandardCharsets.UTF_8);
            int stream = client.request(H2Client.request("POST", "/store", server.host(),
                    new HeaderField("content-type", "application/json")), false);
            client.send(new Frame.Data(stream, Octets.of(json), true));
            await(probe.blocked);
            // The body is being written to its temporary file when the client gives up.
            assertEquals(1, files(dir.resolve("uploads")).size());
            client.send(new Frame.RstStream(stream, ErrorCode.CANCEL));
            await(probe.interrupted);
            awaitIdleWorkers(server);
            assertEquals(List.of(), files(dir.resolve("uploads")));
        }
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
