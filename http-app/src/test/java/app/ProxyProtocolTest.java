package app;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.admin.PrometheusText;
import app.tls.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import protocol.proxy.ProxyHeader;
import protocol.proxy.ProxyHeaderEncoder;
import protocol.proxy.ProxyHeaderParser;

/**
 * {@code --proxy-protocol} end to end on loopback: the header before HTTP/1, HTTP/2 and the TLS
 * handshake, the client it carries in the logs, and every way a connection without a valid header
 * is closed unanswered and counted.
 */
class ProxyProtocolTest {

    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final byte[] V2_SIGNATURE = {
        0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a
    };

    @TempDir
    Path dir;

    @Test
    void v1OverCleartextCarriesTheClientIntoBothLogs() throws Exception {
        try (var logs = new LogCapture(); var server = TestServer.start(TestServer.site(dir), "--proxy-protocol",
                "--access-log"); var socket = connect(server.port())) {
            write(socket, ascii("PROXY TCP4 203.0.113.7 127.0.0.1 51234 " + server.port() + "\r\n"));
            var client = new RawClient(socket);
            RawClient.Reply reply = client.send(get("/about.html", server.host())).read();
            assertEquals(200, reply.status());
            assertArrayEquals(Files.readAllBytes(server.root.resolve("about.html")), reply.body());
            // Keep-alive: the second request on the connection is the same client's.
            assertEquals(200, client.send(get("/sample.txt", server.host())).read().status());
            logs.await(SETTLE, "203.0.113.7:51234 http GET /about.html 200");
            logs.await(SETTLE, "203.0.113.7:51234 http GET /sample.txt 200");
            logs.await(SETTLE, "203.0.113.7 - - [", "\"GET /about.html HTTP/1.1\" 200");
        }
    }

    @Test
    void v2OverCleartextWithAnIpv6Client() throws Exception {
        try (var logs = new LogCapture(); var server = TestServer.start(TestServer.site(dir), "--proxy-protocol");
                var socket = connect(server.port())) {
            write(socket, v2("2001:db8::7", 40001, server.port()));
            assertEquals(200, new RawClient(socket).send(get("/", server.host())).read().status());
            logs.await(SETTLE, "2001:db8:0:0:0:0:0:7:40001 http GET / 200");
        }
    }

    @Test
    void theHeaderMayArriveInPiecesAndTheRequestWithIt() throws Exception {
        try (var logs = new LogCapture(); var server = TestServer.start(TestServer.site(dir), "--proxy-protocol");
                var socket = connect(server.port())) {
            socket.setTcpNoDelay(true);
            byte[] header = v2("192.0.2.99", 1234, server.port());
            for (byte b : header) {
                write(socket, new byte[] {b});
            }
            assertEquals(200, new RawClient(socket).send(get("/", server.host())).read().status());
            logs.await(SETTLE, "192.0.2.99:1234 http GET / 200");
        }
        try (var logs = new LogCapture(); var server = TestServer.start(TestServer.site(dir), "--proxy-protocol");
                var socket = connect(server.port())) {
            // The header and the request in one segment.
            write(socket, concat(ascii("PROXY TCP4 192.0.2.98 127.0.0.1 1 2\r\n"), ascii(get("/", server.host()))));
            assertEquals(200, new RawClient(socket).read().status());
            logs.await(SETTLE, "192.0.2.98:1 http GET / 200");
        }
    }

    @Test
    void localAndUnknownKeepTheRealPeer() throws Exception {
        try (var logs = new LogCapture(); var server = TestServer.start(TestServer.site(dir), "--proxy-protocol")) {
            for (ProxyHeader header : new ProxyHeader[] {
                new ProxyHeader.Local(ProxyHeader.Version.V2), new ProxyHeader.Local(ProxyHeader.Version.V1)}) {
                try (var socket = connect(server.port())) {
                    write(socket, ProxyHeaderEncoder.encode(header));
                    assertEquals(200, new RawClient(socket).send(get("/sample.txt", server.host())).read().status());
                    logs.await(SETTLE, "127.0.0.1:" + socket.getLocalPort() + " http GET /sample.txt 200");
                }
            }
        }
    }

    @Test
    void overTlsTheHeaderPrecedesTheClientHello() throws Exception {
        try (var logs = new LogCapture();
                var server = TestServer.startTls(TestServer.site(dir), "--proxy-protocol", "--admin-port", "0")) {
            try (var socket = connect(server.securePort())) {
                write(socket, ascii("PROXY TCP4 198.51.100.20 127.0.0.1 5555 443\r\n"));
                var client = new RawClient(tls(socket, server.securePort(), "http/1.1"));
                assertEquals(200, client.send(get("/", server.secureHost())).read().status());
                logs.await(SETTLE, "198.51.100.20:5555 https GET / 200");
            }
            // HTTP/2 by ALPN after a version 2 header.
            try (var socket = connect(server.securePort())) {
                write(socket, v2("2001:db8::20", 6666, server.securePort()));
                var h2 = H2Client.over(tls(socket, server.securePort(), "h2")).start();
                assertEquals(200, h2.response(h2.get("/about.html", server.secureHost())).status());
                logs.await(SETTLE, "2001:db8:0:0:0:0:0:20:6666 https GET /about.html 200");
            }
            // A TLS client without the header is closed before its handshake, and counted.
            try (var bare = (SSLSocket) TestCertificates.clientContext().getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), server.securePort())) {
                bare.setSoTimeout(10_000);
                try {
                    bare.startHandshake();
                } catch (IOException expected) {
                    // Closed without a word.
                }
            }
            PrometheusText metrics = scrapeUntil(server, m -> refused(m, "https") >= 1);
            assertEquals(1, refused(metrics, "https"));
        }
    }

    @Test
    void h2cByPriorKnowledgeAfterTheHeader() throws Exception {
        try (var logs = new LogCapture(); var server = TestServer.start(TestServer.site(dir), "--proxy-protocol");
                var socket = connect(server.port())) {
            write(socket, ascii("PROXY TCP6 2001:db8::30 ::1 7777 80\r\n"));
            var h2 = H2Client.over(socket).start();
            assertEquals(200, h2.response(h2.get("/", server.host())).status());
            logs.await(SETTLE, "2001:db8:0:0:0:0:0:30:7777 http GET / 200");
        }
    }

    @Test
    void aConnectionWithoutAValidHeaderIsClosedUnansweredAndCounted() throws Exception {
        try (var server = TestServer.start(TestServer.site(dir), "--proxy-protocol", "--admin-port", "0")) {
            byte[][] attempts = {
                ascii(get("/", server.host())),
                ascii("PROXY TCP4 203.0.113.7 127.0.0.1 051234 80\r\n" + get("/", server.host())),
                ascii("PROXY TCP4 203.0.113.7  127.0.0.1 1 80\r\n"),
                ascii("PROXY TCP4 203.0.113.7 127.0.0.1 1 80\n"),
                concat(V2_SIGNATURE, new byte[] {0x21, 0x12, 0, 12}, new byte[12]),
                ascii("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
            };
            for (byte[] attempt : attempts) {
                try (var socket = connect(server.port())) {
                    write(socket, attempt);
                    assertEquals(0, socket.getInputStream().readAllBytes().length, "closed without an answer");
                }
            }
            PrometheusText metrics = scrapeUntil(server, m -> refused(m, "http") >= attempts.length);
            assertEquals(attempts.length, refused(metrics, "http"));
            // The admin listener never takes the header.
            try (var admin = new RawClient(server.adminPort())) {
                assertEquals(200, admin.send(get("/health", "127.0.0.1:" + server.adminPort())).read().status());
            }
        }
    }

    @Test
    void aSlowHeaderIsCutAtTheHeadTimeout() throws Exception {
        try (var server = TestServer.start(TestServer.site(dir), "--proxy-protocol", "--head-timeout", "1",
                "--admin-port", "0"); var socket = connect(server.port())) {
            write(socket, ascii("PROXY TCP4 203.0.113.7 "));
            var client = new RawClient(socket);
            assertTrue(client.closedByServer(10_000), "closed once the head timeout ran out");
            PrometheusText metrics = scrapeUntil(server, m -> refused(m, "http") >= 1);
            assertEquals(1, refused(metrics, "http"));
        }
    }

    @Test
    void headerLimitsAtNAndNPlusOne() throws Exception {
        try (var server = TestServer.start(TestServer.site(dir), "--proxy-protocol")) {
            String start = "PROXY UNKNOWN ";
            for (int length : new int[] {ProxyHeaderParser.MAX_V1_LENGTH, ProxyHeaderParser.MAX_V1_LENGTH + 1}) {
                byte[] line = ascii(start + "x".repeat(length - start.length() - 2) + "\r\n");
                assertEquals(length, line.length);
                try (var socket = connect(server.port())) {
                    write(socket, concat(line, ascii(get("/", server.host()))));
                    assertEquals(length == ProxyHeaderParser.MAX_V1_LENGTH ? 200 : -1, status(socket), "v1 of " + length);
                }
            }
            for (int length : new int[] {ProxyHeaderParser.MAX_V2_LENGTH, ProxyHeaderParser.MAX_V2_LENGTH + 1}) {
                // TCP4 addresses, then a NOOP TLV that fills the length.
                byte[] addresses = concat(new byte[] {(byte) 192, 0, 2, 1, 127, 0, 0, 1, 0, 1, 0, 80});
                int padding = length - addresses.length - 3;
                byte[] block = concat(addresses, new byte[] {0x04, (byte) (padding >>> 8), (byte) padding},
                        new byte[padding]);
                byte[] header = concat(V2_SIGNATURE, new byte[] {0x21, 0x11, (byte) (length >>> 8), (byte) length},
                        block);
                try (var socket = connect(server.port())) {
                    write(socket, concat(header, ascii(get("/", server.host()))));
                    assertEquals(length == ProxyHeaderParser.MAX_V2_LENGTH ? 200 : -1, status(socket), "v2 of " + length);
                }
            }
        }
    }

    @Test
    void thePoolReportNamesTheCarriedClient() throws Exception {
        var running = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        app.handler.Handler slow = request -> {
            running.countDown();
            try {
                release.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return app.handler.Response.of(protocol.Status.OK, "text/plain", "done");
        };
        try (var server = TestServer.start(TestServer.site(dir), config -> slow, "--proxy-protocol",
                "--admin-port", "0"); var socket = connect(server.port())) {
            write(socket, concat(ascii("PROXY TCP4 203.0.113.77 127.0.0.1 4321 80\r\n"), ascii(get("/slow", server.host()))));
            assertTrue(running.await(10, java.util.concurrent.TimeUnit.SECONDS));
            try (var admin = new RawClient(server.adminPort())) {
                String report = admin.send(get("/pool", "127.0.0.1:" + server.adminPort())).read().text();
                assertTrue(report.contains("GET /slow from 203.0.113.77:4321"), report);
            } finally {
                release.countDown();
            }
            assertEquals(200, new RawClient(socket).read().status());
        }
    }

    @Test
    void withoutTheFlagAProxyHeaderIsABadRequest() throws Exception {
        try (var server = TestServer.start(TestServer.site(dir)); var client = server.client()) {
            client.send("PROXY TCP4 203.0.113.7 127.0.0.1 51234 80\r\n" + get("/", server.host()));
            assertEquals(400, client.read().status());
        }
    }

    // ---- helpers ----

    /** The status of the response on {@code socket}, or -1 when it closed without one. */
    private static int status(Socket socket) throws IOException {
        var client = new RawClient(socket);
        try {
            return client.read().status();
        } catch (java.io.EOFException e) {
            return -1;
        }
    }

    private static double refused(PrometheusText metrics, String listener) {
        return metrics.value("http_connections_refused_total", "listener", listener, "reason", "proxy_header");
    }

    static PrometheusText scrapeUntil(TestServer server, java.util.function.Predicate<PrometheusText> settled)
            throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        PrometheusText metrics = scrape(server);
        while (!settled.test(metrics) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            metrics = scrape(server);
        }
        return metrics;
    }

    private static PrometheusText scrape(TestServer server) throws IOException {
        try (var admin = new RawClient(server.adminPort())) {
            admin.send("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1:" + server.adminPort() + "\r\nConnection: close\r\n\r\n");
            return PrometheusText.parse(admin.read().text());
        }
    }

    static Socket connect(int port) throws IOException {
        var socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    static void write(Socket socket, byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** TLS layered on {@code socket}, after what was written on it so far, offering {@code alpn}. */
    static SSLSocket tls(Socket socket, int port, String... alpn) throws IOException {
        var layered = (SSLSocket) TestCertificates.clientContext().getSocketFactory()
                .createSocket(socket, "127.0.0.1", port, true);
        SSLParameters parameters = layered.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setApplicationProtocols(alpn);
        layered.setSSLParameters(parameters);
        layered.setSoTimeout(10_000);
        layered.startHandshake();
        assertEquals(alpn[0], layered.getApplicationProtocol());
        return layered;
    }

    /** A version 2 PROXY header for a TCP client at {@code source}:{@code port} of loopback {@code serverPort}. */
    static byte[] v2(String source, int port, int serverPort) throws UnknownHostException {
        InetAddress from = InetAddress.getByName(source);
        InetAddress to = from.getAddress().length == 4 ? InetAddress.getByName("127.0.0.1") : InetAddress.getByName("::1");
        var family = from.getAddress().length == 4 ? ProxyHeader.Family.TCP4 : ProxyHeader.Family.TCP6;
        return ProxyHeaderEncoder.encode(new ProxyHeader.Proxied(ProxyHeader.Version.V2, family,
                new InetSocketAddress(from, port), new InetSocketAddress(to, serverPort)));
    }

    static String get(String path, String host) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
    }

    static byte[] ascii(String text) {
        return text.getBytes(US_ASCII);
    }

    static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
