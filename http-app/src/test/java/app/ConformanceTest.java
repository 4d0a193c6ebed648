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
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance table of {@link ConformanceCases} over real sockets: each request followed by
 * a pipelined GET in the same write, then everything read until the server closes.
 */
class ConformanceTest {

    @TempDir
    static Path dir;
    static TestServer server;
    static byte[] index;

    @BeforeAll
    static void start() throws IOException {
        TestServer.site(dir);
        index = Files.readAllBytes(dir.resolve("index.html"));
        server = TestServer.start(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<Case> cases() {
        return ConformanceCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachCaseGetsItsAnswerAndNothingElse(Case c) throws Exception {
        check(c, exchange(c, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachCaseGetsTheSameAnswerWhenItsBytesTrickleIn(Case c) throws Exception {
        check(c, exchange(c, true));
    }

    @Test
    void theTableHasACaseForEachSmugglingFamily() {
        List<String> names = cases().stream().map(Case::name).toList();
        for (String family : List.of("CL.TE", "TE.CL", "TE.TE", "Content-Length fields", "chunk size of 17",
                "bare LF", "bare CR", "obs-fold", "NUL", "request hidden", "GET body", "HTTP/2.0")) {
            assertTrue(names.stream().anyMatch(name -> name.contains(family)), family);
        }
    }

    @Test
    void aBodyCutShortByTheClientIsNeverHandled(@TempDir Path other) throws Exception {
        // RFC 9112 §6.3: a message closed before its Content-Length is incomplete and is not processed.
        try (var own = TestServer.start(TestServer.site(other)); var client = own.client()) {
            client.send("POST /upload HTTP/1.1\r\nHost: " + own.host()
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
    private static List<RawClient.Reply> exchange(Case c, boolean trickle) throws Exception {
        byte[] bytes = c.withFollower(server.port());
        try (var client = server.client()) {
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
                all = ResponseStream.readUntilClose(client.input());
            } catch (SocketTimeoutException e) {
                return fail(c + ": the connection is still open 10 s after the pipelined request asked to close it");
            }
            try {
                return ResponseStream.split(all, c.isHead());
            } catch (ResponseStream.MalformedStreamException e) {
                return fail(c + ": " + (c.isHead() ? "content in a response to HEAD (RFC 9110 §9.3.2)? " : "") + e.getMessage());
            }
        }
    }

    private static void check(Case c, List<RawClient.Reply> all) throws Exception {
        List<RawClient.Reply> finals = all.stream().filter(reply -> reply.status() >= 200).toList();
        assertTrue(!finals.isEmpty(), c + ": no response at all");
        RawClient.Reply first = finals.getFirst();
        assertEquals(c.status(), first.status(), c + ": " + first.statusLine());
        if (c.after() == After.CLOSE) {
            assertEquals(1, finals.size(), () -> c + ": " + finals.stream().map(RawClient.Reply::statusLine).toList());
            assertEquals("close", first.header("Connection"), c.toString());
        } else {
            assertEquals(2, finals.size(), () -> c + ": " + finals.stream().map(RawClient.Reply::statusLine).toList());
            assertEquals("keep-alive", first.header("Connection"), c.toString());
            RawClient.Reply next = finals.get(1);
            assertEquals(200, next.status(), c + ": the pipelined GET");
            assertArrayEquals(index, next.body(), c + ": the pipelined GET / gets index.html");
        }
    }
}
