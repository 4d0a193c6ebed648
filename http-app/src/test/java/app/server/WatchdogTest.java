package app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The watchdog's deadlines: who wins the race between a step's end and the sweep. */
class WatchdogTest {

    /** Counts its closes; {@link #closed} opens on the first. */
    private static final class Target implements Closeable {
        final CountDownLatch closed = new CountDownLatch(1);
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public void close() {
            closes.incrementAndGet();
            closed.countDown();
        }

        boolean awaitClose() throws InterruptedException {
            return closed.await(5, TimeUnit.SECONDS);
        }
    }

    private static Watchdog.Deadline watched(Watchdog watchdog, Closeable target) {
        var deadline = new Watchdog.Deadline(target);
        watchdog.watch(deadline);
        return deadline;
    }

    @Test
    void anOverdueStepIsClosedAndItsEndLearnsSo() throws InterruptedException {
        try (var watchdog = new Watchdog(5)) {
            var target = new Target();
            var deadline = watched(watchdog, target);
            deadline.armUntil(System.nanoTime() - 1);
            assertTrue(target.awaitClose());
            assertFalse(deadline.disarm(), "the step must not act on what it read or wrote");
            deadline.arm(TimeUnit.MINUTES.toNanos(1));
            assertFalse(deadline.disarm(), "once fired, always fired");
            assertEquals(1, target.closes.get());
        }
    }

    @Test
    void aStepThatEndsInTimeIsNeverClosed() throws InterruptedException {
        try (var watchdog = new Watchdog(5)) {
            var target = new Target();
            var deadline = watched(watchdog, target);
            deadline.arm(TimeUnit.MILLISECONDS.toNanos(50));
            assertTrue(deadline.disarm());
            // Many sweeps later, the expiry of the finished step is long past.
            Thread.sleep(200);
            assertEquals(0, target.closes.get());
            assertTrue(deadline.disarm());
        }
    }

    @Test
    void aReleasedDeadlineIsNoLongerSwept() throws InterruptedException {
        try (var watchdog = new Watchdog(5)) {
            var target = new Target();
            var deadline = watched(watchdog, target);
            watchdog.release(deadline);
            deadline.armUntil(System.nanoTime() - 1);
            Thread.sleep(200);
            assertEquals(0, target.closes.get());
        }
    }

    @Test
    void aFailingCloseDoesNotStopTheSweep() throws InterruptedException {
        try (var watchdog = new Watchdog(5)) {
            var failing = watched(watchdog, () -> {
                throw new IllegalStateException("close failed");
            });
            failing.armUntil(System.nanoTime() - 1);
            var target = new Target();
            var later = watched(watchdog, target);
            later.armUntil(System.nanoTime() - 1);
            assertTrue(target.awaitClose());
            assertFalse(failing.disarm());
            assertFalse(later.disarm());
        }
    }
}
