package pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(30)
class FailureTest {

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void aThrowingHandlerCostsTheJobButNotTheWorker(ThreadKind kind) {
        List<Thread> ranOn = new CopyOnWriteArrayList<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        Consumer<String> handler = job -> {
            ranOn.add(Thread.currentThread());
            switch (job) {
                case "runtime" -> throw new IllegalStateException("runtime");
                case "error" -> throw new AssertionError("error");
                case "checked" -> throw sneaky(new IOException("checked"));
                default -> {}
            }
        };
        PoolListener<String> listener = new PoolListener<>() {
            @Override
            public void failed(String job, Throwable failure) {
                failures.add(job + ": " + failure.getClass().getSimpleName());
            }
        };
        WorkerPool<String> pool = WorkerPool.<String>builder("failing", handler)
                .workers(1)
                .threadFactory(kind.factory("failing-"))
                .listener(listener)
                .start();

        for (String job : List.of("runtime", "error", "checked", "fine")) {
            assertTrue(pool.offer(job));
        }
        assertTrue(pool.close(Duration.ofSeconds(10)).graceful());

        assertEquals(
                List.of("runtime: IllegalStateException", "error: AssertionError", "checked: IOException"),
                failures);
        assertEquals(4, ranOn.size());
        assertEquals(1, Set.copyOf(ranOn).size());
        PoolStats stats = pool.stats();
        assertEquals(4, stats.submitted());
        assertEquals(1, stats.completed());
        assertEquals(3, stats.failed());
        assertEquals(0, stats.busy());
    }

    @Test
    void aListenerThatThrowsOnFailureDoesNotKillTheWorker() {
        List<String> completed = new CopyOnWriteArrayList<>();
        CompletableFuture<Throwable> reported = new CompletableFuture<>();
        PoolListener<String> throwing = new PoolListener<>() {
            @Override
            public void failed(String job, Throwable failure) {
                throw new IllegalStateException("listener broke");
            }
        };
        WorkerPool<String> pool = WorkerPool.<String>builder("throwing-listener", job -> {
                    if (job.equals("bad")) {
                        throw new IllegalArgumentException("bad");
                    }
                    completed.add(job);
                })
                .workers(1)
                .threadFactory(Thread.ofPlatform()
                        .uncaughtExceptionHandler((thread, e) -> reported.complete(e))
                        .factory())
                .listener(throwing)
                .start();

        assertTrue(pool.offer("bad"));
        assertTrue(pool.offer("good"));
        assertTrue(pool.close(Duration.ofSeconds(10)).graceful());

        assertEquals(List.of("good"), completed);
        assertEquals("listener broke", reported.join().getMessage());
    }

    @Test
    void aVirtualMachineErrorCostsTheJobAndTheThreadButNotTheWorker() throws Exception {
        List<Thread> made = new CopyOnWriteArrayList<>();
        List<String> completed = new CopyOnWriteArrayList<>();
        WorkerPool<String> pool = WorkerPool.<String>builder("dying", job -> {
                    if (job.equals("fatal")) {
                        throw new StackOverflowError("simulated");
                    }
                    completed.add(job);
                })
                .workers(1)
                .threadFactory(recording(made, Integer.MAX_VALUE))
                .start();

        assertTrue(pool.offer("fatal"));
        made.getFirst().join();
        assertTrue(pool.offer("after"));
        assertTrue(pool.offer("fatal"));
        assertTrue(pool.offer("last"));
        CloseReport report = pool.close(Duration.ofSeconds(10));

        assertTrue(report.graceful(), report.toString());
        assertEquals(List.of("after", "last"), completed);
        assertEquals(3, made.size(), "one fresh thread per error");
        assertEquals(1, pool.workers());
        PoolStats stats = pool.stats();
        assertEquals(List.of(4L, 0L, 2L, 2L), List.of(stats.submitted(), stats.rejected(), stats.completed(), stats.failed()));
        assertEquals(List.of(0, 0, 1), List.of(stats.queued(), stats.busy(), stats.workers()));
        assertTrue(pool.awaitTermination(Duration.ofSeconds(10)));
        assertFalse(made.getLast().isAlive());
    }

    @Test
    void aWorkerWhoseThreadCannotBeReplacedLeavesItsJobsStranded() throws Exception {
        List<Thread> made = new CopyOnWriteArrayList<>();
        WorkerPool<String> pool = WorkerPool.<String>builder("dying", job -> {
                    throw new StackOverflowError("simulated");
                })
                .workers(1)
                .threadFactory(recording(made, 1))
                .start();

        assertTrue(pool.offer("fatal"));
        made.getFirst().join();
        assertTrue(pool.offer("stranded"));
        CloseReport report = pool.close(Duration.ZERO);

        assertFalse(report.graceful());
        assertEquals(1, report.abandoned());
        assertEquals(new PoolStats(2, 0, 0, 1, 0, 1, 0, 1), pool.stats());
    }

    /**
     * Platform threads whose uncaught errors are expected, each added to {@code made}; after
     * {@code most} of them, no more (null).
     */
    private static ThreadFactory recording(List<Thread> made, int most) {
        return task -> {
            if (made.size() >= most) {
                return null;
            }
            Thread thread = Thread.ofPlatform().uncaughtExceptionHandler((t, e) -> {}).unstarted(task);
            made.add(thread);
            return thread;
        };
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
        throw (E) e;
    }
}
