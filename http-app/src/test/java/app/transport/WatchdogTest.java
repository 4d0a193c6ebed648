package app.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The watchdog's deadlines: who wins the race between a step's end and the sweep. The sweeps are
 * driven by the test with chosen clock values, so what must not happen is shown without waiting.
 */
class WatchdogTest {

    private static final long HOUR = TimeUnit.HOURS.toNanos(1);

    /** Counts its closes; {@link #closed} opens on the first. */
    private static final class Target implements Closeable {
        final CountDownLatch closed = new CountDownLatch(1);
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public void close() {
            closes.incrementAndGet();
            closed.countDown();
        }
    }

    /** The time of a manual watchdog, moved by the test. */
    private final AtomicLong clock = new AtomicLong(System.nanoTime());
    private final Watchdog watchdog = Watchdog.manual(clock::get);

    private static Watchdog.Deadline watched(Watchdog watchdog, Closeable target) {
        var deadline = watchdog.deadline(target);
        watchdog.watch(deadline);
        return deadline;
    }

    /** Sweeps with the clock at {@code time}. */
    private void sweepAt(long time) {
        clock.set(time);
        watchdog.sweep();
    }

    @Test
    void anOverdueStepIsClosedAndItsEndLearnsSo() {
        var target = new Target();
        var deadline = watched(watchdog, target);
        long due = clock.get();
        deadline.armUntil(due);
        sweepAt(due + 1);
        assertEquals(1, target.closes.get());
        assertFalse(deadline.disarm(), "the step must not act on what it read or wrote");
        deadline.arm(TimeUnit.MINUTES.toNanos(1));
        assertFalse(deadline.disarm(), "once fired, always fired");
        sweepAt(due + 2 * HOUR);
        assertEquals(1, target.closes.get());
    }

    @Test
    void aDeadlineIsNotFiredBeforeItIsDue() {
        var target = new Target();
        var deadline = watched(watchdog, target);
        long due = clock.get() + HOUR;
        deadline.armUntil(due);
        sweepAt(due - 1);
        sweepAt(due);
        assertEquals(0, target.closes.get());
        sweepAt(due + 1);
        assertEquals(1, target.closes.get());
    }

    @Test
    void aStepThatEndsInTimeIsNeverClosed() {
        var target = new Target();
        var deadline = watched(watchdog, target);
        deadline.arm(TimeUnit.MILLISECONDS.toNanos(50));
        assertTrue(deadline.disarm());
        // A sweep long after the finished step's expiry.
        sweepAt(clock.get() + HOUR);
        assertEquals(0, target.closes.get());
        assertTrue(deadline.disarm());
    }

    @Test
    void aReleasedDeadlineIsNoLongerSwept() {
        var target = new Target();
        var deadline = watched(watchdog, target);
        watchdog.release(deadline);
        deadline.armUntil(clock.get() - 1);
        sweepAt(clock.get() + HOUR);
        assertEquals(0, target.closes.get());
    }

    @Test
    void aFailingCloseDoesNotStopTheSweep() {
        var failing = watched(watchdog, () -> {
            throw new IllegalStateException("close failed");
        });
        failing.armUntil(clock.get() - 1);
        var target = new Target();
        var later = watched(watchdog, target);
        later.armUntil(clock.get() - 1);
        sweepAt(clock.get());
        assertEquals(1, target.closes.get());
        assertFalse(failing.disarm());
        assertFalse(later.disarm());
    }

    @Test
    void theSweeperThreadFiresOverdueDeadlines() throws InterruptedException {
        try (var running = Watchdog.start(5)) {
            var target = new Target();
            watched(running, target).armUntil(running.now() - 1);
            assertTrue(target.closed.await(5, TimeUnit.SECONDS));
        }
    }
}
