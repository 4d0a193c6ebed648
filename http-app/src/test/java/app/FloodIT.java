package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten thousand hostile connections in three rounds, two hundred at a time: noise, truncated
 * requests, oversize heads and bodies. Each gets the right status or a close; the server stays
 * up, returns to its baseline sockets and threads, and its heap after a full GC does not grow
 * from round to round.
 */
class FloodIT {

    private static final int ROUNDS = 3;
    private static final int CONNECTIONS_PER_ROUND = 3334;
    private static final int CONCURRENCY = 200;
    private static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(15);
    /** Carrier and JIT threads the JVM may add under load and retire only after a while. */
    private static final int THREAD_SLACK = 8;
    /** Epoll sets the JDK may still open lazily after the warm-up, one per I/O poller. */
    private static final int POLLER_SLACK = 8;
    /** Heap after GC may vary this much between rounds without counting as growth. */
    private static final long HEAP_SLACK_KIB = 8 * 1024;

    @TempDir
    Path dir;

    @Test
    void hostileConnectionsGetTheRightAnswerAndLeaveNothingBehind() throws Exception {
        Path root = ImageServer.copyOfResources(dir.resolve("root"));
        try (var server = ImageServer.start(root, dir.resolve("server.log"),
                "--head-timeout", "2", "--max-body", Integer.toString(FloodKind.MAX_BODY))) {
            FreshClient.warmUp(server);
            // The first jcmd starts the JVM's attach listener, a socket it keeps: before the baseline.
            OptionalLong heapBefore = ProcessStats.heapUsedAfterGc(server.pid());
            ProcessStats.Sample baseline = server.sample();
            var random = new Random(20_250_901L);
            var heapAfterRound = new ArrayList<OptionalLong>();
            int total = 0;
            for (int round = 1; round <= ROUNDS; round++) {
                Map<FloodKind, int[]> wrong = flood(server, random.nextLong());
                total += CONNECTIONS_PER_ROUND;
                OptionalLong heap = ProcessStats.heapUsedAfterGc(server.pid());
                heapAfterRound.add(heap);
                System.out.printf("flood round %d: %d connections, wrong answers %s, heap after full GC %s KiB, %s%n",
                        round, CONNECTIONS_PER_ROUND, describe(wrong), heap.isPresent() ? heap.getAsLong() : "n/a",
                        server.sample());
                assertTrue(server.isAlive(), "the server survived round " + round);
                assertEquals(0, wrong.values().stream().mapToInt(w -> w[0]).sum(), "wrong answers: " + describe(wrong));
                assertEquals(200, FreshClient.get(server, "/index.html"), "a fresh client is served after round " + round);
            }
            ProcessStats.Sample sockets = ProcessStats.awaitAtMost(server.pid(), ProcessStats.Sample::sockets,
                    baseline.sockets(), Duration.ofSeconds(15));
            ProcessStats.Sample threads = ProcessStats.awaitAtMost(server.pid(), ProcessStats.Sample::threads,
                    baseline.threads() + THREAD_SLACK, Duration.ofSeconds(10));
            System.out.printf("flood: %d connections in all; baseline %s, heap after GC %s KiB; after %s%n", total,
                    baseline, heapBefore.isPresent() ? heapBefore.getAsLong() : "n/a", threads);

            assertTrue(total >= 10_000);
            assertEquals(baseline.sockets(), sockets.sockets(), "socket fds back to baseline");
            assertTrue(sockets.fds() <= baseline.fds() + POLLER_SLACK, "fds back to baseline");
            assertTrue(threads.threads() <= baseline.threads() + THREAD_SLACK, "OS threads back to baseline");
            if (heapAfterRound.getFirst().isEmpty() || heapAfterRound.getLast().isEmpty()) {
                System.out.println("flood: jcmd could not attach to pid " + server.pid() + "; heap not compared");
            } else {
                long first = heapAfterRound.getFirst().getAsLong();
                long last = heapAfterRound.getLast().getAsLong();
                assertTrue(last <= first + first / 4 + HEAP_SLACK_KIB,
                        "heap after GC grew from " + first + " KiB to " + last + " KiB");
            }
        }
    }

    /** One round; per kind, the count of wrong answers (index 0) and of connections (index 1). */
    private static Map<FloodKind, int[]> flood(ImageServer server, long seed) throws InterruptedException {
        Map<FloodKind, int[]> tally = new ConcurrentHashMap<>();
        for (FloodKind kind : FloodKind.values()) {
            tally.put(kind, new int[2]);
        }
        var permits = new Semaphore(CONCURRENCY);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CONNECTIONS_PER_ROUND; i++) {
                var random = new Random(seed + i);
                FloodKind kind = FloodKind.values()[i % FloodKind.values().length];
                byte[] request = kind.request(server.host(), random);
                permits.acquire();
                executor.execute(() -> {
                    try {
                        WireExchange exchange = WireExchange.run(server.port(), request, true, EXCHANGE_TIMEOUT);
                        boolean right = kind.accepts(exchange);
                        count(tally, kind, !right);
                        if (!right) {
                            System.out.println("flood: wrong answer to " + kind + ": " + exchange.summary());
                        }
                    } catch (Exception e) {
                        count(tally, kind, true);
                    } finally {
                        permits.release();
                    }
                });
            }
            executor.shutdown();
            if (!executor.awaitTermination(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("a flood round did not finish in time");
            }
        }
        return new EnumMap<>(tally);
    }

    private static void count(Map<FloodKind, int[]> tally, FloodKind kind, boolean wrong) {
        int[] counts = tally.get(kind);
        synchronized (counts) {
            counts[1]++;
            if (wrong) {
                counts[0]++;
            }
        }
    }

    private static String describe(Map<FloodKind, int[]> tally) {
        List<String> parts = new ArrayList<>();
        tally.forEach((kind, counts) -> parts.add(kind + " " + counts[0] + "/" + counts[1]));
        return String.join(", ", parts);
    }
}
