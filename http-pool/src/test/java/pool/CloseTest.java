package pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(30)
class CloseTest {

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void drainsQueuedAndRunningJobsWithinTheGraceAndRefusesNewOnes(ThreadKind kind) throws Exception {
        List<Thread> made = new CopyOnWriteArrayList<>();
        WorkerPool<Gate> pool = WorkerPool.<Gate>builder("drain", Gate::pass)
                .workers(1)
                .queueCapacity(4)
                .threadFactory(recording(kind.factory("drain-"), made))
                .start();
        Gate running = Gate.named("running");
        assertTrue(pool.offer(running));
        running.awaitStarted();
        List<Gate> queued = IntStream.rangeClosed(1, 3).mapToObj(i -> Gate.named("queued-" + i)).toList();
        queued.forEach(gate -> {
            gate.release();
            assertTrue(pool.offer(gate));
        });

        CompletableFuture<CloseReport> report = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> report.complete(pool.close(Duration.ofMinutes(1))));
        while (!pool.isClosing()) {
            Thread.onSpinWait();
        }
        assertFalse(pool.offer(Gate.named("late")));
        assertFalse(report.isDone());
        running.release();

        assertEquals(new CloseReport(true, List.of(), 0), report.get());
        assertTrue(queued.stream().allMatch(Gate::hasStarted));
        assertEquals(new PoolStats(4, 1, 4, 0, 0, 3, 0, 1), pool.stats());
        assertTrue(made.stream().noneMatch(Thread::isAlive));
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void interruptsWhatOutlivesTheGraceAndAbandonsWhatNeverStarted(ThreadKind kind) throws Exception {
        List<Thread> made = new CopyOnWriteArrayList<>();
        WorkerPool<Gate> pool = WorkerPool.<Gate>builder("grace", Gate::pass)
                .workers(2)
                .queueCapacity(5)
                .threadFactory(recording(kind.factory("grace-"), made))
                .describer(gate -> "job " + gate)
                .start();
        Gate polite = Gate.named("polite");
        Gate stubborn = Gate.stubborn("stubborn");
        for (Gate gate : List.of(polite, stubborn)) {
            assertTrue(pool.offer(gate));
            gate.awaitStarted();
        }
        List<Gate> queued = IntStream.rangeClosed(1, 3).mapToObj(i -> Gate.named("queued-" + i)).toList();
        queued.forEach(gate -> assertTrue(pool.offer(gate)));

        CloseReport report = pool.close(Duration.ofMillis(50));

        assertFalse(report.graceful());
        assertEquals(Set.of("job polite", "job stubborn"), Set.copyOf(report.interrupted()));
        assertEquals(3, report.abandoned());
        polite.awaitInterrupted();
        stubborn.awaitInterrupted();
        assertFalse(pool.awaitTermination(Duration.ZERO), "the stubborn job still holds its worker");

        stubborn.release();
        assertTrue(pool.awaitTermination(Duration.ofSeconds(10)));
        assertTrue(queued.stream().noneMatch(Gate::hasStarted));
        assertEquals(new PoolStats(5, 0, 2, 0, 0, 3, 0, 2), pool.stats());
        assertTrue(made.stream().noneMatch(Thread::isAlive));
    }

    @Test
    void refusesAfterClosingWithoutCallingThatSaturation() {
        List<PoolStats> saturations = new CopyOnWriteArrayList<>();
        PoolListener<String> listener = new PoolListener<>() {
            @Override
            public void saturated(PoolStats stats) {
                saturations.add(stats);
            }
        };
        WorkerPool<String> pool = WorkerPool.<String>builder("closed", job -> {})
                .workers(1)
                .queueCapacity(1)
                .listener(listener)
                .start();
        CloseReport first = pool.close(Duration.ofSeconds(10));

        assertFalse(pool.offer("late"));
        assertFalse(pool.offer("later"));
        assertEquals(2, pool.stats().rejected());
        assertEquals(0, pool.stats().submitted());
        assertEquals(List.of(), saturations);
        assertEquals(first, pool.close(Duration.ZERO));
        assertTrue(pool.isClosing());
    }

    @Test
    void leavesNoPlatformThreadBehind() {
        String prefix = "leak-check-worker-";
        assertEquals(0, liveThreadsNamed(prefix));
        WorkerPool<String> pool = WorkerPool.<String>builder("leak-check", job -> {}).workers(4).start();
        assertEquals(4, liveThreadsNamed(prefix));
        IntStream.range(0, 100).forEach(i -> pool.offer("job-" + i));

        assertTrue(pool.close(Duration.ofSeconds(10)).graceful());
        assertEquals(0, liveThreadsNamed(prefix));
    }

    @Test
    void closesFromTryWithResources() throws Exception {
        WorkerPool<String> closed;
        try (WorkerPool<String> pool = WorkerPool.<String>builder("resource", job -> {}).workers(2).start()) {
            assertTrue(pool.offer("job"));
            closed = pool;
        }
        assertTrue(closed.isClosing());
        assertTrue(closed.awaitTermination(Duration.ZERO));
        assertEquals(1, closed.stats().completed());
    }

    private static long liveThreadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(prefix))
                .count();
    }

    private static ThreadFactory recording(ThreadFactory factory, List<Thread> made) {
        return task -> {
            Thread thread = factory.newThread(task);
            made.add(thread);
            return thread;
        };
    }
}
