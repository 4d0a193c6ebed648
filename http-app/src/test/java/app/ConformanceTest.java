package app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import app.ConformanceCases.After;
import app.ConformanceCases.Case;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance table of {@link ConformanceCases} over real sockets, cleartext and TLS, on one
 * server with both listeners: each request followed by a pipelined GET in the same write, then
 * everything read until the server closes.
 */
class ConformanceTest {

    /** How a case reaches the server: the listener it is sent to, whose port its Host names. */
    enum Wire {
        CLEARTEXT,
        TLS;

        /** The port of this wire's listener: the Host policy is per listener. */
        int port(TestServer server) {
            return this == TLS ? server.securePort() : server.port();
        }

        RawClient client(TestServer server) throws IOException {
            return this == TLS ? server.tlsClient() : server.client();
        }
    }

    @TempDir
    static Path dir;
    static TestServer server;
    static byte[] index;

    @BeforeAll
    static void start() throws IOException {
        TestServer.site(dir);
        index = Files.readAllBytes(dir.resolve("index.html"));
        server = TestServer.startTls(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<Case> cases() {
        return ConformanceCases.all();
    }

    /** Every case on every wire. */
    static Stream<Arguments> casesOnEachWire() {
        return Stream.of(Wire.values()).flatMap(wire -> cases().stream().map(c -> Arguments.of(wire, c)));
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource("casesOnEachWire")
    void eachCaseGetsItsAnswerAndNothingElse(Wire wire, Case c) throws Exception {
        check(wire, c, exchange(wire, c, false));
    }

    /** Over TLS, one byte per write is one byte per TLS record. */
    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource("casesOnEachWire")
    void eachCaseGetsTheSameAnswerWhenItsBytesTrickleIn(Wire wire, Case c) throws Exception {
        check(wire, c, exchange(wire, c, true));
    }

    @Test
    void theTableHasACaseForEachSmugglingFamily() {
        List<String> names = cases().stream().map(Case::name).toList();
        for (String family : List.of("CL.TE", "TE.CL", "TE.TE", "Content-Length fields", "chunk size of 17",
                "bare LF", "bare CR", "obs-fold", "NUL", "request hidden", "GET body", "HTTP/2.0")) {
            assertTrue(names.stream().anyMatch(name -> name.contains(family)), family);
        }
    }

    /** Over TLS the client's half-close is a close_notify (TLS 1.3 allows writing no more and still reading). */
    @ParameterizedTest
    @EnumSource(Wire.class)
    void aBodyCutShortByTheClientIsNeverHandled(Wire wire, @TempDir Path other) throws Exception {
        // RFC 9112 §6.3: a message closed before its Content-Length is incomplete and is not processed.
        try (var own = TestServer.startTls(TestServer.site(other)); var client = wire.client(own)) {
            client.send("POST /upload HTTP/1.1\r\nHost: 127.0.0.1:" + wire.port(own)
                    + "\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{}");
            client.socket().shutdownOutput();
            byte[] all = ResponseStream.readUntilClose(client.input());
            for (RawClient.Reply reply : ResponseStream.split(all, false)) {
                assertTrue(reply.status() >= 400, reply.statusLine());
            }
        }
        try (Stream<Path> stored = Files.list(other.resolve("uploads"))) {
            assertEquals(List.of(), stored.toList());
        }
    }

    /** Sends the case and the follower in one write, or one byte per write; reads until close. */
    private static List<RawClient.Reply> exchange(Wire wire, Case c, boolean trickle) throws Exception {
        byte[] bytes = c.withFollower(wire.port(server));
        String what = "[" + wire + "] " + c;
        try (var client = wire.client(server)) {
            client.socket().setTcpNoDelay(true);
            try {
                if (trickle) {
                    for (byte b : bytes) {
                        client.send(new byte[] {b});
                    }
                } else {
                    client.send(bytes);
                }
            } catch (IOException closedEarly) {
                // The server may answer and close before the whole request was written; what it sent is read below.
            }
            byte[] all;
            try {
                // Over TLS the end is the server's close_notify (-1); a reset or SSLException after its answer
                // counts as the close, as a reset does in cleartext.
                all = ResponseStream.readUntilClose(client.input());
            } catch (SocketTimeoutException e) {
                return fail(what + ": the connection is still open 10 s after the pipelined request asked to close it");
            }
            try {
                return ResponseStream.split(all, c.isHead());
            } catch (ResponseStream.MalformedStreamException e) {
                return fail(what + ": " + (c.isHead() ? "content in a response to HEAD (RFC 9110 §9.3.2)? " : "") + e.getMessage());
            }
        }
    }

    private static void check(Wire wire, Case c, List<RawClient.Reply> all) throws Exception {
        String what = "[" + wire + "] " + c;
        List<RawClient.Reply> finals = all.stream().filter(reply -> reply.status() >= 200).toList();
        assertTrue(!finals.isEmpty(), what + ": no response at all");
        RawClient.Reply first = finals.getFirst();
        assertEquals(c.status(), first.status(), what + ": " + first.statusLine());
        if (c.after() == After.CLOSE) {
            assertEquals(1, finals.size(), () -> what + ": " + finals.stream().map(RawClient.Reply::statusLine).toList());
            assertEquals("close", first.header("Connection"), what);
        } else {
            assertEquals(2, finals.size(), () -> what + ": " + finals.stream().map(RawClient.Reply::statusLine).toList());
            assertEquals("keep-alive", first.header("Connection"), what);
            RawClient.Reply next = finals.get(1);
            assertEquals(200, next.status(), what + ": the pipelined GET");
            assertArrayEquals(index, next.body(), what + ": the pipelined GET / gets index.html");
        }
    }
}
