package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thousand connections trickling request heads: the head timeout ends every one of them, fresh
 * clients are answered meanwhile, and the server's descriptors return to their baseline.
 */
class SlowLorisIT {

    private static final int ATTACKERS = 1000;
    private static final Duration HEAD_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration FRESH_CLIENT_BOUND = Duration.ofSeconds(3);
    /** How late past the head timeout a busy two-core machine may notice and close a connection. */
    private static final Duration CUT_OFF_SLACK = Duration.ofSeconds(5);

    /** Epoll sets the JDK may still open lazily after the warm-up, one per I/O poller. */
    private static final int POLLER_SLACK = 8;

    @TempDir
    Path dir;

    /** One fresh client's answer time, and how many attackers were held when it asked. */
    private record Probe(int held, long millis, int status) {}

    @Test
    void trickledHeadsAreCutOffWhileFreshClientsAreServed() throws Exception {
        Path root = ImageServer.copyOfResources(dir.resolve("root"));
        try (var server = ImageServer.start(root, dir.resolve("server.log"),
                "--head-timeout", Long.toString(HEAD_TIMEOUT.toSeconds()))) {
            FreshClient.warmUp(server);
            ProcessStats.Sample baseline = server.sample();

            var probes = new ArrayList<Probe>();
            ProcessStats.Sample peak = baseline;
            List<SlowLoris.Outcome> outcomes;
            try (var loris = SlowLoris.attack(server.port(), ATTACKERS, 2, Duration.ofMillis(250), Duration.ofSeconds(20))) {
                long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (loris.open() > 0 && System.nanoTime() < end) {
                    int held = loris.open();
                    long started = System.nanoTime();
                    int status = FreshClient.get(server, "/index.html");
                    probes.add(new Probe(held, Duration.ofNanos(System.nanoTime() - started).toMillis(), status));
                    ProcessStats.Sample now = server.sample();
                    peak = now.fds() > peak.fds() ? now : peak;
                    ImageServer.sleep(Duration.ofMillis(100));
                }
                outcomes = loris.await();
            }
            ProcessStats.Sample after = ProcessStats.awaitAtMost(server.pid(), ProcessStats.Sample::sockets,
                    baseline.sockets(), Duration.ofSeconds(15));

            List<Probe> underAttack = probes.stream().filter(p -> p.held() >= ATTACKERS / 2).toList();
            long worst = probes.stream().mapToLong(Probe::millis).max().orElse(-1);
            long worstUnderAttack = underAttack.stream().mapToLong(Probe::millis).max().orElse(-1);
            Duration longest = outcomes.stream().map(SlowLoris.Outcome::lifetime).max(Duration::compareTo).orElseThrow();
            Duration shortest = outcomes.stream().map(SlowLoris.Outcome::lifetime).min(Duration::compareTo).orElseThrow();
            long answered408 = outcomes.stream().filter(o -> o.answer().startsWith("HTTP/1.1 408 ")).count();
            long resets = outcomes.stream().filter(SlowLoris.Outcome::reset).count();
            System.out.printf("slow loris: %d connections, peak server fds %d (baseline %d), peak threads %d; "
                            + "%d fresh requests (%d with >= %d held), slowest %d ms (under attack %d ms); "
                            + "attackers ended after %d..%d ms: %d with 408, %d reset; after: %s (baseline %s)%n",
                    outcomes.size(), peak.fds(), baseline.fds(), peak.threads(), probes.size(), underAttack.size(),
                    ATTACKERS / 2, worst, worstUnderAttack, shortest.toMillis(), longest.toMillis(), answered408,
                    resets, after, baseline);

            assertTrue(server.isAlive(), "the server is up");
            assertEquals(ATTACKERS, outcomes.size(), "every attacking connection was ended by the server");
            assertTrue(outcomes.stream().allMatch(SlowLoris.Outcome::answered408OrClosed), "only 408 or a silent close");
            assertTrue(shortest.compareTo(HEAD_TIMEOUT.minusMillis(300)) >= 0, "no attacker was cut before the head timeout");
            assertTrue(longest.compareTo(HEAD_TIMEOUT.plus(CUT_OFF_SLACK)) <= 0, "every attacker was cut near the head timeout");
            assertTrue(underAttack.size() >= 2, "fresh clients asked while the attack was on");
            assertTrue(probes.stream().allMatch(p -> p.status() == 200), "every fresh client got 200");
            assertTrue(worst <= FRESH_CLIENT_BOUND.toMillis(), "fresh clients answered within " + FRESH_CLIENT_BOUND);
            assertTrue(peak.fds() >= baseline.fds() + ATTACKERS / 2, "the server really held the attackers");
            assertEquals(baseline.sockets(), after.sockets(), "socket fds back to baseline");
            assertTrue(after.fds() <= baseline.fds() + POLLER_SLACK, "fds back to baseline: " + after + " vs " + baseline);
        }
    }
}
