package pool;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

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
    private final Consumer<? super T> handler;
    private final Function<? super T, String> describer;
    private final PoolListener<? super T> listener;
    private final InstantSource clock;
    private final int queueCapacity;

    // The semaphore holds the queue's capacity: a permit per free place. The queue itself is
    // unbounded so that the stop entry always fits, however full the pool is when it closes.
    private final Semaphore slots;
    private final BlockingQueue<Entry<T>> queue = new LinkedBlockingQueue<>();
    private final List<Worker> workers;
    private final ThreadFactory factory;
    private final Saturation saturation;

    private final LongAdder submitted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger queueHighWater = new AtomicInteger();

    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicInteger offering = new AtomicInteger();
    private final CompletableFuture<CloseReport> closed = new CompletableFuture<>();

    private WorkerPool(Builder<T> builder) {
        name = builder.name;
        handler = builder.handler;
        describer = builder.describer;
        listener = builder.listener;
        clock = builder.clock;
        queueCapacity = builder.queueCapacity;
        slots = new Semaphore(queueCapacity);
        saturation = new Saturation(
                queueCapacity / 2,
                this::queued,
                () -> tell(() -> listener.saturated(stats())),
                () -> tell(() -> listener.recovered(stats())));

        factory = builder.threadFactory.get();
        Instant now = clock.instant();
        List<Worker> created = new ArrayList<>(builder.workers);
        for (int i = 1; i <= builder.workers; i++) {
            created.add(new Worker(factory, name + "-worker-" + i, now));
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
    public static <T> Builder<T> builder(String name, Consumer<? super T> handler) {
        return new Builder<>(name, handler);
    }

    /**
     * Hands a job to the pool, without waiting.
     *
     * @param job the job
     * @return true when the job was queued; false when the queue is full or the pool is closing
     */
    public boolean offer(T job) {
        Objects.requireNonNull(job, "job");
        // Counted while under way, so that close() can wait for offers that passed the closing
        // check to finish: every job accepted is then queued ahead of the stop entry.
        offering.incrementAndGet();
        try {
            if (closing.get()) {
                rejected.increment();
                return false;
            }
            if (!slots.tryAcquire()) {
                rejected.increment();
                saturation.refused();
                return false;
            }
            submitted.increment();
            queue.add(new Job<>(job));
            int depth = queued();
            if (depth > queueHighWater.get()) {
                queueHighWater.accumulateAndGet(depth, Math::max);
            }
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
        return new PoolStats(
                submitted.sum(),
                rejected.sum(),
                completed.sum(),
                failed.sum(),
                queued(),
                queueHighWater.get(),
                busy.get(),
                workers.size());
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
        return queueCapacity;
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
        queue.add(new Stop<>());
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
        for (Worker worker : workers) {
            // A worker's thread is replaced when it dies of a VirtualMachineError.
            Thread thread;
            do {
                thread = worker.thread;
                if (!thread.join(timeout.minusNanos(System.nanoTime() - start))) {
                    return false;
                }
            } while (thread != worker.thread);
        }
        return true;
    }

    /**
     * Drops the jobs still queued and interrupts those still running. After a drain within the
     * grace period there are none; jobs also remain when every worker has died of a
     * {@link VirtualMachineError} and could not be replaced.
     */
    private CloseReport endGracePeriod() {
        List<Entry<T>> left = new ArrayList<>();
        queue.drainTo(left);
        int abandoned = 0;
        for (Entry<T> entry : left) {
            if (entry instanceof Stop<T>) {
                queue.add(entry);
            } else {
                abandoned++;
            }
        }
        slots.release(abandoned);
        List<String> interrupted = new ArrayList<>();
        for (Worker worker : workers) {
            Optional<T> job = worker.activity.job();
            if (job.isPresent()) {
                interrupted.add(describer.apply(job.get()));
                worker.thread.interrupt();
            }
        }
        return new CloseReport(interrupted.isEmpty() && abandoned == 0, interrupted, abandoned);
    }

    private int queued() {
        return queueCapacity - slots.availablePermits();
    }

    /** Calls the listener; what it throws goes to the thread's uncaught-exception handler. */
    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            Thread thread = Thread.currentThread();
            thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
        }
    }

    /** What a worker takes from the queue: a job, or the signal to stop. */
    private sealed interface Entry<T> {}

    private record Job<T>(T job) implements Entry<T> {}

    /** A worker that takes it puts it back before it ends, so it reaches every worker in turn. */
    private record Stop<T>() implements Entry<T> {}

    /** A worker's job, empty while idle, and since when. */
    private record Activity<T>(Optional<T> job, Instant since) {}

    /** One thread taking jobs from the queue until it meets the stop entry. */
    private final class Worker implements Runnable {
        private volatile Thread thread;
        private final String name;
        private volatile Activity<T> activity;

        Worker(ThreadFactory factory, String fallbackName, Instant now) {
            activity = new Activity<>(Optional.empty(), now);
            thread = factory.newThread(this);
            if (thread == null) {
                throw new IllegalStateException("the thread factory refused to create " + fallbackName);
            }
            name = thread.getName().isBlank() ? fallbackName : thread.getName();
        }

        @Override
        public void run() {
            try {
                while (true) {
                    switch (take()) {
                        case Job<T>(T job) -> handle(job);
                        case Stop<T> stop -> {
                            queue.add(stop);
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
                Thread next = factory.newThread(this);
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

        private Entry<T> take() {
            while (true) {
                try {
                    return queue.take();
                } catch (InterruptedException e) {
                    // Workers end by the stop entry only; an interrupt while idle means nothing.
                }
            }
        }

        private void handle(T job) {
            busy.incrementAndGet();
            slots.release();
            activity = new Activity<>(Optional.of(job), clock.instant());
            saturation.drained();
            try {
                handler.accept(job);
                completed.increment();
            } catch (VirtualMachineError e) {
                // The JVM is in trouble: count the job, and let this worker's thread die.
                failed.increment();
                throw e;
            } catch (Throwable e) {
                failed.increment();
                tell(() -> listener.failed(job, e));
            } finally {
                activity = new Activity<>(Optional.empty(), clock.instant());
                busy.decrementAndGet();
                // An interrupt aimed at this job must not reach the next one.
                Thread.interrupted();
            }
        }

        WorkerState state() {
            Activity<T> now = activity;
            return new WorkerState(name, now.job().map(describer), now.since());
        }
    }

    /**
     * Describes a {@link WorkerPool} before it starts.
     *
     * @param <T> the job type
     */
    public static final class Builder<T> {
        private final String name;
        private final Consumer<? super T> handler;
        private int workers = 10;
        private int queueCapacity = 100;
        private Supplier<ThreadFactory> threadFactory;
        private Function<? super T, String> describer = String::valueOf;
        private PoolListener<? super T> listener = new PoolListener<>() {};
        private InstantSource clock = InstantSource.system();

        private Builder(String name, Consumer<? super T> handler) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            this.name = name;
            this.handler = Objects.requireNonNull(handler, "handler");
            // A fresh factory per start, so every pool numbers its threads from 1.
            threadFactory = () -> Thread.ofPlatform().name(name + "-worker-", 1).factory();
        }

        /**
         * Sets the number of workers (default 10).
         *
         * @param n at least 1
         * @return this builder
         */
        public Builder<T> workers(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("workers must be at least 1, was " + n);
            }
            workers = n;
            return this;
        }

        /**
         * Sets how many jobs may wait for a worker (default 100).
         *
         * @param q at least 1
         * @return this builder
         */
        public Builder<T> queueCapacity(int q) {
            if (q < 1) {
                throw new IllegalArgumentException("queueCapacity must be at least 1, was " + q);
            }
            queueCapacity = q;
            return this;
        }

        /**
         * Sets where worker threads come from (default: platform threads named
         * {@code <name>-worker-1..N}). {@code Thread.ofVirtual().factory()} works as well.
         *
         * @param f the thread factory; it must not refuse to create a thread
         * @return this builder
         */
        public Builder<T> threadFactory(ThreadFactory f) {
            Objects.requireNonNull(f, "threadFactory");
            threadFactory = () -> f;
            return this;
        }

        /**
         * Sets how a job reads in {@link #snapshot()} and {@link CloseReport} (default
         * {@link String#valueOf(Object)}). It runs on the thread that asks for the snapshot or
         * closes the pool, possibly while a worker runs the same job, and never on the hot path.
         *
         * @param d the describer
         * @return this builder
         */
        public Builder<T> describer(Function<? super T, String> d) {
            describer = Objects.requireNonNull(d, "describer");
            return this;
        }

        /**
         * Sets who hears about saturation, recovery and failed jobs (default: nobody).
         *
         * @param l the listener
         * @return this builder
         */
        public Builder<T> listener(PoolListener<? super T> l) {
            listener = Objects.requireNonNull(l, "listener");
            return this;
        }

        /**
         * Sets the clock that dates {@link WorkerState#since()} (default: the system clock).
         *
         * @param c the clock
         * @return this builder
         */
        public Builder<T> clock(InstantSource c) {
            clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /**
         * Creates the pool and starts its workers.
         *
         * @return the running pool
         */
        public WorkerPool<T> start() {
            WorkerPool<T> pool = new WorkerPool<>(this);
            // Started only once every thread exists, so a refusing factory leaves none behind.
            pool.workers.forEach(worker -> worker.thread.start());
            return pool;
        }
    }
}
