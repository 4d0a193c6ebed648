package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.admin.PrometheusText;
import app.handler.Handler;
import app.handler.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import app.tls.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import protocol.Status;
import protocol.http2.ErrorCode;
import protocol.http2.Frame;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin listener end to end: its four routes over HTTP/1.1, counters that move by exactly
 * the traffic sent (HTTP/1.1, h2c, TLS), the main ports that never reach it, readiness, and
 * /health turning 503 the moment a graceful shutdown begins while a request in flight finishes.
 */
class AdminTest {

    private static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final String UPLOAD = "{\"reading\": 42, \"unit\": \"°C\"}";

    private static RawClient.Reply admin(TestServer server, String method, String path) throws IOException {
        try (var client = new RawClient(server.adminPort())) {
            client.send(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.adminPort()
                    + "\r\nConnection: close\r\n\r\n");
            return client.read(method.equals("HEAD"));
        }
    }

    private static PrometheusText scrape(TestServer server) throws IOException {
        RawClient.Reply reply = admin(server, "GET", "/metrics");
        assertEquals(200, reply.status());
        assertEquals(METRICS_TYPE, reply.header("Content-Type"));
        return PrometheusText.parse(reply.text());
    }

    /** Scrapes until {@code settled} holds (the counting follows the response on the wire), at most {@link #SETTLE}. */
    private static PrometheusText scrapeUntil(TestServer server, Predicate<PrometheusText> settled) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        PrometheusText metrics = scrape(server);
        while (!settled.test(metrics) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            metrics = scrape(server);
        }
        return metrics;
    }

    private static RawClient.Reply get(RawClient client, String host, String path) throws IOException {
        return client.send("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").read();
    }

    private static double requests(PrometheusText metrics, String method, String status, String protocol,
            String scheme) {
        return metrics.count("http_requests_total", "method", method, "status_class", status, "protocol", protocol,
                "scheme", scheme);
    }

    private static double allRequests(PrometheusText metrics) {
        return metrics.samples().stream().filter(s -> s.name().equals("http_requests_total"))
                .mapToDouble(PrometheusText.Sample::value).sum();
    }

    @Test
    void theFourRoutesOverHttp11(@TempDir Path dir) throws Exception {
        try (var server = TestServer.startCounted(TestServer.site(dir), "--admin-port", "0")) {
            RawClient.Reply health = admin(server, "GET", "/health");
            assertEquals(200, health.status());
            assertEquals("ok\n", health.text());
            assertEquals("text/plain; charset=utf-8", health.header("Content-Type"));
            assertEquals("no-store", health.header("Cache-Control"));
            RawClient.Reply ready = admin(server, "GET", "/ready");
            assertEquals(200, ready.status());
            assertEquals("ready\n", ready.text());

            PrometheusText metrics = scrape(server);
            assertEquals(1, metrics.value("http_server_info", "version", ServerInfo.VERSION));
            assertEquals(10, metrics.value("http_pool_workers"));
            assertEquals(100, metrics.value("http_pool_queue_capacity"));
            assertTrue(metrics.value("process_uptime_seconds") > 0);
            assertTrue(metrics.value("process_start_time_seconds") > 1.6e9);
            assertTrue(metrics.value("jvm_memory_heap_used_bytes") > 0);
            assertTrue(metrics.types().keySet().containsAll(List.of("http_requests_total",
                    "http_request_duration_seconds", "http_response_body_bytes_total", "http_open_connections",
                    "http_connections_accepted_total", "http_connections_refused_total", "http_pool_busy_workers",
                    "http_pool_queued_requests", "http_pool_queue_high_water", "http_pool_submitted_total",
                    "http_pool_completed_total", "http_pool_rejected_total", "http_pool_failed_total",
                    "http_uploads_stored_total", "http_uploads_stored_bytes_total", "http_uploads_refused_total",
                    "http2_streams_opened_total", "http2_goaways_sent_total", "jvm_gc_collections_total",
                    "jvm_gc_collection_seconds_total")), metrics.types().toString());
            assertEquals("histogram", metrics.types().get("http_request_duration_seconds"));

            RawClient.Reply pool = admin(server, "GET", "/pool");
            assertEquals(200, pool.status());
            assertEquals("application/json", pool.header("Content-Type"));
            JsonNode json = JsonMapper.builder().build().readTree(pool.body());
            assertEquals(10, json.get("workers").asInt());
            assertEquals(10, json.get("activity").size());
            for (JsonNode worker : json.get("activity")) {
                assertTrue(worker.get("worker").asString().startsWith("http-worker-"), worker.toString());
                assertEquals("idle", worker.get("state").asString());
                assertFalse(worker.has("request"));
                assertTrue(worker.get("since").asString().endsWith("Z"));
            }

            RawClient.Reply head = admin(server, "HEAD", "/metrics");
            assertEquals(200, head.status());
            assertEquals(0, head.body().length);
            assertEquals(METRICS_TYPE, head.header("Content-Type"));
            assertEquals(200, admin(server, "GET", "/health?probe=1").status());
            RawClient.Reply post = admin(server, "POST", "/metrics");
            assertEquals(405, post.status());
            assertEquals("GET, HEAD", post.header("Allow"));
            // The admin router never serves files, not even the root's.
            assertEquals(404, admin(server, "GET", "/index.html").status());
            assertEquals(404, admin(server, "GET", "/").status());
        }
    }

    @Test
    void countersMoveByExactlyTheTrafficSent(@TempDir Path dir) throws Exception {
        Path root = TestServer.site(dir);
        long about = Files.size(root.resolve("about.html"));
        try (var server = TestServer.startCounted(root, "--admin-port", "0")) {
            PrometheusText before = scrape(server);
            long http1Bytes = 0;
            try (var client = server.client()) {
                for (int i = 0; i < 3; i++) {
                    RawClient.Reply reply = get(client, server.host(), "/about.html");
                    assertEquals(200, reply.status());
                    http1Bytes += reply.body().length;
                }
                RawClient.Reply missing = get(client, server.host(), "/missing.html");
                assertEquals(404, missing.status());
                http1Bytes += missing.body().length;
                byte[] json = UPLOAD.getBytes(StandardCharsets.UTF_8);
                client.send("POST /upload HTTP/1.1\r\nHost: " + server.host()
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length + "\r\n\r\n");
                RawClient.Reply stored = client.send(json).read();
                assertEquals(201, stored.status());
                http1Bytes += stored.body().length;
            }
            try (var h2 = H2Client.cleartext(server.port()).start()) {
                for (int i = 0; i < 2; i++) {
                    assertEquals(200, h2.response(h2.get("/about.html", server.host())).status());
                }
            }
            double countBefore = before.value("http_request_duration_seconds_count");
            PrometheusText after = scrapeUntil(server,
                    m -> m.value("http_request_duration_seconds_count") >= countBefore + 7
                            && m.count("http2_streams_opened_total") >= before.count("http2_streams_opened_total") + 2);

            assertEquals(3, requests(after, "GET", "2xx", "http/1.1", "http")
                    - requests(before, "GET", "2xx", "http/1.1", "http"));
            assertEquals(1, requests(after, "GET", "4xx", "http/1.1", "http")
                    - requests(before, "GET", "4xx", "http/1.1", "http"));
            assertEquals(1, requests(after, "POST", "2xx", "http/1.1", "http")
                    - requests(before, "POST", "2xx", "http/1.1", "http"));
            assertEquals(2, requests(after, "GET", "2xx", "h2", "http") - requests(before, "GET", "2xx", "h2", "http"));
            assertEquals(7, allRequests(after) - allRequests(before), "nothing else was counted, scrapes included");
            assertEquals(7, after.value("http_request_duration_seconds_count") - countBefore);
            assertEquals(7, after.value("http_request_duration_seconds_bucket", "le", "+Inf")
                    - before.value("http_request_duration_seconds_bucket", "le", "+Inf"));
            assertTrue(after.value("http_request_duration_seconds_sum") > before.value("http_request_duration_seconds_sum"));
            assertEquals(http1Bytes, after.value("http_response_body_bytes_total", "protocol", "http/1.1", "scheme", "http")
                    - before.value("http_response_body_bytes_total", "protocol", "http/1.1", "scheme", "http"));
            assertEquals(2 * about, after.value("http_response_body_bytes_total", "protocol", "h2", "scheme", "http")
                    - before.value("http_response_body_bytes_total", "protocol", "h2", "scheme", "http"));
            assertEquals(7, after.value("http_pool_submitted_total") - before.value("http_pool_submitted_total"));
            assertEquals(7, after.value("http_pool_completed_total") - before.value("http_pool_completed_total"));
            assertEquals(0, after.value("http_pool_rejected_total") + after.value("http_pool_failed_total"));
            assertEquals(1, after.value("http_uploads_stored_total") - before.value("http_uploads_stored_total"));
            assertEquals(UPLOAD.getBytes(StandardCharsets.UTF_8).length,
                    after.value("http_uploads_stored_bytes_total") - before.value("http_uploads_stored_bytes_total"));
            assertEquals(2, after.value("http_connections_accepted_total", "listener", "http")
                    - before.value("http_connections_accepted_total", "listener", "http"));
            assertEquals(2, after.value("http2_streams_opened_total") - before.value("http2_streams_opened_total"));
        }
    }

    @Test
    void goAwaysAreCountedByCode(@TempDir Path dir) throws Exception {
        try (var server = TestServer.startCounted(TestServer.site(dir), "--admin-port", "0")) {
            try (var client = H2Client.cleartext(server.port()).start()) {
                // A PING of 7 bytes instead of 8: a connection error of FRAME_SIZE_ERROR (RFC 9113 §6.7).
                client.raw(new byte[] {0, 0, 7, 0x6, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7});
                assertEquals(ErrorCode.FRAME_SIZE_ERROR, client.await(Frame.GoAway.class).code());
            }
            PrometheusText metrics = scrapeUntil(server,
                    m -> m.value("http2_goaways_sent_total", "code", "FRAME_SIZE_ERROR") >= 1);
            assertEquals(1, metrics.value("http2_goaways_sent_total", "code", "FRAME_SIZE_ERROR"));
            assertEquals(0, metrics.value("http2_goaways_sent_total", "code", "PROTOCOL_ERROR"));
            assertEquals(0, metrics.value("http2_goaways_sent_total", "code", "unknown"));
            assertEquals(0, metrics.value("http2_streams_opened_total"));
        }
    }

    @Test
    void uploadRefusalsAreCountedByReason(@TempDir Path dir) throws Exception {
        try (var server = TestServer.startCounted(TestServer.site(dir), "--admin-port", "0")) {
            for (int i = 0; i < 2; i++) {
                try (var client = server.client()) {
                    // The whole request at once, and the head alone first: screened once either way.
                    client.send("POST /upload HTTP/1.1\r\nHost: " + server.host()
                            + "\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n" + (i == 0 ? "hi" : ""));
                    assertEquals(415, client.read().status());
                }
            }
            try (var client = server.client()) {
                client.send("POST /upload HTTP/1.1\r\nHost: " + server.host()
                        + "\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n{\"a\":");
                assertEquals(400, client.read().status());
            }
            PrometheusText metrics = scrapeUntil(server, m -> m.value("http_request_duration_seconds_count") >= 3);
            assertEquals(2, metrics.value("http_uploads_refused_total", "reason", "unsupported_media_type"));
            assertEquals(1, metrics.value("http_uploads_refused_total", "reason", "invalid_json"));
            assertEquals(0, metrics.value("http_uploads_refused_total", "reason", "storage_full"));
            assertEquals(0, metrics.value("http_uploads_stored_total"));
            assertEquals(3, requests(metrics, "POST", "4xx", "http/1.1", "http"));
        }
    }

    @Test
    void theMainPortsNeverReachTheAdminRouter(@TempDir Path dir) throws Exception {
        try (var server = TestServer.startCounted(TestServer.site(dir), "--admin-port", "0");
                var client = server.client();
                var h2 = H2Client.cleartext(server.port()).start()) {
            for (String path : new String[] {"/health", "/ready", "/metrics", "/pool"}) {
                assertEquals(404, get(client, server.host(), path).status(), path);
                assertEquals(404, h2.response(h2.get(path, server.host())).status(), path);
            }
            assertNotEquals(server.port(), server.adminPort());
        }
    }

    @Test
    void theAdminListenerSpeaksOnlyHttp11(@TempDir Path dir) throws Exception {
        try (var server = TestServer.startCounted(TestServer.site(dir), "--admin-port", "0");
                var client = new RawClient(server.adminPort())) {
            client.send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
            RawClient.Reply reply = client.read();
            assertTrue(reply.statusLine().startsWith("HTTP/1.1 "), reply.statusLine());
            assertTrue(reply.status() >= 400, reply.statusLine());
        }
    }

    @Test
    void notReadyWithoutAWritableUploadFolder(@TempDir Path dir) throws Exception {
        Path root = TestServer.site(dir);
        try (var server = TestServer.startCounted(root, "--admin-port", "0")) {
            assertEquals(200, admin(server, "GET", "/ready").status());
            Files.delete(root.resolve("uploads"));
            RawClient.Reply ready = admin(server, "GET", "/ready");
            assertEquals(503, ready.status());
            assertEquals("upload folder not writable\n", ready.text());
            assertEquals(200, admin(server, "GET", "/health").status(), "alive, only not ready");
            Files.createDirectory(root.resolve("uploads"));
            assertEquals(200, admin(server, "GET", "/ready").status());
        }
    }

    @Test
    void healthIsDrainingFromTheStartOfAGracefulShutdownWhileARequestInFlightFinishes(@TempDir Path dir)
            throws Exception {
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        Handler slow = request -> {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Response.of(Status.OK, "text/plain", "finished\n");
        };
        try (var server = TestServer.start(TestServer.site(dir), config -> slow, "--admin-port", "0");
                var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            assertEquals("ok\n", admin(server, "GET", "/health").text());
            var inFlight = executor.submit(() -> {
                try (var client = server.client()) {
                    return get(client, server.host(), "/slow");
                }
            });
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            Thread closer = Thread.ofPlatform().name("test-closer").start(server.server::close);
            long deadline = System.nanoTime() + SETTLE.toNanos();
            RawClient.Reply health = admin(server, "GET", "/health");
            while (health.status() == 200 && System.nanoTime() < deadline) {
                Thread.sleep(5);
                health = admin(server, "GET", "/health");
            }
            assertEquals(503, health.status());
            assertEquals("draining\n", health.text());
            assertEquals(503, admin(server, "GET", "/ready").status());
            assertFalse(inFlight.isDone(), "the request in flight is still being handled");
            release.countDown();
            RawClient.Reply reply = inFlight.get(10, TimeUnit.SECONDS);
            assertEquals(200, reply.status());
            assertEquals("finished\n", reply.text());
            closer.join(Duration.ofSeconds(15));
            assertFalse(closer.isAlive());
        } finally {
            release.countDown();
        }
    }

    @Test
    void tlsHandshakesRefusalsOpenConnectionsAndCertificateExpiry(@TempDir Path dir) throws Exception {
        try (var server = TestServer.startTls(TestServer.site(dir), "--admin-port", "0")) {
            PrometheusText before = scrape(server);
            assertEquals(server.tls.orElseThrow().current().leaf().getNotAfter().toInstant().getEpochSecond(),
                    before.value("http_tls_certificate_expiry_timestamp_seconds"));
            try (var https = server.tlsClient("http/1.1")) {
                assertEquals(200, get(https, server.secureHost(), "/about.html").status());
                PrometheusText open = scrapeUntil(server,
                        m -> m.value("http_open_connections", "protocol", "http/1.1", "tls", "true") == 1);
                assertEquals(1, open.value("http_open_connections", "protocol", "http/1.1", "tls", "true"));
                assertEquals(1, open.value("http_tls_handshakes_total", "listener", "https")
                        - before.value("http_tls_handshakes_total", "listener", "https"));
                try (var h2 = H2Client.tls(server.securePort()).start()) {
                    assertEquals(200, h2.response(h2.get("/about.html", server.secureHost())).status());
                    PrometheusText both = scrapeUntil(server,
                            m -> m.value("http_open_connections", "protocol", "h2", "tls", "true") == 1
                                    && requests(m, "GET", "2xx", "h2", "https") == 1);
                    assertEquals(1, both.value("http_open_connections", "protocol", "h2", "tls", "true"));
                    assertEquals(1, both.value("http_open_connections", "protocol", "http/1.1", "tls", "true"));
                    assertEquals(1, requests(both, "GET", "2xx", "h2", "https"));
                    assertEquals(1, requests(both, "GET", "2xx", "http/1.1", "https"));
                    assertEquals(2, both.value("http_tls_handshakes_total", "listener", "https")
                            - before.value("http_tls_handshakes_total", "listener", "https"));
                }
            }
            // A TLS client on the cleartext port is refused; a cleartext client that hangs up mid-handshake on the TLS port fails it.
            try (var wrong = (SSLSocket) TestCertificates.clientContext().getSocketFactory()
                    .createSocket("127.0.0.1", server.port())) {
                wrong.setSoTimeout(10_000);
                try {
                    wrong.startHandshake();
                } catch (SSLException | SocketException expected) {
                    // The server closes without a word.
                }
            }
            try (var torn = new Socket("127.0.0.1", server.securePort())) {
                torn.setSoTimeout(10_000);
                // The start of a ClientHello record, then the end of the stream.
                torn.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 0x01});
                torn.shutdownOutput();
                torn.getInputStream().readAllBytes();
            }
            PrometheusText after = scrapeUntil(server,
                    m -> m.value("http_connections_refused_total", "listener", "http", "reason", "tls_on_cleartext_port") >= 1
                            && m.value("http_tls_handshake_failures_total", "listener", "https") >= 1
                            && m.value("http_open_connections", "protocol", "h2", "tls", "true") == 0
                            && m.value("http_open_connections", "protocol", "http/1.1", "tls", "true") == 0);
            assertEquals(1, after.value("http_connections_refused_total", "listener", "http",
                    "reason", "tls_on_cleartext_port"));
            assertEquals(1, after.value("http_tls_handshake_failures_total", "listener", "https"));
            assertEquals(1, after.value("http_connections_refused_total", "listener", "https",
                    "reason", "tls_handshake_failed"));
            assertEquals(0, after.value("http_open_connections", "protocol", "h2", "tls", "true"));
            assertEquals(0, after.value("http_open_connections", "protocol", "http/1.1", "tls", "true"));
            assertEquals(3, after.value("http_connections_accepted_total", "listener", "https")
                    - before.value("http_connections_accepted_total", "listener", "https"));
        }
    }
}
