package app.http2;

import java.util.function.LongSupplier;
import protocol.http2.Http2Exception;
import protocol.http2.Http2Limits;

/**
 * What one connection's peer may make the server do without asking for anything (RFC 9113
 * §10.5): streams reset before their answer, frames that cost work and carry no request, and
 * answers left unread. Past any budget of its {@link Http2Limits} the connection ends with
 * {@code GOAWAY ENHANCE_YOUR_CALM}. Owned by the connection's reader.
 */
final class FloodGuard {

    private final LongSupplier clock;
    private final RateBudget resets;
    private final RateBudget control;
    private final int maxQueuedControl;

    /** Full budgets at the {@code clock}'s present (nanoseconds, the watchdog's clock). */
    FloodGuard(Http2Limits limits, LongSupplier clock) {
        this.clock = clock;
        long now = clock.getAsLong();
        this.resets = new RateBudget(limits.resetsPerSecond(), limits.resetBurst(), now);
        this.control = new RateBudget(limits.controlPerSecond(), limits.controlBurst(), now);
        this.maxQueuedControl = limits.maxQueuedControl();
    }

    /** A stream reset before its answer: by the client (Rapid Reset, CVE-2023-44487) or for its mistake. */
    void reset() throws Http2Exception {
        spend(resets);
    }

    /** A frame that costs work and carries no request: SETTINGS, PING, PRIORITY, an empty one, and so on. */
    void control() throws Http2Exception {
        spend(control);
    }

    /**
     * Whether one more answer may be queued when {@code queued} wait to be written; a peer that
     * asks for answers and does not read them would otherwise grow the queue without bound.
     */
    void answer(int queued) throws Http2Exception {
        if (queued >= maxQueuedControl) {
            throw Http2Exception.connection(Http2Exception.Reason.FLOOD);
        }
    }

    private void spend(RateBudget budget) throws Http2Exception {
        if (!budget.take(clock.getAsLong())) {
            throw Http2Exception.connection(Http2Exception.Reason.FLOOD);
        }
    }
}
