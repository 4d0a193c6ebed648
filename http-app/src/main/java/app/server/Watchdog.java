package app.server;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections that overstay a blocking step: a response write that stopped making
 * progress, or a wait for the next request that outlasted the idle timeout. A blocking write on
 * a channel has no timeout of its own, and a timed read would arm a scheduler timer for every
 * request; instead each connection arms a deadline before the step and disarms it after, and
 * one daemon thread sweeps the armed ones. Arming costs a volatile store, so the hot path pays
 * nothing for the rare client that overstays.
 */
final class Watchdog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);

    /** A connection's deadline for its current blocking step. */
    static final class Deadline {
        private static final long DISARMED = Long.MAX_VALUE;

        private final Closeable target;
        private final AtomicLong expiresAt = new AtomicLong(DISARMED);
        private volatile boolean fired;

        private Deadline(Closeable target) {
            this.target = target;
        }

        /** Starts the clock for one step that may take {@code timeoutNanos}. */
        void arm(long timeoutNanos) {
            armUntil(System.nanoTime() + timeoutNanos);
        }

        /** Starts the clock for one step that must end by {@code nanoTime}. */
        void armUntil(long nanoTime) {
            expiresAt.set(nanoTime);
        }

        /** The step finished. */
        void disarm() {
            expiresAt.set(DISARMED);
        }

        /** Whether the watchdog closed the connection. */
        boolean fired() {
            return fired;
        }

        private void check(long now) {
            long at = expiresAt.get();
            if (at != DISARMED && now - at > 0 && expiresAt.compareAndSet(at, DISARMED)) {
                fired = true;
                try {
                    target.close();
                } catch (IOException | RuntimeException e) {
                    // Closing is all that is left to do, and the sweep must go on for the others.
                    log.debug("closing an overdue connection failed: {}", e.toString());
                }
            }
        }
    }

    private final Set<Deadline> deadlines = ConcurrentHashMap.newKeySet();
    private final Thread sweeper;
    private volatile boolean running = true;

    Watchdog(long sweepMillis) {
        sweeper = Thread.ofPlatform().name("http-watchdog").daemon().unstarted(() -> sweep(sweepMillis));
        sweeper.start();
    }

    /** Registers a connection; {@link #release} it when the connection ends. */
    Deadline watch(Closeable target) {
        var deadline = new Deadline(target);
        deadlines.add(deadline);
        return deadline;
    }

    void release(Deadline deadline) {
        deadlines.remove(deadline);
    }

    private void sweep(long sweepMillis) {
        while (running) {
            try {
                TimeUnit.MILLISECONDS.sleep(sweepMillis);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Deadline deadline : deadlines) {
                deadline.check(now);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        sweeper.interrupt();
    }
}
