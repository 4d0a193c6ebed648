package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.ConformanceCases.After;
import app.ConformanceCases.Case;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smuggling and desync against the runtime image over real sockets: every case of the
 * conformance table, written together with a valid pipelined follow-up in one write. A refused
 * case gets exactly one final response and the close, so neither the follow-up nor anything
 * hidden in the case is ever answered; an accepted case gets its response and the follow-up's.
 */
class SmugglingIT {

    @TempDir
    Path dir;

    @Test
    void noCaseEverYieldsTwoResponsesToOneRequest() throws Exception {
        Path root = ImageServer.copyOfResources(dir.resolve("root"));
        List<Case> cases = ConformanceCases.all();
        try (var server = ImageServer.start(root, dir.resolve("server.log"));
                var executor = Executors.newFixedThreadPool(8)) {
            var verdicts = new ArrayList<Future<String>>();
            for (Case c : cases) {
                verdicts.add(executor.submit((Callable<String>) () -> judge(server, c)));
            }
            var wrong = new ArrayList<String>();
            int closed = 0;
            for (Future<String> verdict : verdicts) {
                String problem = verdict.get(60, TimeUnit.SECONDS);
                if (!problem.isEmpty()) {
                    wrong.add(problem);
                }
            }
            for (Case c : cases) {
                closed += c.after() == After.CLOSE ? 1 : 0;
            }
            System.out.printf("smuggling: %d conformance cases against the image (%d refused and closed, %d followed "
                    + "by the pipelined request), %d wrong%n", cases.size(), closed, cases.size() - closed, wrong.size());
            wrong.forEach(problem -> System.out.println("smuggling: wrong: " + problem));

            assertTrue(cases.size() >= 20, "the whole table ran");
            assertEquals(List.of(), wrong);
            assertTrue(server.isAlive());
            assertEquals(200, FreshClient.get(server, "/index.html"));
        }
    }

    /** What is wrong with the image's answer to {@code c}, or an empty string. */
    private static String judge(ImageServer server, Case c) {
        List<RawClient.Reply> finals;
        try {
            finals = exchange(server, c).stream().filter(reply -> reply.status() >= 200).toList();
        } catch (SocketTimeoutException e) {
            return c + ": still open 10 s after the pipelined request asked to close";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ResponseStream.MalformedStreamException e) {
            return c + ": " + e.getMessage();
        }
        List<String> lines = finals.stream().map(RawClient.Reply::statusLine).toList();
        if (finals.isEmpty() || finals.getFirst().status() != c.status()) {
            return c + ": expected " + c.status() + ", got " + lines;
        }
        if (c.after() == After.CLOSE) {
            boolean right = finals.size() == 1 && "close".equals(finals.getFirst().header("Connection"));
            return right ? "" : c + ": expected one response and the close, got " + lines;
        }
        boolean right = finals.size() == 2 && finals.get(1).status() == 200;
        return right ? "" : c + ": expected the response and the follow-up's 200, got " + lines;
    }

    private static List<RawClient.Reply> exchange(ImageServer server, Case c)
            throws IOException, ResponseStream.MalformedStreamException {
        byte[] bytes = c.withFollower(server.port());
        try (var client = server.client()) {
            try {
                client.send(bytes);
            } catch (IOException closedEarly) {
                // The server may answer and close before taking every byte: read what it sent.
            }
            return ResponseStream.split(ResponseStream.readUntilClose(client.input()), c.isHead());
        }
    }
}
