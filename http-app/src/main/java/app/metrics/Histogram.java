package app.metrics;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * A distribution of durations over fixed upper bounds, counted without locks: one adder per
 * bucket (not cumulative; {@link #cumulativeCounts()} adds them up) and one for the sum.
 */
public final class Histogram {

    private final long[] boundsNanos;
    /** One per bound, then one for everything above the last ({@code +Inf}). */
    private final LongAdder[] buckets;
    private final LongAdder sumNanos = new LongAdder();

    /** A histogram over {@code boundsSeconds}, which must rise strictly. */
    public Histogram(double... boundsSeconds) {
        if (boundsSeconds.length == 0) {
            throw new IllegalArgumentException("a histogram needs at least one bucket bound");
        }
        boundsNanos = new long[boundsSeconds.length];
        for (int i = 0; i < boundsSeconds.length; i++) {
            boundsNanos[i] = Math.round(boundsSeconds[i] * 1e9);
            if (i > 0 && boundsNanos[i] <= boundsNanos[i - 1]) {
                throw new IllegalArgumentException("bucket bounds must rise: " + Arrays.toString(boundsSeconds));
            }
        }
        buckets = new LongAdder[boundsSeconds.length + 1];
        Arrays.setAll(buckets, i -> new LongAdder());
    }

    /** Counts one observation of {@code nanos} (negative values count as zero). */
    public void observe(long nanos) {
        long value = Math.max(0, nanos);
        int i = 0;
        while (i < boundsNanos.length && value > boundsNanos[i]) {
            i++;
        }
        buckets[i].increment();
        sumNanos.add(value);
    }

    /** The upper bounds in seconds, without {@code +Inf}. */
    public double[] boundsSeconds() {
        double[] seconds = new double[boundsNanos.length];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = boundsNanos[i] / 1e9;
        }
        return seconds;
    }

    /**
     * Observations at or below each bound, then the total ({@code +Inf}): one more entry than
     * {@link #boundsSeconds()}. Read bucket by bucket, so always non-decreasing.
     */
    public long[] cumulativeCounts() {
        long[] counts = new long[buckets.length];
        long running = 0;
        for (int i = 0; i < buckets.length; i++) {
            running += buckets[i].sum();
            counts[i] = running;
        }
        return counts;
    }

    /** The sum of every observation, in seconds. */
    public double sumSeconds() {
        return sumNanos.sum() / 1e9;
    }
}
