package pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class BuilderTest {

    @Test
    void defaultsAreTenPlatformWorkersNamedAfterThePoolAndAQueueOfAHundred() throws Exception {
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();
        try (WorkerPool<String> pool =
                WorkerPool.<String>builder("files", job -> ranOn.complete(Thread.currentThread())).start()) {
            assertEquals("files", pool.name());
            assertEquals(10, pool.workers());
            assertEquals(100, pool.queueCapacity());
            assertEquals(
                    IntStream.rangeClosed(1, 10).mapToObj(i -> "files-worker-" + i).toList(),
                    pool.snapshot().stream().map(WorkerState::worker).toList());

            assertTrue(pool.offer("job"));
            Thread worker = ranOn.get();
            assertFalse(worker.isVirtual());
            assertTrue(worker.getName().startsWith("files-worker-"), worker.getName());
        }
    }

    @Test
    void unnamedThreadsGetTheWorkerNamesOfThePool() {
        try (WorkerPool<String> pool = WorkerPool.<String>builder("v", job -> {})
                .workers(2)
                .threadFactory(Thread.ofVirtual().factory())
                .start()) {
            assertEquals(
                    List.of("v-worker-1", "v-worker-2"),
                    pool.snapshot().stream().map(WorkerState::worker).toList());
        }
    }

    @Test
    void eachPoolNumbersItsDefaultThreadsFromOne() {
        PoolBuilder<String> builder = WorkerPool.<String>builder("twice", job -> {}).workers(1);
        try (WorkerPool<String> first = builder.start();
                WorkerPool<String> second = builder.start()) {
            assertEquals("twice-worker-1", first.snapshot().getFirst().worker());
            assertEquals("twice-worker-1", second.snapshot().getFirst().worker());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void refusesFewerThanOneWorker(int workers) {
        PoolBuilder<String> builder = WorkerPool.builder("p", job -> {});
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> builder.workers(workers));
        assertEquals("workers must be at least 1, was " + workers, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void refusesAQueueOfLessThanOne(int capacity) {
        PoolBuilder<String> builder = WorkerPool.builder("p", job -> {});
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> builder.queueCapacity(capacity));
        assertEquals("queueCapacity must be at least 1, was " + capacity, e.getMessage());
    }

    @Test
    void acceptsTheSmallestPool() {
        try (WorkerPool<String> pool =
                WorkerPool.<String>builder("p", job -> {}).workers(1).queueCapacity(1).start()) {
            assertEquals(1, pool.workers());
            assertEquals(1, pool.queueCapacity());
        }
    }

    @Test
    void refusesABlankName() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> WorkerPool.builder(" ", job -> {}));
        assertEquals("name must not be blank", e.getMessage());
    }

    @Test
    void refusesNulls() {
        assertThrows(NullPointerException.class, () -> WorkerPool.builder(null, job -> {}));
        assertThrows(NullPointerException.class, () -> WorkerPool.builder("p", null));
        PoolBuilder<String> builder = WorkerPool.builder("p", job -> {});
        assertThrows(NullPointerException.class, () -> builder.threadFactory(null));
        assertThrows(NullPointerException.class, () -> builder.describer(null));
        assertThrows(NullPointerException.class, () -> builder.listener(null));
        assertThrows(NullPointerException.class, () -> builder.clock(null));
    }

    @Test
    void aFactoryThatRefusesAThreadLeavesNoWorkerRunning() {
        List<Thread> made = new ArrayList<>();
        ThreadFactory onlyOne = task -> {
            if (!made.isEmpty()) {
                return null;
            }
            Thread thread = Thread.ofPlatform().unstarted(task);
            made.add(thread);
            return thread;
        };
        PoolBuilder<String> builder =
                WorkerPool.<String>builder("p", job -> {}).workers(2).threadFactory(onlyOne);

        IllegalStateException e = assertThrows(IllegalStateException.class, builder::start);
        assertEquals("the thread factory refused to create p-worker-2", e.getMessage());
        assertEquals(Thread.State.NEW, made.getFirst().getState());
    }

    @Test
    void refusesANegativeGraceAndANullJob() {
        try (WorkerPool<String> pool = WorkerPool.<String>builder("p", job -> {}).workers(1).start()) {
            assertThrows(NullPointerException.class, () -> pool.offer(null));
            assertThrows(IllegalArgumentException.class, () -> pool.close(Duration.ofSeconds(-1)));
        }
    }
}
