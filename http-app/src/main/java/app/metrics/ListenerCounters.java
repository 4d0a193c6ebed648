package app.metrics;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/** What one listener counts: connections accepted and refused, and on a TLS listener its handshakes. */
public final class ListenerCounters {

    private final String listener;
    private final boolean secure;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder[] refused = new LongAdder[Refusal.values().length];
    private final LongAdder handshakes = new LongAdder();

    ListenerCounters(String listener, boolean secure) {
        this.listener = listener;
        this.secure = secure;
        Arrays.setAll(refused, i -> new LongAdder());
    }

    /** The {@code listener} label: {@code http} or {@code https}. */
    public String listener() {
        return listener;
    }

    /** Whether the listener speaks TLS. */
    public boolean secure() {
        return secure;
    }

    /** A connection was accepted. */
    public void accepted() {
        accepted.increment();
    }

    /** An accepted connection was closed before any request, for {@code reason}. */
    public void refused(Refusal reason) {
        refused[reason.ordinal()].increment();
    }

    /** A TLS handshake ended: completed, or failed or ran out of time (a refusal). */
    public void handshake(boolean completed) {
        if (completed) {
            handshakes.increment();
        } else {
            refused(Refusal.TLS_HANDSHAKE_FAILED);
        }
    }

    public long acceptedCount() {
        return accepted.sum();
    }

    public long refusedCount(Refusal reason) {
        return refused[reason.ordinal()].sum();
    }

    /** TLS handshakes that completed. */
    public long handshakeCount() {
        return handshakes.sum();
    }
}
