package pool;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One worker of a {@link WorkerPool}: a thread taking jobs from the pool's queue until it meets
 * the stop entry, and what it is doing for the pool's snapshot.
 *
 * @param <T> the job type
 */
final class Worker<T> implements Runnable {
    private final WorkerPool<T> pool;
    private final String name;
    private volatile Thread thread;
    private volatile Activity<T> activity;

    /** A worker's job, empty while idle, and since when. */
    private record Activity<T>(Optional<T> job, Instant since) {}

    /**
     * Creates the worker's thread, unstarted.
     *
     * @param pool the pool whose queue, handler and counters the worker uses
     * @param fallbackName the worker's name when the factory's thread has none
     * @param now when the worker became idle
     * @throws IllegalStateException when the pool's thread factory refuses to create a thread
     */
    Worker(WorkerPool<T> pool, String fallbackName, Instant now) {
        this.pool = pool;
        activity = new Activity<>(Optional.empty(), now);
        thread = pool.factory.newThread(this);
        if (thread == null) {
            throw new IllegalStateException("the thread factory refused to create " + fallbackName);
        }
        name = thread.getName().isBlank() ? fallbackName : thread.getName();
    }

    /** Starts the worker's first thread. */
    void start() {
        thread.start();
    }

    /**
     * Waits until the worker's thread has ended.
     *
     * @param timeout how long to wait at most, counted from {@code start}
     * @param start when the wait began, by {@link System#nanoTime()}
     * @return true when the worker's thread has ended
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    boolean join(Duration timeout, long start) throws InterruptedException {
        // A worker's thread is replaced when it dies of a VirtualMachineError.
        Thread joined;
        do {
            joined = thread;
            if (!joined.join(timeout.minusNanos(System.nanoTime() - start))) {
                return false;
            }
        } while (joined != thread);
        return true;
    }

    /** Interrupts the worker's thread, and so the job it runs. */
    void interrupt() {
        thread.interrupt();
    }

    /** Returns the job the worker runs, empty while it is idle. */
    Optional<T> job() {
        return activity.job();
    }

    /** Shows what the worker is doing, its job rendered by the pool's describer. */
    WorkerState state() {
        Activity<T> now = activity;
        return new WorkerState(name, now.job().map(pool.describer), now.since());
    }

    @Override
    public void run() {
        try {
            while (true) {
                switch (take()) {
                    case JobQueue.Job<T>(T job) -> handle(job);
                    case JobQueue.Stop<T> stop -> {
                        pool.queue.putBack(stop);
                        return;
                    }
                }
            }
        } catch (VirtualMachineError e) {
            // This thread dies with the error, reported by its uncaught-exception handler;
            // a fresh one takes its place, so the pool keeps its size.
            replace();
            throw e;
        }
    }

    private void replace() {
        try {
            Thread next = pool.factory.newThread(this);
            if (next != null) {
                // Started before it is published: awaitTermination may join it at once. The
                // dying thread ends only after this, so a join of it sees the new one after.
                next.start();
                thread = next;
            }
        } catch (RuntimeException | Error e) {
            // No thread to be had (the JVM is still in trouble): the pool runs one short.
        }
    }

    private JobQueue.Entry<T> take() {
        while (true) {
            try {
                return pool.queue.take();
            } catch (InterruptedException e) {
                // Workers end by the stop entry only; an interrupt while idle means nothing.
            }
        }
    }

    private void handle(T job) {
        pool.counters.started();
        pool.queue.release();
        activity = new Activity<>(Optional.of(job), pool.clock.instant());
        pool.saturation.drained();
        try {
            pool.handler.accept(job);
            pool.counters.completed();
        } catch (VirtualMachineError e) {
            // The JVM is in trouble: count the job, and let this worker's thread die.
            pool.counters.failed();
            throw e;
        } catch (Throwable e) {
            pool.counters.failed();
            WorkerPool.tell(() -> pool.listener.failed(job, e));
        } finally {
            activity = new Activity<>(Optional.empty(), pool.clock.instant());
            pool.counters.finished();
            // An interrupt aimed at this job must not reach the next one.
            Thread.interrupted();
        }
    }
}
