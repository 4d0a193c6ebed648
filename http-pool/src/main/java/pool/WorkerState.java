package pool;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one worker of a {@link WorkerPool} is doing.
 *
 * @param worker the worker's name, as its thread is named (or {@code <pool>-worker-<i>} when the
 *     thread has no name)
 * @param job the running job as the pool's describer renders it; empty while the worker is idle
 * @param since when the worker became busy with this job, or idle, by the pool's clock
 */
public record WorkerState(String worker, Optional<String> job, Instant since) {

    /** Checks that no component is null. */
    public WorkerState {
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(since, "since");
    }

    /**
     * Tells whether the worker is running a job.
     *
     * @return true when {@link #job()} is present
     */
    public boolean busy() {
        return job.isPresent();
    }
}
