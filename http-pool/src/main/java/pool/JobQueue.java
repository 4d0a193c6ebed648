package pool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The queue of a {@link WorkerPool}: room for a fixed number of jobs, and always for the stop
 * entry behind them.
 *
 * @param <T> the job type
 */
final class JobQueue<T> {
    private final int capacity;
    // The free places, counted apart from the entries: the queue itself is unbounded so that the
    // stop entry always fits, however full the pool is when it closes. One count, changed by
    // compare-and-set, so that a reservation that must leave places free never makes another
    // see fewer than there are.
    private final AtomicInteger free;
    private final BlockingQueue<Entry<T>> entries = new LinkedBlockingQueue<>();

    /** What a worker takes from the queue: a job, or the signal to stop. */
    sealed interface Entry<T> {}

    /** A job offered to the pool. */
    record Job<T>(T job) implements Entry<T> {}

    /** A worker that takes it puts it back before it ends, so it reaches every worker in turn. */
    record Stop<T>() implements Entry<T> {}

    JobQueue(int capacity) {
        this.capacity = capacity;
        free = new AtomicInteger(capacity);
    }

    /** Reserves a place for one job if {@code keepFree} places stay free besides it; never blocks. */
    boolean reserve(int keepFree) {
        while (true) {
            int places = free.get();
            if (places <= keepFree) {
                return false;
            }
            if (free.compareAndSet(places, places - 1)) {
                return true;
            }
        }
    }

    /** Adds a job in the place reserved for it. */
    void add(T job) {
        entries.add(new Job<>(job));
    }

    /** Adds the stop entry, behind every job added so far. */
    void stop() {
        entries.add(new Stop<>());
    }

    /** Puts the stop entry back for the next worker. */
    void putBack(Stop<T> stop) {
        entries.add(stop);
    }

    /** Waits for the next entry; the place of a job stays taken until {@link #release}. */
    Entry<T> take() throws InterruptedException {
        return entries.take();
    }

    /** Frees the place of a job that a worker took. */
    void release() {
        free.incrementAndGet();
    }

    /** Counts the jobs waiting for a worker, by the places taken. */
    int queued() {
        return capacity - free.get();
    }

    /** Tells how many jobs may wait at once. */
    int capacity() {
        return capacity;
    }

    /**
     * Drops the jobs still waiting and frees their places; the stop entry stays.
     *
     * @return how many jobs were dropped
     */
    int dropJobs() {
        List<Entry<T>> left = new ArrayList<>();
        entries.drainTo(left);
        int dropped = 0;
        for (Entry<T> entry : left) {
            if (entry instanceof Stop<T>) {
                entries.add(entry);
            } else {
                dropped++;
            }
        }
        free.addAndGet(dropped);
        return dropped;
    }
}
