package app.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import protocol.http2.ErrorCode;
import protocol.http2.Http2Exception;
import protocol.http2.Http2Limits;

/** Each flood budget of the limits, at its bound and one past it, on a clock the test holds still. */
class FloodGuardTest {

    private final AtomicLong clock = new AtomicLong(42);

    @Test
    void theResetBurstIsAllowedAndOneMoreIsEnhanceYourCalm() throws Http2Exception {
        var guard = new FloodGuard(Http2Limits.DEFAULTS.withResetBudget(10, 7), clock::get);
        for (int i = 0; i < 7; i++) {
            guard.reset();
        }
        assertFlood(assertThrows(Http2Exception.class, guard::reset));
    }

    @Test
    void theControlBurstIsAllowedAndOneMoreIsEnhanceYourCalm() throws Http2Exception {
        var guard = new FloodGuard(Http2Limits.DEFAULTS.withControlBudget(10, 9), clock::get);
        for (int i = 0; i < 9; i++) {
            guard.control();
        }
        assertFlood(assertThrows(Http2Exception.class, guard::control));
    }

    @Test
    void theBudgetsAreSeparateAndRefillAtTheirRate() throws Http2Exception {
        var guard = new FloodGuard(Http2Limits.DEFAULTS.withResetBudget(10, 1).withControlBudget(1000, 2), clock::get);
        guard.reset();
        guard.control();
        guard.control();
        assertThrows(Http2Exception.class, guard::reset);
        assertThrows(Http2Exception.class, guard::control);
        // A tenth of a second: one reset, and a hundred control frames but no more than the burst.
        clock.addAndGet(100_000_000);
        guard.reset();
        guard.control();
        guard.control();
        assertThrows(Http2Exception.class, guard::control);
    }

    @Test
    void atMostTheBoundOfAnswersWaitsToBeWritten() throws Http2Exception {
        var guard = new FloodGuard(Http2Limits.DEFAULTS.withMaxQueuedControl(5), clock::get);
        for (int queued = 0; queued < 5; queued++) {
            guard.answer(queued);
        }
        // Five are waiting: a sixth is not queued.
        assertFlood(assertThrows(Http2Exception.class, () -> guard.answer(5)));
    }

    private static void assertFlood(Http2Exception e) {
        assertEquals(Http2Exception.Reason.FLOOD, e.reason());
        assertEquals(ErrorCode.ENHANCE_YOUR_CALM, e.code());
        assertEquals(Http2Exception.Scope.CONNECTION, e.scope());
    }
}
