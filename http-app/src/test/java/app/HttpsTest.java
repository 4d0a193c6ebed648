package app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tls.TestCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server over TLS, end to end with the JDK's TLS client: what works on cleartext works the
 * same, and what is particular to HTTPS (the wrong protocol on either port, a stalled handshake,
 * the redirect, HSTS, close_notify on shutdown).
 */
class HttpsTest {

    @TempDir
    Path dir;

    private static String get(String path, String host) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
    }

    @Test
    void servesFilesRangesAndUploadsOverKeepAliveAndPipelining() throws Exception {
        Path root = TestServer.site(dir);
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new Random(5).nextBytes(big);
        Files.write(root.resolve("big.bin"), big);
        try (var server = TestServer.startTls(root); var client = server.tlsClient()) {
            String host = server.secureHost();
            String upload = "POST /upload HTTP/1.1\r\nHost: " + host
                    + "\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}";
            // Four requests in one write: answered in order on one connection.
            client.send(get("/", host) + get("/big.bin", host)
                    + "GET /sample.txt HTTP/1.1\r\nHost: " + host + "\r\nRange: bytes=0-5\r\n\r\n" + upload);
            RawClient.Reply index = client.read();
            assertEquals(200, index.status());
            assertArrayEquals(Files.readAllBytes(root.resolve("index.html")), index.body());
            assertEquals("keep-alive", index.header("Connection"));
            RawClient.Reply file = client.read();
            assertEquals(200, file.status());
            assertArrayEquals(big, file.body(), "a file larger than a TLS record, sent from a buffer");
            RawClient.Reply range = client.read();
            assertEquals(206, range.status());
            assertEquals("Sample", range.text());
            RawClient.Reply stored = client.read();
            assertEquals(201, stored.status());
            String name = stored.header("Location").substring("/uploads/".length());
            assertEquals("{\"ok\":true}", Files.readString(root.resolve("uploads").resolve(name)));
            assertEquals("TLSv1.3", ((SSLSocket) client.socket()).getSession().getProtocol());
        }
    }

    @Test
    void headersAreTheSameOnBothListenersButForHsts() throws Exception {
        try (var server = TestServer.startTls(TestServer.site(dir), "--hsts", "31536000");
                var plain = server.client(); var secure = server.tlsClient()) {
            RawClient.Reply overHttp = plain.send(get("/about.html", server.host())).read();
            RawClient.Reply overHttps = secure.send(get("/about.html", server.secureHost())).read();
            assertNull(overHttp.header("Strict-Transport-Security"), "RFC 6797 §7.2: never over cleartext");
            assertEquals("max-age=31536000", overHttps.header("Strict-Transport-Security"));
            for (String name : List.of("Content-Type", "ETag", "Last-Modified", "Content-Length", "Accept-Ranges")) {
                assertEquals(overHttp.header(name), overHttps.header(name), name);
            }
            assertArrayEquals(overHttp.body(), overHttps.body());
        }
    }

    @Test
    void expectContinueWorksOverTls() throws Exception {
        try (var server = TestServer.startTls(TestServer.site(dir)); var client = server.tlsClient()) {
            client.send("POST /upload HTTP/1.1\r\nHost: " + server.secureHost() + "\r\nContent-Type: application/json"
                    + "\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
            assertEquals(100, client.read().status());
            assertEquals(201, client.send("[]").read().status());
        }
    }

    @Test
    void aCleartextRequestOnTheHttpsPortGetsAPlaintext400AndTheConnectionCloses() throws Exception {
        try (var server = TestServer.startTls(TestServer.site(dir)); var client = new RawClient(server.securePort())) {
            RawClient.Reply reply = client.send(get("/", server.secureHost())).read();
            assertEquals(400, reply.status());
            assertEquals("close", reply.header("Connection"));
            assertTrue(reply.text().contains("HTTPS"), reply.text());
            assertTrue(client.closedByServer(5_000));
        }
    }

    @Test
    void aTlsHandshakeOnTheCleartextPortIsClosedWithoutAnAnswer() throws Exception {
        try (var server = TestServer.startTls(TestServer.site(dir));
                var socket = (SSLSocket) TestCertificates.clientContext().getSocketFactory()
                        .createSocket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5_000);
            assertThrows(SSLException.class, socket::startHandshake);
        }
        // What a raw client sees: the ClientHello's first bytes, then the end of the stream, no bytes back.
        try (var server = TestServer.startTls(TestServer.site(dir)); var client = server.client()) {
            client.send(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00});
            assertEquals(0, client.readAll().length);
        }
    }

    @Test
    void aStalledHandshakeIsCutAtTheHeadTimeout() throws Exception {
        try (var server = TestServer.startTls(TestServer.site(dir), "--head-timeout", "1");
                var client = new RawClient(server.securePort())) {
            // The start of a ClientHello record that promises 512 bytes, then nothing.
            client.send(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03});
            long start = System.nanoTime();
            assertEquals(0, client.readAll().length, "cut without an answer");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 5_000, "closed after " + millis + " ms");
            // A fresh client is served meanwhile and after.
            try (var fresh = server.tlsClient()) {
                assertEquals(200, fresh.send(get("/", server.secureHost())).read().status());
            }
        }
    }

    @Test
    void anApplicationProtocolWeDoNotSpeakIsRefusedAndOursArePreferred() throws Exception {
        try (var server = TestServer.startTls(TestServer.site(dir))) {
            try (var client = server.tlsClient("http/1.1", "h2")) {
                // The server's order: h2 first, whatever the client's (RFC 7301 §3.2 lets it choose).
                ((SSLSocket) client.socket()).startHandshake();
                assertEquals("h2", ((SSLSocket) client.socket()).getApplicationProtocol());
            }
            try (var client = server.tlsClient("http/1.1")) {
                assertEquals(200, client.send(get("/", server.secureHost())).read().status());
                assertEquals("http/1.1", ((SSLSocket) client.socket()).getApplicationProtocol());
            }
            try (var off = TestServer.startTls(TestServer.site(Files.createDirectories(dir.resolve("off"))),
                    "--http2", "off");
                    var client = off.tlsClient("h2", "http/1.1")) {
                assertEquals(200, client.send(get("/", off.secureHost())).read().status());
                assertEquals("http/1.1", ((SSLSocket) client.socket()).getApplicationProtocol());
            }
            try (var client = server.tlsClient("spdy/3")) {
                // RFC 7301 §3.2: no_application_protocol.
                SSLException refused = assertThrows(SSLException.class, () -> ((SSLSocket) client.socket()).startHandshake());
                assertTrue(refused.getMessage().contains("no_application_protocol"), refused.getMessage());
            }
        }
    }

    @Test
    void redirectHttpAnswersCleartextWith308AfterHostValidation() throws Exception {
        try (var server = TestServer.startTls(TestServer.site(dir), "--redirect-http"); var client = server.client()) {
            RawClient.Reply reply = client.send(get("/about.html?x=1", server.host())).read();
            assertEquals(308, reply.status());
            assertEquals("https://127.0.0.1:" + server.securePort() + "/about.html?x=1", reply.header("Location"));
            assertEquals("close", reply.header("Connection"));
        }
        try (var server = TestServer.startTls(TestServer.site(dir), "--redirect-http"); var client = server.client()) {
            RawClient.Reply reply = client.send(get("/", "[::1]:" + server.port())).read();
            assertEquals("https://[::1]:" + server.securePort() + "/", reply.header("Location"));
        }
        try (var server = TestServer.startTls(TestServer.site(dir), "--redirect-http"); var client = server.client()) {
            assertEquals(403, client.send(get("/", "evil.example:" + server.port())).read().status());
        }
        try (var server = TestServer.startTls(TestServer.site(dir), "--redirect-http"); var client = server.client()) {
            // An upload is redirected before its body is read; 308 keeps the method (RFC 9110 §15.4.9).
            client.send("POST /upload HTTP/1.1\r\nHost: " + server.host()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n");
            RawClient.Reply reply = client.read();
            assertEquals(308, reply.status());
            assertEquals("https://127.0.0.1:" + server.securePort() + "/upload", reply.header("Location"));
            try (var files = Files.list(dir.resolve("uploads"))) {
                assertEquals(0, files.count());
            }
        }
    }

    @Test
    void theHttpsListenerAloneWithPortOff() throws Exception {
        try (var server = TestServer.startTls(TestServer.site(dir), "--port", "off"); var client = server.tlsClient()) {
            assertTrue(server.server.plainAddress().isEmpty());
            assertEquals(200, client.send(get("/", server.secureHost())).read().status());
        }
    }

    @Test
    void aGracefulStopEndsIdleTlsConnectionsWithCloseNotify() throws Exception {
        var server = TestServer.startTls(TestServer.site(dir));
        try (var client = server.tlsClient()) {
            assertEquals(200, client.send(get("/", server.secureHost())).read().status());
            server.close();
            // JSSE reports a close_notify as the end of the stream; a bare TCP close as an SSLException.
            assertEquals(-1, client.input().read());
        } finally {
            server.close();
        }
    }
}
