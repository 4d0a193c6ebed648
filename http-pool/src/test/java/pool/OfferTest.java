package pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(30)
class OfferTest {

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void refusesOnceCapacityJobsWaitBehindBusyWorkersAndAcceptsWhenAPlaceFrees(ThreadKind kind)
            throws Exception {
        int workers = 3;
        int capacity = 4;
        WorkerPool<Gate> pool = WorkerPool.<Gate>builder("offer", Gate::pass)
                .workers(workers)
                .queueCapacity(capacity)
                .threadFactory(kind.factory("offer-"))
                .start();
        List<Gate> running = gates("running", workers);
        for (Gate gate : running) {
            assertTrue(pool.offer(gate));
            gate.awaitStarted();
        }
        List<Gate> waiting = gates("waiting", capacity);
        for (Gate gate : waiting) {
            assertTrue(pool.offer(gate));
        }
        assertEquals(new PoolStats(7, 0, 0, 0, capacity, capacity, workers, workers), pool.stats());

        Gate extra = Gate.named("extra");
        assertFalse(pool.offer(extra));
        assertEquals(new PoolStats(7, 1, 0, 0, capacity, capacity, workers, workers), pool.stats());

        running.getFirst().release();
        waiting.getFirst().awaitStarted();
        assertEquals(capacity - 1, pool.stats().queued());
        assertTrue(pool.offer(extra));
        assertFalse(pool.offer(Gate.named("another")));
        assertEquals(new PoolStats(8, 2, 1, 0, capacity, capacity, workers, workers), pool.stats());

        running.forEach(Gate::release);
        waiting.forEach(Gate::release);
        extra.release();
        assertTrue(pool.close(Duration.ofSeconds(10)).graceful());
        assertEquals(new PoolStats(8, 2, 8, 0, 0, capacity, 0, workers), pool.stats());
    }

    @Test
    void anOfferThatMustLeavePlacesFreeIsRefusedOnceThatFewAreLeft() throws Exception {
        int capacity = 4;
        int keepFree = 2;
        WorkerPool<Gate> pool = WorkerPool.<Gate>builder("keepfree", Gate::pass)
                .workers(1)
                .queueCapacity(capacity)
                .start();
        Gate running = Gate.named("running");
        assertTrue(pool.offer(running));
        running.awaitStarted();
        List<Gate> waiting = gates("waiting", capacity);
        // Two places taken: the next leaves exactly two free, the one after would leave one.
        assertTrue(pool.offer(waiting.get(0), keepFree));
        assertTrue(pool.offer(waiting.get(1), keepFree));
        assertFalse(pool.offer(waiting.get(2), keepFree));
        assertEquals(2, pool.stats().queued());
        // An offer that asks for nothing to stay free still takes the places left.
        assertTrue(pool.offer(waiting.get(2)));
        assertTrue(pool.offer(waiting.get(3), 0));
        assertFalse(pool.offer(Gate.named("extra")));
        assertEquals(new PoolStats(5, 2, 0, 0, capacity, capacity, 1, 1), pool.stats());

        running.release();
        waiting.forEach(Gate::release);
        assertTrue(pool.close(Duration.ofSeconds(10)).graceful());
    }

    @Test
    void tellsTheListenerOncePerTransitionWithHysteresis() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        PoolListener<Gate> listener = new PoolListener<>() {
            @Override
            public void saturated(PoolStats stats) {
                events.add("saturated with " + stats.queued() + " queued");
            }

            @Override
            public void recovered(PoolStats stats) {
                events.add("recovered with " + stats.queued() + " queued");
            }
        };
        WorkerPool<Gate> pool = WorkerPool.<Gate>builder("listened", Gate::pass)
                .workers(1)
                .queueCapacity(4)
                .listener(listener)
                .start();
        Gate running = Gate.named("running");
        assertTrue(pool.offer(running));
        running.awaitStarted();
        List<Gate> waiting = gates("waiting", 4);
        waiting.forEach(gate -> assertTrue(pool.offer(gate)));
        assertEquals(List.of(), events);

        assertFalse(pool.offer(Gate.named("refused-1")));
        assertFalse(pool.offer(Gate.named("refused-2")));
        assertEquals(List.of("saturated with 4 queued"), events);

        // A place frees and is taken again: still saturated, and told nothing new.
        running.release();
        waiting.get(0).awaitStarted();
        Gate refill = Gate.named("refill");
        assertTrue(pool.offer(refill));
        assertFalse(pool.offer(Gate.named("refused-3")));
        waiting.get(0).release();
        waiting.get(1).awaitStarted();
        assertEquals(List.of("saturated with 4 queued"), events);

        // Down to half the capacity: recovered.
        waiting.get(1).release();
        waiting.get(2).awaitStarted();
        assertEquals(List.of("saturated with 4 queued", "recovered with 2 queued"), events);

        List<Gate> more = gates("more", 2);
        more.forEach(gate -> assertTrue(pool.offer(gate)));
        assertFalse(pool.offer(Gate.named("refused-4")));
        assertEquals(
                List.of("saturated with 4 queued", "recovered with 2 queued", "saturated with 4 queued"),
                events);

        waiting.forEach(Gate::release);
        refill.release();
        more.forEach(Gate::release);
        assertTrue(pool.close(Duration.ofSeconds(10)).graceful());
        assertEquals(
                List.of(
                        "saturated with 4 queued",
                        "recovered with 2 queued",
                        "saturated with 4 queued",
                        "recovered with 2 queued"),
                events);
    }

    @Test
    void aListenerThatThrowsDoesNotBreakTheOffer() throws Exception {
        PoolListener<Gate> throwing = new PoolListener<>() {
            @Override
            public void saturated(PoolStats stats) {
                throw new IllegalStateException("listener broke");
            }
        };
        WorkerPool<Gate> pool = WorkerPool.<Gate>builder("throwing-listener", Gate::pass)
                .workers(1)
                .queueCapacity(1)
                .listener(throwing)
                .start();
        Gate running = Gate.named("running");
        Gate waiting = Gate.named("waiting");
        assertTrue(pool.offer(running));
        running.awaitStarted();
        assertTrue(pool.offer(waiting));

        CompletableFuture<Throwable> reported = new CompletableFuture<>();
        CompletableFuture<Boolean> offered = new CompletableFuture<>();
        Thread offering = Thread.ofPlatform()
                .uncaughtExceptionHandler((thread, e) -> reported.complete(e))
                .start(() -> offered.complete(pool.offer(Gate.named("refused"))));
        offering.join();

        assertFalse(offered.get());
        assertEquals("listener broke", reported.get().getMessage());
        running.release();
        waiting.release();
        assertTrue(pool.close(Duration.ofSeconds(10)).graceful());
    }

    private static List<Gate> gates(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> Gate.named(prefix + "-" + i)).toList();
    }
}
