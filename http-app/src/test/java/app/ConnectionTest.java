package app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.handler.Response;
import app.transport.Watchdog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import protocol.Status;

/** The engine: keep-alive, pipelining, timeouts, the pool's back-pressure, shutdown. */
class ConnectionTest {

    @TempDir
    Path dir;

    private static String get(String path, String host, String... fields) {
        var request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
        for (String field : fields) {
            request.append(field).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    @Test
    void keepAliveCountsDownAndTheLastResponseCloses() throws Exception {
        try (var server = TestServer.start(TestServer.site(dir), "--max-requests", "100");
                var client = server.client()) {
            for (int i = 1; i <= 100; i++) {
                RawClient.Reply reply = client.send(get("/index.html", server.host())).read();
                assertEquals(200, reply.status());
                if (i < 100) {
                    assertEquals("keep-alive", reply.header("Connection"));
                    assertEquals("timeout=30, max=" + (100 - i), reply.header("Keep-Alive"));
                } else {
                    assertEquals("close", reply.header("Connection"));
                    assertEquals(null, reply.header("Keep-Alive"));
                }
            }
            assertTrue(client.closedByServer(5_000));
        }
    }

    @Test
    void connectionCloseIsHonoured() throws Exception {
        try (var server = TestServer.start(TestServer.site(dir)); var client = server.client()) {
            RawClient.Reply reply = client.send(get("/", server.host(), "Connection: close")).read();
            assertEquals(200, reply.status());
            assertEquals("close", reply.header("Connection"));
            assertTrue(client.closedByServer(5_000));
        }
    }

    @Test
    void http10ClosesUnlessKeepAliveIsAsked() throws Exception {
        try (var server = TestServer.start(TestServer.site(dir))) {
            try (var client = server.client()) {
                RawClient.Reply reply = client.send("GET / HTTP/1.0\r\n\r\n").read();
                assertEquals(200, reply.status());
                assertEquals("close", reply.header("Connection"));
                assertTrue(client.closedByServer(5_000));
            }
            try (var client = server.client()) {
                for (int i = 0; i < 3; i++) {
                    RawClient.Reply reply = client.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
                    assertEquals(200, reply.status());
                    assertEquals("keep-alive", reply.header("Connection"));
                }
                assertFalse(client.closedByServer(200));
            }
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (var server = TestServer.start(TestServer.site(dir)); var client = server.client()) {
            var paths = List.of("/index.html", "/about.html", "/sample.txt", "/missing", "/style.css",
                    "/index.html", "/docs/", "/about.html", "/logo.png", "/");
            var all = new StringBuilder();
            paths.forEach(path -> all.append(get(path, server.host())));
            client.send(all.toString());
            var statuses = new ArrayList<Integer>();
            var lengths = new ArrayList<Long>();
            for (String path : paths) {
                RawClient.Reply reply = client.read();
                statuses.add(reply.status());
                lengths.add((long) reply.body().length);
                if (reply.status() == 200) {
                    assertEquals(Files.size(dir.resolve(path.equals("/") ? "index.html"
                            : path.equals("/docs/") ? "docs/index.html" : path.substring(1))), reply.body().length);
                }
            }
            assertEquals(List.of(200, 200, 200, 404, 200, 200, 200, 200, 200, 200), statuses);
        }
    }

    @Test
    void headsAndBodiesLargerThanOneReadMixWithSmallRequests() throws Exception {
        try (var server = TestServer.start(TestServer.site(dir)); var client = server.client()) {
            String json = "{\"values\": [" + "1234567890, ".repeat(4_000) + "0]}";
            String upload = "POST /upload HTTP/1.1\r\nHost: " + server.host()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length() + "\r\n\r\n" + json;
            String longHead = get("/about.html", server.host(), "X-Padding: " + "p".repeat(6_000));
            String small = get("/sample.txt", server.host());
            // All in one write, then each on its own after the connection went idle again.
            client.send(small + longHead + upload + small);
            var statuses = new ArrayList<Integer>();
            for (int i = 0; i < 4; i++) {
                statuses.add(client.read().status());
            }
            for (String request : List.of(longHead, small, upload, longHead)) {
                statuses.add(client.send(request).read().status());
            }
            assertEquals(List.of(200, 200, 201, 200, 200, 200, 201, 200), statuses);
        }
    }

    @Test
    void idleConnectionsCloseSilentlyAfterTheKeepAliveTimeout() throws Exception {
        try (var server = TestServer.start(TestServer.site(dir), "--keep-alive-timeout", "1");
                var client = server.client()) {
            assertEquals(200, client.send(get("/", server.host())).read().status());
            // Closed with no bytes at all: end of stream, not a 408.
            assertTrue(client.closedByServer(5_000));
        }
    }

    @Test
    void anEmptyLineAfterARequestIsIgnoredNotTimedAsAHead() throws Exception {
        try (var server = TestServer.start(TestServer.site(dir), "--head-timeout", "1", "--keep-alive-timeout", "3");
                var client = server.client()) {
            // RFC 9112 §2.2: empty lines before a request line are ignored. The connection is
            // then idle: closed silently at the keep-alive timeout, not answered 408.
            assertEquals(200, client.send(get("/", server.host()) + "\r\n").read().status());
            assertEquals(200, client.send("\r\n" + get("/", server.host())).read().status());
            client.send("\r\n");
            assertTrue(client.closedByServer(10_000));
        }
    }

    @Test
    void aConnectionThatNeverSendsIsClosedSilentlyAfterTheHeadTimeout() throws Exception {
        try (var server = TestServer.start(TestServer.site(dir), "--head-timeout", "1", "--keep-alive-timeout", "60");
                var client = server.client()) {
            assertTrue(client.closedByServer(5_000));
        }
    }

    @Test
    void eachWaitForARequestHasItsOwnIdleAllowance() throws Exception {
        var clock = new AtomicLong(System.nanoTime());
        var watchdog = Watchdog.manual(clock::get);
        long step = TimeUnit.MILLISECONDS.toNanos(1_500);
        try (var server = TestServer.start(TestServer.site(dir), watchdog, "--keep-alive-timeout", "2");
                var client = server.client()) {
            // Pauses that together are far longer than the timeout, each well within it.
            for (int i = 0; i < 8; i++) {
                RawClient.Reply reply = client.send(get("/", server.host())).read();
                assertEquals(200, reply.status());
                assertEquals("keep-alive", reply.header("Connection"));
                clock.addAndGet(step);
                watchdog.sweep();
            }
            assertEquals(200, client.send(get("/", server.host())).read().status());
            // A pause longer than the timeout ends the connection. The server arms the wait just
            // after its answer, so sweep until it has.
            boolean closed = false;
            for (int i = 0; i < 200 && !closed; i++) {
                clock.addAndGet(2 * step);
                watchdog.sweep();
                closed = client.closedByServer(10);
            }
            assertTrue(closed);
        }
    }

    @Test
    void aHeadTrickledSlowerThanTheLimitGets408() throws Exception {
        try (var server = TestServer.start(TestServer.site(dir), "--head-timeout", "1");
                var client = server.client()) {
            client.send("GET / HTTP/1.1\r\nHost: " + server.host() + "\r\n");
            RawClient.Reply reply = null;
            for (int i = 0; i < 30 && reply == null; i++) {
                try {
                    client.send("X-Slow-" + i + ": a\r\n");
                    if (client.input().available() > 0) {
                        reply = client.read();
                    } else {
                        Thread.sleep(100);
                    }
                } catch (IOException closed) {
                    break;
                }
            }
            if (reply == null) {
                reply = client.read();
            }
            assertEquals(408, reply.status());
            assertEquals("close", reply.header("Connection"));
        }
    }

    @Test
    void thousandsOfIdleConnectionsDoNotStarveTheWorkers() throws Exception {
        try (var server = TestServer.start(TestServer.site(dir), "--pool", "2")) {
            var idle = new ArrayList<Socket>();
            try {
                for (int i = 0; i < 2_000; i++) {
                    var socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
                    idle.add(socket);
                    if (i % 100 == 0) {
                        // Some of them have been served once and now idle on keep-alive.
                        socket.getOutputStream().write(get("/", server.host()).getBytes(StandardCharsets.US_ASCII));
                    }
                }
                try (var fresh = server.client()) {
                    fresh.socket().setSoTimeout(5_000);
                    long start = System.nanoTime();
                    assertEquals(200, fresh.send(get("/", server.host())).read().status());
                    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    assertTrue(millis < 5_000, "answered in " + millis + " ms");
                }
                assertTrue(server.server.openConnections() >= 2_000, "open: " + server.server.openConnections());
            } finally {
                for (Socket socket : idle) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aSaturatedPoolAnswers503AndRecovers() throws Exception {
        var release = new CountDownLatch(1);
        var entered = new CountDownLatch(1);
        try (var server = TestServer.start(TestServer.site(dir), config -> request -> {
            if (request.head().path().equals("/block")) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Response.of(Status.OK, "text/plain", "done " + request.head().path());
        }, "--pool", "1", "--queue", "1")) {
            try (var blocked = server.client(); var first = server.client(); var second = server.client()) {
                blocked.send(get("/block", server.host()));
                assertTrue(entered.await(10, TimeUnit.SECONDS));
                // One worker busy, a queue of one: of two more requests, whichever reaches the
                // pool first waits in the queue and the other is refused at once.
                first.send(get("/first", server.host()));
                second.send(get("/second", server.host()));
                CompletableFuture<RawClient.Reply> firstReply = replyOf(first);
                CompletableFuture<RawClient.Reply> secondReply = replyOf(second);
                CompletableFuture.anyOf(firstReply, secondReply).get(10, TimeUnit.SECONDS);
                boolean firstRefused = firstReply.isDone();
                RawClient.Reply busy = (firstRefused ? firstReply : secondReply).join();
                assertEquals(503, busy.status());
                assertEquals("1", busy.header("Retry-After"));
                assertEquals("keep-alive", busy.header("Connection"));
                release.countDown();
                assertEquals("done /block", blocked.read().text());
                assertEquals(firstRefused ? "done /second" : "done /first",
                        (firstRefused ? secondReply : firstReply).get(10, TimeUnit.SECONDS).text());
                // The connection that got 503 is still usable.
                RawClient refused = firstRefused ? first : second;
                assertEquals("done /again", refused.send(get("/again", server.host())).read().text());
            }
        }
    }

    private static CompletableFuture<RawClient.Reply> replyOf(RawClient client) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return client.read();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, runnable -> Thread.ofVirtual().start(runnable));
    }

    @Test
    void shutdownFinishesAnInFlightTransfer() throws Exception {
        byte[] big = new byte[16 << 20];
        new java.util.Random(7).nextBytes(big);
        Files.write(TestServer.site(dir).resolve("big.bin"), big);
        var server = TestServer.start(dir);
        try (var client = server.client()) {
            client.send(get("/big.bin", server.host()));
            byte[] first = client.input().readNBytes(64 * 1024);
            assertTrue(first.length > 0);
            Thread stopper = Thread.ofPlatform().start(server::close);
            byte[] rest = client.readAll();
            stopper.join(15_000);
            byte[] all = new byte[first.length + rest.length];
            System.arraycopy(first, 0, all, 0, first.length);
            System.arraycopy(rest, 0, all, first.length, rest.length);
            String text = new String(all, 0, Math.min(all.length, 1024), StandardCharsets.ISO_8859_1);
            int bodyStart = text.indexOf("\r\n\r\n") + 4;
            assertTrue(text.startsWith("HTTP/1.1 200 "), text);
            assertTrue(text.contains("Connection: close") || text.contains("Connection: keep-alive"));
            byte[] body = java.util.Arrays.copyOfRange(all, bodyStart, all.length);
            assertArrayEquals(big, body);
        } finally {
            server.close();
        }
    }

    @Test
    void malformedBytesNeverKillTheServerNorLeakDescriptors() throws Exception {
        try (var server = TestServer.start(TestServer.site(dir))) {
            var garbage = List.of("\0\0\0\0\r\n\r\n", "GET\r\n\r\n", "GET / HTTP/9.9\r\n\r\n", "G\u00ffT / HTTP/1.1\r\n\r\n",
                    "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "GET / HTTP/1.1\nHost: x\n\n",
                    "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
                    "GET /" + "a".repeat(9000) + " HTTP/1.1\r\n\r\n", "\r\n\r\n\r\n\r\n", "HTTP/1.1 200 OK\r\n\r\n");
            // Warm up, then count descriptors.
            for (String bytes : garbage) {
                exchangeAndClose(server, bytes);
            }
            long before = openDescriptors();
            for (int round = 0; round < 20; round++) {
                for (String bytes : garbage) {
                    exchangeAndClose(server, bytes);
                }
            }
            awaitNoConnections(server);
            long after = openDescriptors();
            assertTrue(after <= before + 2, "descriptors before " + before + ", after " + after);
            try (var client = server.client()) {
                assertEquals(200, client.send(get("/", server.host())).read().status());
            }
        }
    }

    private static void exchangeAndClose(TestServer server, String bytes) throws IOException {
        try (var client = server.client()) {
            client.send(bytes.getBytes(StandardCharsets.ISO_8859_1));
            client.socket().shutdownOutput();
            client.readAll();
        } catch (IOException reset) {
            // A reset after the error response is an acceptable end too.
        }
    }

    private static void awaitNoConnections(TestServer server) throws InterruptedException {
        for (int i = 0; i < 100 && server.server.openConnections() > 0; i++) {
            Thread.sleep(50);
        }
    }

    private static long openDescriptors() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
