package pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A job run on its caller's thread takes one of the workers' turns: it runs only when a turn is
 * free, and is counted, shown, waited for and interrupted as a worker's job is.
 */
@Timeout(30)
class RunHereTest {

    private static final int WORKERS = 3;

    private static WorkerPool<Gate> pool(String name) {
        return WorkerPool.<Gate>builder(name, Gate::pass)
                .workers(WORKERS)
                .queueCapacity(4)
                .threadFactory(Thread.ofVirtual().name(name + "-worker-", 1).factory())
                .describer(gate -> "job " + gate)
                .start();
    }

    /** Runs {@code gate} here on a thread of its own; the future holds what runHere returned. */
    private static CompletableFuture<Boolean> runElsewhere(WorkerPool<Gate> pool, Gate gate, String thread) {
        var ran = new CompletableFuture<Boolean>();
        Thread.ofVirtual().name(thread).start(() -> ran.complete(pool.runHere(gate)));
        return ran;
    }

    @Test
    void anIdlePoolRunsTheJobOnTheCallersThread() {
        var threads = new CopyOnWriteArrayList<String>();
        WorkerPool<String> pool = WorkerPool.<String>builder("here", job -> threads.add(Thread.currentThread().getName()))
                .workers(WORKERS)
                .start();
        Thread.currentThread().setName("caller");
        assertTrue(pool.runHere("a"));
        assertEquals(List.of("caller"), threads);
        assertEquals(new PoolStats(1, 0, 1, 0, 0, 0, 0, WORKERS), pool.stats());
        assertTrue(pool.close(Duration.ofSeconds(5)).graceful());
    }

    /** N - 1 workers busy leave the N-th turn to a caller; N busy leave none. */
    @Test
    void aCallerTakesTheLastFreeTurnAndNoMore() throws Exception {
        WorkerPool<Gate> pool = pool("turns");
        List<Gate> onWorkers = new ArrayList<>();
        for (int i = 0; i < WORKERS - 1; i++) {
            Gate gate = Gate.named("worker " + i);
            assertTrue(pool.offer(gate));
            gate.awaitStarted();
            onWorkers.add(gate);
        }
        Gate last = Gate.named("last");
        CompletableFuture<Boolean> lastRan = runElsewhere(pool, last, "caller-last");
        last.awaitStarted();
        assertEquals(WORKERS, pool.stats().busy());

        Gate extra = Gate.named("extra");
        assertFalse(pool.runHere(extra), "every turn is taken");
        assertFalse(extra.hasStarted());

        // Offered instead, it waits for a turn, counted as queued, even with a worker idle.
        assertTrue(pool.offer(extra));
        assertEquals(1, pool.stats().queued());
        assertFalse(pool.runHere(Gate.named("behind")), "a queued job has the next turn");
        last.release();
        assertTrue(lastRan.get());
        extra.awaitStarted();
        assertEquals(0, pool.stats().queued());

        onWorkers.forEach(Gate::release);
        extra.release();
        assertTrue(pool.close(Duration.ofSeconds(5)).graceful());
        assertEquals(new PoolStats(WORKERS + 1, 0, WORKERS + 1, 0, 0, 1, 0, WORKERS), pool.stats());
    }

    @Test
    void neverMoreJobsRunThanWorkersHowEverTheyAreRun() throws Exception {
        var running = new AtomicInteger();
        var most = new AtomicInteger();
        WorkerPool<Integer> pool = WorkerPool.<Integer>builder("bound", job -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.yield();
            running.decrementAndGet();
        }).workers(WORKERS).queueCapacity(1000).threadFactory(Thread.ofVirtual().factory()).start();
        List<Thread> callers = new ArrayList<>();
        var refused = new AtomicInteger();
        for (int c = 0; c < 16; c++) {
            callers.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 2000; i++) {
                    if (!pool.runHere(i) && !pool.offer(i)) {
                        refused.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread caller : callers) {
            caller.join();
        }
        assertTrue(pool.close(Duration.ofSeconds(10)).graceful());
        assertTrue(most.get() <= WORKERS, "at most " + WORKERS + " at once, saw " + most.get());
        PoolStats stats = pool.stats();
        assertEquals(16 * 2000, stats.submitted() + stats.rejected());
        assertEquals(stats.submitted(), stats.completed());
        assertEquals(refused.get(), stats.rejected());
    }

    @Test
    void aJobRunningHereShowsInTheSnapshotUnderItsCallersName() throws Exception {
        WorkerPool<Gate> pool = pool("shown");
        Gate gate = Gate.named("a");
        CompletableFuture<Boolean> ran = runElsewhere(pool, gate, "http-connection-7");
        gate.awaitStarted();
        List<WorkerState> states = pool.snapshot();
        assertEquals(WORKERS + 1, states.size());
        WorkerState here = states.getLast();
        assertEquals("http-connection-7", here.worker());
        assertEquals("job a", here.job().orElseThrow());
        gate.release();
        assertTrue(ran.get());
        assertEquals(WORKERS, pool.snapshot().size());
        pool.close(Duration.ofSeconds(5));
    }

    @Test
    void aFailingJobIsTheListenersAndItsCallerGoesOn() {
        var failures = new CopyOnWriteArrayList<String>();
        WorkerPool<String> pool = WorkerPool.<String>builder("fails", job -> {
            throw new IllegalStateException(job);
        }).listener(new PoolListener<>() {
            @Override
            public void failed(String job, Throwable failure) {
                failures.add(job + ": " + failure.getMessage());
            }
        }).start();
        assertTrue(pool.runHere("broken"));
        assertEquals(List.of("broken: broken"), failures);
        assertEquals(1, pool.stats().failed());
        pool.close(Duration.ofSeconds(5));
    }

    @Test
    void closeWaitsForAJobRunningHereThenInterruptsItOnceTheGraceIsOver() throws Exception {
        WorkerPool<Gate> pool = pool("close");
        Gate quick = Gate.named("quick");
        CompletableFuture<Boolean> quickRan = runElsewhere(pool, quick, "caller-quick");
        quick.awaitStarted();
        var closing = CompletableFuture.supplyAsync(() -> pool.close(Duration.ofSeconds(10)));
        while (!pool.isClosing()) {
            Thread.onSpinWait();
        }
        assertFalse(pool.runHere(Gate.named("late")), "a closing pool runs nothing more");
        quick.release();
        assertTrue(quickRan.get());
        assertTrue(closing.get().graceful());

        WorkerPool<Gate> second = pool("cut");
        Gate slow = Gate.named("slow");
        CompletableFuture<Boolean> slowRan = runElsewhere(second, slow, "caller-slow");
        slow.awaitStarted();
        CloseReport report = second.close(Duration.ofMillis(50));
        slow.awaitInterrupted();
        assertTrue(slowRan.get());
        assertFalse(report.graceful());
        assertEquals(List.of("job slow"), report.interrupted());
    }
}
