package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's request log under load, at its default level: one line per request, none lost, each
 * connection's in the order of its requests, and all of them written when SIGTERM stops the
 * server straight after the last answer.
 */
class RequestLogIT {

    private static final int CLIENTS = 8;
    private static final int REQUESTS_EACH = 1000;
    private static final Pattern TARGET =
            Pattern.compile(" \\[INFO\\] request - \\S+ http GET /index\\.html\\?c=(\\d+)&i=(\\d+) 200 ");

    @TempDir
    Path dir;

    @Test
    void everyRequestLineIsWrittenInOrderAndFlushedBySigterm() throws Exception {
        Path root = ImageServer.copyOfResources(dir.resolve("root"));
        Path log = dir.resolve("server.log");
        // One connection per client for all its requests: the server logs a request after its
        // answer, so only on one connection does the next request follow the line of the last.
        var server = ImageServer.start(root, log, "--max-requests", Integer.toString(REQUESTS_EACH));
        try {
            List<Thread> clients = new ArrayList<>();
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            for (int c = 0; c < CLIENTS; c++) {
                int id = c;
                clients.add(Thread.ofVirtual().start(() -> {
                    try (var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                        for (int i = 0; i < REQUESTS_EACH; i++) {
                            var request = HttpRequest.newBuilder(
                                    URI.create("http://" + server.host() + "/index.html?c=" + id + "&i=" + i)).build();
                            assertEquals(200, client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            for (Thread thread : clients) {
                thread.join();
            }
            assertEquals(List.of(), failures);
        } finally {
            // SIGTERM the moment the last answer is in: whatever is still queued must reach the file.
            server.close();
        }
        assertFalse(server.isAlive(), "the server should have stopped");

        List<String> lines = server.log().lines().toList();
        int[] next = new int[CLIENTS];
        int requestLines = 0;
        int stopped = -1;
        for (int n = 0; n < lines.size(); n++) {
            Matcher line = TARGET.matcher(lines.get(n));
            if (line.find()) {
                int id = Integer.parseInt(line.group(1));
                assertEquals(next[id], Integer.parseInt(line.group(2)), "client " + id + "'s lines out of order");
                next[id]++;
                requestLines++;
                assertEquals(-1, stopped, "a request line after \"Stopped\"");
            } else if (lines.get(n).endsWith(" HttpServer - Stopped")) {
                stopped = n;
            }
        }
        System.out.printf("request log: %d request lines of %d requests, \"Stopped\" on line %d of %d%n",
                requestLines, CLIENTS * REQUESTS_EACH, stopped + 1, lines.size());
        assertEquals(CLIENTS * REQUESTS_EACH, requestLines);
        assertTrue(stopped > 0, "the log should end with \"Stopped\"");
        assertEquals(0, server.exitValue(), "SIGTERM is a normal end");
    }
}
