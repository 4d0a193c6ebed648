package app;

import static app.ProxyProtocolTest.ascii;
import static app.ProxyProtocolTest.connect;
import static app.ProxyProtocolTest.v2;
import static app.ProxyProtocolTest.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import protocol.hpack.HeaderField;

/**
 * {@code --trusted-proxy} end to end on loopback: the client a trusted peer names in
 * {@code Forwarded} or {@code X-Forwarded-For} is the one logged, and its {@code X-Forwarded-Proto}
 * decides the redirect to HTTPS and HSTS; the same fields from any other peer change nothing.
 */
class TrustedProxyTest {

    private static final Duration SETTLE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private static String get(String path, String host, String... fields) {
        var request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
        for (int i = 0; i < fields.length; i += 2) {
            request.append(fields[i]).append(": ").append(fields[i + 1]).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    @Test
    void aTrustedPeerNamesTheClient() throws Exception {
        try (var logs = new LogCapture(); var server = TestServer.start(TestServer.site(dir), "--trusted-proxy",
                "127.0.0.0/8", "--trusted-proxy", "10.0.0.0/8", "--access-log"); var client = server.client()) {
            client.send(get("/", server.host(), "X-Forwarded-For", "198.51.100.1, 203.0.113.9, 10.1.2.3")).read();
            logs.await(SETTLE, "203.0.113.9:- http GET / 200");
            logs.await(SETTLE, "203.0.113.9 - - [", "\"GET / HTTP/1.1\" 200");
            // Each request on one connection is judged on its own: a proxy carries many clients.
            client.send(get("/about.html", server.host(), "Forwarded", "for=\"[2001:db8::9]:4711\";proto=https")).read();
            logs.await(SETTLE, "2001:db8:0:0:0:0:0:9:4711 http GET /about.html 200");
            client.send(get("/sample.txt", server.host(), "Forwarded", "for=_hidden, for=10.9.9.9")).read();
            logs.await(SETTLE, "10.9.9.9:- http GET /sample.txt 200");
            client.send(get("/style.css", server.host())).read();
            logs.await(SETTLE, "127.0.0.1:" + client.socket().getLocalPort() + " http GET /style.css 200");
        }
    }

    @Test
    void anyOtherPeerIsItsOwnClient() throws Exception {
        try (var logs = new LogCapture(); var server = TestServer.start(TestServer.site(dir), "--trusted-proxy",
                "10.0.0.0/8"); var client = server.client()) {
            client.send(get("/", server.host(), "X-Forwarded-For", "203.0.113.9", "Forwarded", "for=203.0.113.10"))
                    .read();
            logs.await(SETTLE, "127.0.0.1:" + client.socket().getLocalPort() + " http GET / 200");
        }
    }

    @Test
    void withThePROXYProtocolTheCarriedClientIsThePeerJudged() throws Exception {
        try (var logs = new LogCapture(); var server = TestServer.start(TestServer.site(dir), "--proxy-protocol",
                "--trusted-proxy", "10.0.0.0/8")) {
            try (var socket = connect(server.port())) {
                write(socket, ascii("PROXY TCP4 10.7.7.7 127.0.0.1 1000 80\r\n"));
                new RawClient(socket).send(get("/", server.host(), "X-Forwarded-For", "203.0.113.50")).read();
                logs.await(SETTLE, "203.0.113.50:- http GET / 200");
            }
            try (var socket = connect(server.port())) {
                write(socket, v2("198.51.100.60", 2000, server.port()));
                new RawClient(socket).send(get("/about.html", server.host(), "X-Forwarded-For", "203.0.113.51")).read();
                logs.await(SETTLE, "198.51.100.60:2000 http GET /about.html 200");
            }
        }
    }

    @Test
    void overHttp2EachStreamIsJudged() throws Exception {
        try (var logs = new LogCapture(); var server = TestServer.startTls(TestServer.site(dir), "--redirect-http",
                "--hsts", "600", "--trusted-proxy", "127.0.0.1"); var h2 = H2Client.cleartext(server.port()).start()) {
            int first = h2.request(H2Client.request("GET", "/about.html", server.host(),
                    new HeaderField("x-forwarded-for", "203.0.113.61"), new HeaderField("x-forwarded-proto", "https")),
                    true);
            H2Client.Reply secure = h2.response(first);
            assertEquals(200, secure.status());
            assertEquals("max-age=600", secure.fields().get("strict-transport-security"));
            // The next stream once the first is answered: this client decodes header blocks in the order it asks.
            int second = h2.request(H2Client.request("GET", "/sample.txt", server.host(),
                    new HeaderField("forwarded", "for=203.0.113.62")), true);
            assertEquals(308, h2.response(second).status(), "no proto said: redirected as ever");
            logs.await(SETTLE, "203.0.113.61:- http GET /about.html 200");
            logs.await(SETTLE, "203.0.113.62:- http GET /sample.txt 308");
        }
    }

    @Test
    void aTrustedProxySayingHttpsStopsTheRedirectAndGetsHsts() throws Exception {
        try (var server = TestServer.startTls(TestServer.site(dir), "--redirect-http", "--hsts", "600",
                "--trusted-proxy", "127.0.0.1"); var client = server.client()) {
            RawClient.Reply https = client.send(get("/about.html", server.host(), "X-Forwarded-Proto", "https")).read();
            assertEquals(200, https.status());
            assertEquals("max-age=600", https.header("Strict-Transport-Security"));
            RawClient.Reply forwarded = client.send(get("/about.html", server.host(),
                    "Forwarded", "for=203.0.113.9;proto=https")).read();
            assertEquals(200, forwarded.status());
            assertEquals("max-age=600", forwarded.header("Strict-Transport-Security"));
            RawClient.Reply http = client.send(get("/about.html", server.host(), "X-Forwarded-Proto", "http")).read();
            assertEquals(308, http.status());
            assertNull(http.header("Strict-Transport-Security"));
        }
    }

    @Test
    void anUntrustedPeerSayingHttpsIsRedirectedAsEver() throws Exception {
        try (var server = TestServer.startTls(TestServer.site(dir), "--redirect-http", "--hsts", "600",
                "--trusted-proxy", "10.0.0.0/8"); var client = server.client()) {
            RawClient.Reply reply = client.send(get("/about.html", server.host(), "X-Forwarded-Proto", "https")).read();
            assertEquals(308, reply.status());
            assertNull(reply.header("Strict-Transport-Security"));
        }
        try (var server = TestServer.startTls(TestServer.site(dir), "--hsts", "600", "--trusted-proxy", "10.0.0.0/8");
                var client = server.client()) {
            RawClient.Reply reply = client.send(get("/about.html", server.host(), "X-Forwarded-Proto", "https")).read();
            assertEquals(200, reply.status());
            assertNull(reply.header("Strict-Transport-Security"), "never over cleartext unless a trusted proxy says so");
        }
    }
}
