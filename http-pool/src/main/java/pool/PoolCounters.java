package pool;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/** What a {@link WorkerPool} counts as its jobs go through it, read out as {@link PoolStats}. */
final class PoolCounters {
    private final IntSupplier queued;
    private final int workers;

    private final LongAdder submitted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger queueHighWater = new AtomicInteger();

    /**
     * @param queued reads the current queue depth
     * @param workers the number of workers the pool was started with
     */
    PoolCounters(IntSupplier queued, int workers) {
        this.queued = queued;
        this.workers = workers;
    }

    /** An offer was accepted. */
    void submitted() {
        submitted.increment();
    }

    /** An offer was refused. */
    void rejected() {
        rejected.increment();
    }

    /** The queue has held this many jobs. */
    void queuedUpTo(int depth) {
        if (depth > queueHighWater.get()) {
            queueHighWater.accumulateAndGet(depth, Math::max);
        }
    }

    /** A worker began a job. */
    void started() {
        busy.incrementAndGet();
    }

    /** A job's handler returned normally. */
    void completed() {
        completed.increment();
    }

    /** A job's handler threw. */
    void failed() {
        failed.increment();
    }

    /** A worker is done with a job, however it went. */
    void finished() {
        busy.decrementAndGet();
    }

    /** Reads the counters one after the other; see {@link PoolStats}. */
    PoolStats stats() {
        return new PoolStats(
                submitted.sum(),
                rejected.sum(),
                completed.sum(),
                failed.sum(),
                queued.getAsInt(),
                queueHighWater.get(),
                busy.get(),
                workers);
    }
}
