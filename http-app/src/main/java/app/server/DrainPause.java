package app.server;

import java.time.Duration;

/**
 * Waits out the drain delay of a graceful stop, while the server still serves and {@code /health}
 * already answers 503. The server sleeps; a test passes a pause it ends when it has seen enough.
 */
@FunctionalInterface
public interface DrainPause {

    /** Sleeps for the delay. */
    DrainPause SLEEP = Thread::sleep;

    /**
     * Returns once {@code delay} has passed, or earlier if the pause decides so.
     *
     * @throws InterruptedException if the waiting thread is interrupted; the stop then goes on at once
     */
    void await(Duration delay) throws InterruptedException;
}
