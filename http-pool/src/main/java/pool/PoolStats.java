package pool;

/**
 * The counters of a {@link WorkerPool} at one moment.
 *
 * <p>The values are read one after the other, not atomically, so under load they may disagree by
 * the few jobs that moved meanwhile. Once the pool is quiescent they add up:
 * {@code submitted == completed + failed + queued + busy}, and after a graceful close
 * {@code submitted == completed + failed}. After a close that ran out of grace, the jobs it
 * abandoned ({@link CloseReport#abandoned()}) make up the difference.
 *
 * @param submitted offers the pool accepted; refused offers are not counted here
 * @param rejected offers the pool refused, because the queue was full or the pool was closing
 * @param completed jobs whose handler returned normally
 * @param failed jobs whose handler threw
 * @param queued jobs accepted and waiting for a worker
 * @param queueHighWater the most jobs that have waited in the queue at once
 * @param busy workers running a job
 * @param workers the number of workers the pool was started with
 */
public record PoolStats(
        long submitted,
        long rejected,
        long completed,
        long failed,
        int queued,
        int queueHighWater,
        int busy,
        int workers) {}
