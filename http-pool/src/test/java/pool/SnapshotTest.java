package pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(30)
class SnapshotTest {
    private static final Instant STARTED = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant OFFERED = STARTED.plusSeconds(5);
    private static final Instant RELEASED = STARTED.plusSeconds(9);

    /** A clock the test moves by hand. */
    private static final class ManualClock implements InstantSource {
        private final AtomicReference<Instant> now = new AtomicReference<>(STARTED);

        @Override
        public Instant instant() {
            return now.get();
        }

        void set(Instant instant) {
            now.set(instant);
        }
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void showsTheBusyJobsThroughTheDescriberAndTheIdleWorkers(ThreadKind kind) throws Exception {
        ManualClock clock = new ManualClock();
        WorkerPool<Gate> pool = WorkerPool.<Gate>builder("snap", Gate::pass)
                .workers(3)
                .threadFactory(kind.factory("snap-worker-"))
                .describer(gate -> "GET /" + gate)
                .clock(clock)
                .start();
        assertEquals(
                List.of(
                        idle("snap-worker-1", STARTED),
                        idle("snap-worker-2", STARTED),
                        idle("snap-worker-3", STARTED)),
                pool.snapshot());

        clock.set(OFFERED);
        Gate a = Gate.named("a");
        Gate b = Gate.named("b");
        assertTrue(pool.offer(a));
        assertTrue(pool.offer(b));
        a.awaitStarted();
        b.awaitStarted();

        List<WorkerState> busy = pool.snapshot().stream().filter(WorkerState::busy).toList();
        List<WorkerState> idle = pool.snapshot().stream().filter(state -> !state.busy()).toList();
        assertEquals(
                List.of(Optional.of("GET /a"), Optional.of("GET /b")),
                busy.stream()
                        .map(WorkerState::job)
                        .sorted(Comparator.comparing(Optional::orElseThrow))
                        .toList());
        busy.forEach(state -> assertEquals(OFFERED, state.since()));
        assertEquals(1, idle.size());
        assertEquals(STARTED, idle.getFirst().since());
        assertEquals(2, pool.stats().busy());

        clock.set(RELEASED);
        a.release();
        b.release();
        assertTrue(pool.close(Duration.ofSeconds(10)).graceful());
        List<WorkerState> after = pool.snapshot();
        assertTrue(after.stream().noneMatch(WorkerState::busy));
        assertEquals(
                List.of(STARTED, RELEASED, RELEASED),
                after.stream().map(WorkerState::since).sorted().toList());
    }

    private static WorkerState idle(String worker, Instant since) {
        return new WorkerState(worker, Optional.empty(), since);
    }
}
