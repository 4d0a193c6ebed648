package pool;

import java.util.List;

/**
 * How {@link WorkerPool#close(java.time.Duration)} went.
 *
 * @param graceful true when every queued and running job finished within the grace period
 * @param interrupted the jobs still running when the grace period ran out, as the pool's describer
 *     renders them; their workers were interrupted
 * @param abandoned the jobs still queued when the grace period ran out; they never started
 */
public record CloseReport(boolean graceful, List<String> interrupted, int abandoned) {

    /** Copies the list and checks that the count is not negative. */
    public CloseReport {
        interrupted = List.copyOf(interrupted);
        if (abandoned < 0) {
            throw new IllegalArgumentException("abandoned must not be negative, was " + abandoned);
        }
    }
}
