package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.Wires.Answer;
import app.Wires.Wire;
import app.handler.Handler;
import app.handler.Response;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import protocol.Request;
import protocol.hpack.HeaderField;

/**
 * A request's id is the same in its {@code X-Request-Id}, its request log line, its access log
 * line and the ERROR line of a handler that failed, over every wire. The server logs through
 * slf4j-simple to {@code System.err}, which this test copies while it runs.
 */
class RequestIdLogTest {

    private static final long LOG_WAIT_MILLIS = 5_000;

    @TempDir
    Path dir;
    private LogCapture log;

    @BeforeEach
    void copyTheLog() {
        log = new LogCapture();
    }

    @AfterEach
    void restoreTheLog() {
        log.close();
    }

    /** The log lines that mention {@code id}, once {@code count} have (bounded by {@value #LOG_WAIT_MILLIS} ms). */
    private List<String> linesWith(String id, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOG_WAIT_MILLIS);
        List<String> lines;
        do {
            lines = log.lines().stream().filter(line -> line.contains(id)).toList();
            if (lines.size() >= count) {
                return lines;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return lines;
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aClientsIdIsInTheRequestAndAccessLogs(Wire wire) throws Exception {
        TestServer.site(dir);
        try (var server = TestServer.startTls(dir, "--access-log")) {
            String id = "trace-" + wire.name().toLowerCase() + ".42";
            Answer answer = Wires.fetch(server, wire, "GET", "/style.css", "X-Request-Id", id);
            assertEquals(id, answer.field("x-request-id"));
            List<String> lines = linesWith(id, 2);
            assertEquals(2, lines.size(), String.join("\n", lines));
            assertTrue(lines.stream().anyMatch(l -> l.contains("request - ") && l.endsWith(" " + id)), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.contains("access - ") && l.endsWith(" " + id)), lines.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aNewIdIsInTheLogsAndTheErrorLineOfAFailedHandler(Wire wire) throws Exception {
        Handler failing = new Handler() {
            @Override
            public Response handle(Request request) {
                throw new IllegalStateException("the handler broke on purpose");
            }
        };
        try (var server = TestServer.startTls(dir, config -> failing, "--access-log")) {
            Answer answer = Wires.fetch(server, wire, "GET", "/broken");
            assertEquals(500, answer.status());
            String id = answer.field("x-request-id");
            List<String> lines = linesWith(" " + id, 3);
            assertEquals(3, lines.size(), String.join("\n", lines));
            assertTrue(lines.stream().anyMatch(l -> l.contains(" ERROR ") && l.contains("handler failed (request " + id
                    + ")")), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.contains("request - ") && l.contains(" 500 ")
                    && l.endsWith(" " + id)), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.contains("access - ") && l.endsWith(" " + id)), lines.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Wire.class, names = {"HTTP1", "HTTPS1"})
    void aRequestWhoseHeadCannotBeReadGetsANewIdOnItsErrorPage(Wire wire) throws IOException {
        TestServer.site(dir);
        try (var server = TestServer.startTls(dir);
                var client = wire == Wire.HTTP1 ? server.client() : server.tlsClient("http/1.1")) {
            var reply = client.send("GET / HTTP/1.1\r\nHost: " + server.host() + "\r\nBad Field: x\r\n\r\n").read();
            assertEquals(400, reply.status());
            assertTrue(app.server.RequestIds.acceptable(reply.header("X-Request-Id")), reply.headers().toString());
            assertEquals("nosniff", reply.header("X-Content-Type-Options"));
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aRejectedHostIsLoggedWithTheRequestsId(Wire wire) throws Exception {
        TestServer.site(dir);
        try (var server = TestServer.startTls(dir)) {
            String id = "host-" + wire.name().toLowerCase(Locale.ROOT);
            int status = switch (wire) {
                case HTTP1, HTTPS1 -> {
                    try (var client = wire == Wire.HTTP1 ? server.client() : server.tlsClient("http/1.1")) {
                        yield client.send("GET / HTTP/1.1\r\nHost: evil.example\r\nX-Request-Id: " + id + "\r\n\r\n")
                                .read().status();
                    }
                }
                case H2C, H2 -> {
                    var connection = wire == Wire.H2C
                            ? H2Client.cleartext(server.port())
                            : H2Client.tls(server.securePort());
                    try (var client = connection.start()) {
                        int stream = client.request(H2Client.request("GET", "/", "evil.example",
                                new HeaderField("x-request-id", id)), true);
                        yield client.response(stream).status();
                    }
                }
            };
            assertEquals(403, status);
            List<String> lines = linesWith("Host rejected: 'evil.example'", 1);
            assertEquals(1, lines.size(), String.join("\n", lines));
            assertTrue(lines.get(0).endsWith("(request " + id + ")"), lines.get(0));
        }
    }

    /** Health checks and scrapes are logged on {@code http.admin}, so they can be turned down apart from the site's traffic. */
    @Test
    void adminRequestsAreLoggedOnTheirOwnLogger() throws Exception {
        TestServer.site(dir);
        try (var server = TestServer.start(dir, "--admin-port", "0")) {
            String id = "site-request.7";
            assertEquals(id, Wires.fetch(server, Wire.HTTP1, "GET", "/style.css", "X-Request-Id", id).field("x-request-id"));
            try (var client = new RawClient(server.adminPort())) {
                client.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + server.adminPort()
                        + "\r\nConnection: close\r\n\r\n");
                assertEquals(200, client.read().status());
            }
            List<String> site = linesWith(id, 1);
            assertEquals(1, site.size(), String.join("\n", site));
            assertTrue(site.getFirst().contains("request - ") && site.getFirst().contains(" GET /style.css 200 "), site.toString());
            List<String> lines = linesWith(" GET /health ", 1);
            assertEquals(1, lines.size(), String.join("\n", lines));
            assertTrue(lines.getFirst().contains("admin - "), "on http.admin, not http.request: " + lines);
        }
    }
}
