package pool;

/**
 * Hears what a {@link WorkerPool} has to tell its owner: that it saturated, that it recovered,
 * and which jobs failed.
 *
 * <p>Each method runs on the thread where the event happened (an offering thread or a worker), so
 * it should return quickly. {@code saturated} and {@code recovered} are called once per transition
 * and strictly alternate, starting with {@code saturated}. A {@link RuntimeException} thrown by a
 * method goes to the calling thread's uncaught-exception handler; the pool carries on.
 *
 * @param <T> the job type
 */
public interface PoolListener<T> {

    /**
     * The pool refused an offer because its queue was full, after having had room.
     *
     * @param stats the counters just after the refusal
     */
    default void saturated(PoolStats stats) {}

    /**
     * The queue of a saturated pool has drained to half its capacity or less.
     *
     * @param stats the counters just after the queue drained
     */
    default void recovered(PoolStats stats) {}

    /**
     * The handler threw while running a job; the worker goes on with the next one.
     *
     * @param job the job
     * @param failure what the handler threw
     */
    default void failed(T job, Throwable failure) {}
}
