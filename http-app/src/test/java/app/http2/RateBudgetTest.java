package app.http2;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The token bucket behind the flood defences, on a clock the test sets. */
class RateBudgetTest {

    private static final long MS = 1_000_000;

    @Test
    void aBurstIsAllowedAndOneMoreIsNot() {
        var budget = new RateBudget(100, 200, 0);
        for (int i = 0; i < 200; i++) {
            assertTrue(budget.take(0), "event " + i);
        }
        assertFalse(budget.take(0));
    }

    @Test
    void theBucketRefillsAtItsRateAndNoFurtherThanItsBurst() {
        var budget = new RateBudget(100, 10, 0);
        for (int i = 0; i < 10; i++) {
            budget.take(0);
        }
        assertFalse(budget.take(0));
        // 100 per second: one token each 10 ms.
        assertTrue(budget.take(10 * MS));
        assertFalse(budget.take(10 * MS));
        // An hour idle refills to the burst, not beyond.
        long later = 3_600_000 * MS;
        for (int i = 0; i < 10; i++) {
            assertTrue(budget.take(later));
        }
        assertFalse(budget.take(later));
    }

    @Test
    void aSustainedRateAtTheBudgetIsAlwaysAllowed() {
        var budget = new RateBudget(200, 2, 0);
        for (long t = 0; t < 10_000; t++) {
            assertTrue(budget.take(t * 5 * MS), "at " + t);
        }
    }

    @Test
    void aBudgetNeedsARateAndABurst() {
        assertThrows(IllegalArgumentException.class, () -> new RateBudget(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new RateBudget(1, 0, 0));
    }
}
