package pool;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/**
 * Decides when a pool is saturated and when it has recovered, and reports each transition once.
 *
 * <p>Saturated: an offer was refused because the queue was full. Recovered: the queue has since
 * drained to the low-water mark. The gap between the two keeps a pool that runs at its limit, where
 * every finished job frees a place that the next offer takes, from reporting on every job.
 */
final class Saturation {
    private final int lowWater;
    private final IntSupplier queued;
    private final Runnable onSaturated;
    private final Runnable onRecovered;
    // Held while a transition is made and reported, so that reports never overtake each other.
    private final ReentrantLock transitions = new ReentrantLock();
    private volatile boolean saturated;

    /**
     * @param lowWater the queue depth at or below which a saturated pool has recovered
     * @param queued reads the current queue depth
     * @param onSaturated reports the transition to saturated
     * @param onRecovered reports the transition to recovered
     */
    Saturation(int lowWater, IntSupplier queued, Runnable onSaturated, Runnable onRecovered) {
        this.lowWater = lowWater;
        this.queued = queued;
        this.onSaturated = onSaturated;
        this.onRecovered = onRecovered;
    }

    /** An offer was refused because the queue was full. */
    void refused() {
        if (saturated) {
            return;
        }
        transitions.lock();
        try {
            if (saturated) {
                return;
            }
            saturated = true;
            onSaturated.run();
        } finally {
            transitions.unlock();
        }
        // Workers that drained the queue before the flag was up did not look for a recovery.
        drained();
    }

    /** A worker took a job from the queue. */
    void drained() {
        if (!saturated || queued.getAsInt() > lowWater) {
            return;
        }
        transitions.lock();
        try {
            if (!saturated || queued.getAsInt() > lowWater) {
                return;
            }
            saturated = false;
            onRecovered.run();
        } finally {
            transitions.unlock();
        }
    }
}
