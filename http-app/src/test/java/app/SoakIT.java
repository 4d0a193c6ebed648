package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sixty seconds of mixed load over HTTP/1.1, HTTPS, h2 and h2c: no unexpected answer, no 5xx, and RSS, threads and fds flat. The
 * heap is fixed and touched up front, so that in one minute RSS shows leaks rather than the JVM
 * growing its heap towards its default ceiling (bench/soak.sh runs ten minutes with defaults).
 */
class SoakIT {

    private static final Duration DURATION = Duration.ofSeconds(60);
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Map<String, String> FIXED_HEAP = Map.of("JAVA_OPTS", "-Xms96m -Xmx96m -XX:+AlwaysPreTouch");

    @TempDir
    Path dir;

    @Test
    void mixedLoadForAMinuteLeavesTheServerFlat() throws Exception {
        Path root = ImageServer.copyOfResources(dir.resolve("root"));
        try (var server = ImageServer.start(root, dir.resolve("server.log"), FIXED_HEAP, SoakLoad.serverArgs())) {
            SoakLoad.Report report = SoakLoad.run(server, root, DURATION, INTERVAL);
            System.out.print(report.text());

            assertTrue(report.alive(), "the server is up");
            assertEquals(0, report.serverErrors(), "no 5xx");
            assertEquals(0, report.unexpected(), "no unexpected answer: " + report.firstUnexpected());
            assertTrue(report.requests() > 1000, "the load was real");
            assertTrue(report.flat(), "RSS, threads and fds flat:\n" + report.text());
        }
    }
}
