package app.transport;

import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
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
public final class Watchdog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);

    /**
     * A connection's deadline for its current blocking step. The step's end and the watchdog
     * race to claim an armed deadline; exactly one wins, so a step that ends as the watchdog
     * fires learns that its connection was closed under it.
     */
    public static final class Deadline {
        private static final long DISARMED = Long.MAX_VALUE;
        private static final long FIRED = Long.MIN_VALUE;

        private final LongSupplier clock;
        private final Closeable target;
        private final AtomicLong expiresAt = new AtomicLong(DISARMED);

        private Deadline(LongSupplier clock, Closeable target) {
            this.clock = clock;
            this.target = target;
        }

        /** Starts the clock for one step that may take {@code timeoutNanos}. */
        public void arm(long timeoutNanos) {
            armUntil(clock.getAsLong() + timeoutNanos);
        }

        /** Starts the clock for one step that must end by {@code nanoTime}, a value of {@link #now}. */
        public void armUntil(long nanoTime) {
            // Once fired, always fired: the connection is closed.
            expiresAt.getAndUpdate(at -> at == FIRED ? FIRED : nanoTime);
        }

        /**
         * Ends the step.
         *
         * @return false if the watchdog fired first and closed the connection: whatever the
         *         step achieved must not be acted on
         */
        public boolean disarm() {
            long at = expiresAt.get();
            // Only the watchdog changes an armed deadline behind our back, and only to FIRED.
            return at != FIRED && expiresAt.compareAndSet(at, DISARMED);
        }

        private void check(long now) {
            long at = expiresAt.get();
            if (at != DISARMED && at != FIRED && now - at > 0 && expiresAt.compareAndSet(at, FIRED)) {
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
    private final LongSupplier clock;
    private volatile Optional<Thread> sweeper = Optional.empty();

    private Watchdog(LongSupplier clock) {
        this.clock = clock;
    }

    /** A watchdog on {@link System#nanoTime} whose own daemon thread sweeps every {@code sweepMillis}. */
    public static Watchdog start(long sweepMillis) {
        var watchdog = new Watchdog(System::nanoTime);
        Thread thread = Thread.ofPlatform().name("http-watchdog").daemon().unstarted(() -> watchdog.sweepEvery(sweepMillis));
        watchdog.sweeper = Optional.of(thread);
        thread.start();
        return watchdog;
    }

    /**
     * A watchdog on {@code clock} (nanoseconds, as {@link System#nanoTime}) that sweeps only when
     * {@link #sweep()} is called: tests move the clock and sweep step by step.
     */
    public static Watchdog manual(LongSupplier clock) {
        return new Watchdog(clock);
    }

    /** The time on this watchdog's clock: every deadline is a value of it. */
    public long now() {
        return clock.getAsLong();
    }

    /** A deadline that closes {@code target} when it fires; {@link #watch} it to start. */
    public Deadline deadline(Closeable target) {
        return new Deadline(clock, target);
    }

    /** Starts watching a connection's deadline; {@link #release} it when the connection ends. */
    public void watch(Deadline deadline) {
        deadlines.add(deadline);
    }

    public void release(Deadline deadline) {
        deadlines.remove(deadline);
    }

    /** Fires every watched deadline that has passed. */
    public void sweep() {
        long now = clock.getAsLong();
        for (Deadline deadline : deadlines) {
            deadline.check(now);
        }
    }

    private void sweepEvery(long sweepMillis) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                TimeUnit.MILLISECONDS.sleep(sweepMillis);
            } catch (InterruptedException e) {
                return;
            }
            try {
                sweep();
            } catch (RuntimeException | Error e) {
                // Idle connections have no other limit: the sweeper must outlive any one failure.
                log.error("Watchdog sweep failed; sweeping on", e);
            }
        }
    }

    @Override
    public void close() {
        sweeper.ifPresent(Thread::interrupt);
    }
}
