package pool;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;

/** A job that signals when a worker starts it, then holds the worker until it is released. */
final class Gate {
    private final String name;
    private final boolean stubborn;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch interrupted = new CountDownLatch(1);

    private Gate(String name, boolean stubborn) {
        this.name = name;
        this.stubborn = stubborn;
    }

    /** A gate that gives up its worker when interrupted. */
    static Gate named(String name) {
        return new Gate(name, false);
    }

    /** A gate that notes an interrupt but holds its worker until released. */
    static Gate stubborn(String name) {
        return new Gate(name, true);
    }

    /** The pool handler: runs on a worker. */
    void pass() {
        started.countDown();
        while (true) {
            try {
                released.await();
                return;
            } catch (InterruptedException e) {
                interrupted.countDown();
                if (!stubborn) {
                    return;
                }
            }
        }
    }

    void release() {
        released.countDown();
    }

    void awaitStarted() throws InterruptedException {
        assertTrue(started.await(10, SECONDS), name + " did not start");
    }

    void awaitInterrupted() throws InterruptedException {
        assertTrue(interrupted.await(10, SECONDS), name + " was not interrupted");
    }

    boolean hasStarted() {
        return started.getCount() == 0;
    }

    @Override
    public String toString() {
        return name;
    }
}
