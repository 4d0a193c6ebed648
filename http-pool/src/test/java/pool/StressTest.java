package pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(60)
class StressTest {
    private static final int SUBMITTERS = 4;
    private static final int JOBS_EACH = 250_000;
    private static final int CAPACITY = 64;

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void countersAddUpAfterAMillionJobsFromSeveralThreads(ThreadKind kind) throws Exception {
        LongAdder ran = new LongAdder();
        LongAdder threw = new LongAdder();
        LongAdder toldFailed = new LongAdder();
        ConcurrentLinkedQueue<String> transitions = new ConcurrentLinkedQueue<>();
        PoolListener<Integer> listener = new PoolListener<>() {
            @Override
            public void saturated(PoolStats stats) {
                transitions.add("saturated");
            }

            @Override
            public void recovered(PoolStats stats) {
                transitions.add("recovered");
            }

            @Override
            public void failed(Integer job, Throwable failure) {
                toldFailed.increment();
            }
        };
        WorkerPool<Integer> pool = WorkerPool.<Integer>builder("stress", job -> {
                    if (job % 1000 == 0) {
                        threw.increment();
                        throw new IllegalStateException("job " + job);
                    }
                    ran.increment();
                })
                .workers(4)
                .queueCapacity(CAPACITY)
                .threadFactory(kind.factory("stress-"))
                .listener(listener)
                .start();

        CyclicBarrier start = new CyclicBarrier(SUBMITTERS);
        List<Thread> submitters = new ArrayList<>();
        for (int s = 0; s < SUBMITTERS; s++) {
            submitters.add(Thread.ofPlatform().start(() -> {
                await(start);
                for (int i = 0; i < JOBS_EACH; i++) {
                    // A refused job is offered again until it is taken, so that every job runs.
                    while (!pool.offer(i)) {
                        Thread.yield();
                    }
                }
            }));
        }
        for (Thread submitter : submitters) {
            submitter.join();
        }
        assertTrue(pool.close(Duration.ofSeconds(30)).graceful());

        PoolStats stats = pool.stats();
        long jobs = (long) SUBMITTERS * JOBS_EACH;
        assertEquals(jobs, stats.submitted());
        assertEquals(jobs, stats.completed() + stats.failed());
        assertEquals(jobs / 1000, stats.failed());
        assertEquals(ran.sum(), stats.completed());
        assertEquals(threw.sum(), stats.failed());
        assertEquals(threw.sum(), toldFailed.sum());
        assertEquals(0, stats.queued());
        assertEquals(0, stats.busy());
        assertTrue(stats.queueHighWater() <= CAPACITY, "high water " + stats.queueHighWater());

        // Transitions alternate, start saturated, and end recovered: the close drained the queue.
        List<String> told = List.copyOf(transitions);
        for (int i = 0; i < told.size(); i++) {
            assertEquals(i % 2 == 0 ? "saturated" : "recovered", told.get(i), "transition " + i);
        }
        assertEquals(0, told.size() % 2);
        assertEquals(stats.rejected() > 0, !told.isEmpty());
    }

    // Offers racing the start of a close are either refused or run: never accepted and forgotten,
    // so a graceful close abandons nothing.
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void offersRacingAGracefulCloseLoseNoJob(ThreadKind kind) throws Exception {
        for (int round = 0; round < 20; round++) {
            LongAdder ran = new LongAdder();
            CountDownLatch warmedUp = new CountDownLatch(200);
            WorkerPool<Integer> pool = WorkerPool.<Integer>builder("race", job -> {
                        ran.increment();
                        warmedUp.countDown();
                    })
                    .workers(2)
                    .queueCapacity(8)
                    .threadFactory(kind.factory("race-"))
                    .start();
            LongAdder accepted = new LongAdder();
            List<Thread> submitters = new ArrayList<>();
            for (int s = 0; s < SUBMITTERS; s++) {
                submitters.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; !pool.isClosing(); i++) {
                        if (pool.offer(i)) {
                            accepted.increment();
                        }
                    }
                }));
            }
            warmedUp.await();
            CloseReport report = pool.close(Duration.ofSeconds(30));
            for (Thread submitter : submitters) {
                submitter.join();
            }

            assertEquals(new CloseReport(true, List.of(), 0), report, "round " + round);
            PoolStats stats = pool.stats();
            assertEquals(accepted.sum(), stats.submitted(), "round " + round);
            assertEquals(stats.submitted(), stats.completed(), "round " + round);
            assertEquals(ran.sum(), stats.completed(), "round " + round);
            assertEquals(0, stats.queued(), "round " + round);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
