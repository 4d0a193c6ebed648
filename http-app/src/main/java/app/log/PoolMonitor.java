package app.log;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pool.PoolListener;
import pool.PoolStats;
import pool.WorkerPool;
import pool.WorkerState;

/**
 * Turns the pool's events into the seed's log lines: a saturation warning with a snapshot of
 * what every worker is doing (at most one per interval), and a line when the pool recovers.
 */
public final class PoolMonitor<T> implements PoolListener<T> {

    private static final Logger log = LoggerFactory.getLogger("http.pool");

    private final long intervalNanos;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - Long.MAX_VALUE / 2);
    private volatile WorkerPool<?> pool;

    /** A monitor that warns at most once per {@code interval}. */
    public PoolMonitor(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Attaches the pool whose snapshot the warnings show (the pool is built with this listener). */
    public void attach(WorkerPool<?> pool) {
        this.pool = pool;
    }

    @Override
    public void saturated(PoolStats stats) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last < intervalNanos || !lastWarning.compareAndSet(last, now)) {
            return;
        }
        log.warn("Thread pool saturated: {}/{} active, {} queued (high-water {}), {} rejected so far",
                stats.busy(), stats.workers(), stats.queued(), stats.queueHighWater(), stats.rejected());
        WorkerPool<?> attached = pool;
        if (attached != null && log.isWarnEnabled()) {
            Instant now2 = Instant.now();
            log.warn("Worker activity: {}", attached.snapshot().stream()
                    .map(state -> describe(state, now2))
                    .collect(Collectors.joining("; ")));
        }
    }

    @Override
    public void recovered(PoolStats stats) {
        log.info("Thread pool recovered: {}/{} active, {} queued", stats.busy(), stats.workers(), stats.queued());
    }

    @Override
    public void failed(T job, Throwable failure) {
        log.error("Pool job failed: {}", job, failure);
    }

    private static String describe(WorkerState state, Instant now) {
        long millis = Duration.between(state.since(), now).toMillis();
        return state.worker() + " " + state.job().map(job -> "busy " + millis + " ms with " + job)
                .orElse("idle " + millis + " ms");
    }
}
