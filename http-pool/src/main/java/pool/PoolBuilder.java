package pool;

import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Describes a {@link WorkerPool} before it starts; {@link WorkerPool#builder} makes one.
 *
 * @param <T> the job type
 */
public final class PoolBuilder<T> {
    // Package-private: the pool reads them as it starts.
    final String name;
    final Consumer<? super T> handler;
    int workers = 10;
    int queueCapacity = 100;
    Supplier<ThreadFactory> threadFactory;
    Function<? super T, String> describer = String::valueOf;
    PoolListener<? super T> listener = new PoolListener<>() {};
    InstantSource clock = InstantSource.system();

    PoolBuilder(String name, Consumer<? super T> handler) {
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
    public PoolBuilder<T> workers(int n) {
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
    public PoolBuilder<T> queueCapacity(int q) {
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
    public PoolBuilder<T> threadFactory(ThreadFactory f) {
        Objects.requireNonNull(f, "threadFactory");
        threadFactory = () -> f;
        return this;
    }

    /**
     * Sets how a job reads in {@link WorkerPool#snapshot()} and {@link CloseReport} (default
     * {@link String#valueOf(Object)}). It runs on the thread that asks for the snapshot or closes
     * the pool, possibly while a worker runs the same job, and never on the hot path.
     *
     * @param d the describer
     * @return this builder
     */
    public PoolBuilder<T> describer(Function<? super T, String> d) {
        describer = Objects.requireNonNull(d, "describer");
        return this;
    }

    /**
     * Sets who hears about saturation, recovery and failed jobs (default: nobody).
     *
     * @param l the listener
     * @return this builder
     */
    public PoolBuilder<T> listener(PoolListener<? super T> l) {
        listener = Objects.requireNonNull(l, "listener");
        return this;
    }

    /**
     * Sets the clock that dates {@link WorkerState#since()} (default: the system clock).
     *
     * @param c the clock
     * @return this builder
     */
    public PoolBuilder<T> clock(InstantSource c) {
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
        pool.startWorkers();
        return pool;
    }
}
