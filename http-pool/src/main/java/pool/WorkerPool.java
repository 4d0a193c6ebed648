package pool;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A fixed set of workers that take jobs from a bounded queue and run one handler on each.
 *
 * <p>{@link #offer} never blocks: it accepts a job or refuses it at once, when the queue is full
 * or the pool is closing, so the caller can answer "busy" instead of waiting. A handler that throws
 * costs the job, not the worker; after a {@link VirtualMachineError} the worker goes on in a fresh
 * thread from the factory. The pool counts what it does ({@link #stats()}), shows what each
 * worker is doing and since when ({@link #snapshot()}), and tells a {@link PoolListener} when it
 * saturates and recovers. {@link #close(Duration)} stops taking jobs, lets the queued and running
 * ones finish within a grace period, then interrupts what is left.
 *
 * @param <T> the job type
 */
public final class WorkerPool<T> implements AutoCloseable {

    private final String name;
    private final List<Worker<T>> workers;

    // Package-private for the workers, which take the jobs, run them and count them.
    final Consumer<? super T> handler;
    final Function<? super T, String> describer;
    final PoolListener<? super T> listener;
    final InstantSource clock;
    final ThreadFactory factory;
    final JobQueue<T> queue;
    final PoolCounters counters;
    final Saturation saturation;

    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicInteger offering = new AtomicInteger();
    private final CompletableFuture<CloseReport> closed = new CompletableFuture<>();

    WorkerPool(PoolBuilder<T> builder) {
        name = builder.name;
        handler = builder.handler;
        describer = builder.describer;
        listener = builder.listener;
        clock = builder.clock;
        queue = new JobQueue<>(builder.queueCapacity);
        counters = new PoolCounters(queue::queued, builder.workers);
        saturation = new Saturation(
                builder.queueCapacity / 2,
                queue::queued,
                () -> tell(() -> listener.saturated(stats())),
                () -> tell(() -> listener.recovered(stats())));

        factory = builder.threadFactory.get();
        Instant now = clock.instant();
        List<Worker<T>> created = new ArrayList<>(builder.workers);
        for (int i = 1; i <= builder.workers; i++) {
            created.add(new Worker<>(this, name + "-worker-" + i, now));
        }
        workers = List.copyOf(created);
    }

    /**
     * Starts describing a pool.
     *
     * @param name the pool's name, used in its workers' thread names
     * @param handler what a worker does with each job
     * @param <T> the job type
     * @return a builder with the defaults: 10 workers, a queue of 100, platform threads
     */
    public static <T> PoolBuilder<T> builder(String name, Consumer<? super T> handler) {
        return new PoolBuilder<>(name, handler);
    }

    /** Starts every worker's thread; {@link PoolBuilder#start()} decides when. */
    void startWorkers() {
        workers.forEach(Worker::start);
    }

    /**
     * Hands a job to the pool, without waiting.
     *
     * @param job the job
     * @return true when the job was queued; false when the queue is full or the pool is closing
     */
    public boolean offer(T job) {
        return offer(job, 0);
    }

    /**
     * Hands a job to the pool, without waiting, if {@code keepFree} places of the queue stay free
     * besides it: a caller that already has jobs in the pool leaves room for others.
     *
     * @param job the job
     * @param keepFree the places that must stay free once the job is queued, from 0 to the capacity
     * @return true when the job was queued; false when the queue is that full or the pool is closing
     */
    public boolean offer(T job, int keepFree) {
        Objects.requireNonNull(job, "job");
        if (keepFree < 0 || keepFree > queue.capacity()) {
            throw new IllegalArgumentException("keepFree must be between 0 and the queue capacity: " + keepFree);
        }
        // Counted while under way, so that close() can wait for offers that passed the closing
        // check to finish: every job accepted is then queued ahead of the stop entry.
        offering.incrementAndGet();
        try {
            if (closing.get()) {
                counters.rejected();
                return false;
            }
            if (!queue.reserve(keepFree)) {
                counters.rejected();
                saturation.refused();
                return false;
            }
            counters.submitted();
            queue.add(job);
            counters.queuedUpTo(queue.queued());
            return true;
        } finally {
            offering.decrementAndGet();
        }
    }

    /**
     * Reads the counters.
     *
     * @return the counters now; see {@link PoolStats} for how they add up
     */
    public PoolStats stats() {
        return counters.stats();
    }

    /**
     * Shows what each worker is doing, in worker order; busy jobs are rendered by the describer.
     *
     * @return one state per worker
     */
    public List<WorkerState> snapshot() {
        return workers.stream().map(Worker::state).toList();
    }

    /**
     * Returns the pool's name.
     *
     * @return the name given to {@link #builder}
     */
    public String name() {
        return name;
    }

    /**
     * Returns the number of workers.
     *
     * @return the number the pool was started with
     */
    public int workers() {
        return workers.size();
    }

    /**
     * Returns the queue's capacity.
     *
     * @return how many jobs may wait for a worker at once
     */
    public int queueCapacity() {
        return queue.capacity();
    }

    /**
     * Tells whether {@link #close(Duration)} has begun; from then on every offer is refused.
     *
     * @return true once closing has begun
     */
    public boolean isClosing() {
        return closing.get();
    }

    /**
     * Closes the pool: refuses new offers at once, lets the queued and running jobs finish within
     * the grace period, then drops the jobs still queued and interrupts those still running.
     *
     * <p>It does not wait for interrupted jobs to return: a job that ignores the interrupt keeps its
     * worker until it does (see {@link #awaitTermination}). A second call waits for the first to
     * finish and returns the same report. An interrupt of the calling thread ends the grace period
     * at once.
     *
     * @param grace how long queued and running jobs may take to finish
     * @return what finished and what was cut short
     */
    public CloseReport close(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, was " + grace);
        }
        if (!closing.compareAndSet(false, true)) {
            return closed.join();
        }
        // An offer that saw the pool open finishes in a moment; no new one can start.
        while (offering.get() != 0) {
            Thread.onSpinWait();
        }
        // Behind every job accepted: the workers drain the queue, then end.
        queue.stop();
        try {
            awaitTermination(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            CloseReport report = endGracePeriod();
            closed.complete(report);
            return report;
        } catch (RuntimeException | Error e) {
            closed.completeExceptionally(e);
            throw e;
        }
    }

    /** Closes the pool with a grace period of 10 seconds; see {@link #close(Duration)}. */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    /**
     * Waits until every worker thread has ended, which happens only once the pool is closing.
     *
     * @param timeout how long to wait at most
     * @return true when all workers have ended
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        for (Worker<T> worker : workers) {
            if (!worker.join(timeout, start)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Drops the jobs still queued and interrupts those still running. After a drain within the
     * grace period there are none; jobs also remain when every worker has died of a
     * {@link VirtualMachineError} and could not be replaced.
     */
    private CloseReport endGracePeriod() {
        int abandoned = queue.dropJobs();
        List<String> interrupted = new ArrayList<>();
        for (Worker<T> worker : workers) {
            Optional<T> job = worker.job();
            if (job.isPresent()) {
                interrupted.add(describer.apply(job.get()));
                worker.interrupt();
            }
        }
        return new CloseReport(interrupted.isEmpty() && abandoned == 0, interrupted, abandoned);
    }

    /** Calls the listener; what it throws goes to the thread's uncaught-exception handler. */
    static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            Thread thread = Thread.currentThread();
            thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
        }
    }
}
