package app.http2;

/**
 * How many events of one kind a connection may cause: a bucket of {@code burst} tokens that
 * refills at {@code perSecond}. A client within the budget never notices it; one that keeps
 * sending past it (resets, pings, settings, empty frames) is told to calm down and cut off.
 * Not thread-safe: each connection's reader owns its budgets.
 */
final class RateBudget {

    private static final long SECOND = 1_000_000_000L;

    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;

    /** A full bucket of {@code burst} tokens at {@code now} (nanoseconds, any origin). */
    RateBudget(int perSecond, int burst, long now) {
        if (perSecond <= 0 || burst <= 0) {
            throw new IllegalArgumentException("a budget needs a positive rate and burst");
        }
        this.perNano = (double) perSecond / SECOND;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    /** Takes one token at {@code now}; false when the bucket is empty: the budget is spent. */
    boolean take(long now) {
        long elapsed = now - last;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * perNano);
            last = now;
        }
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
