package app.http2;

import java.util.Collection;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import protocol.http2.FlowWindow;
import protocol.http2.Http2Exception;

/**
 * The windows the peer grants for what the server sends (RFC 9113 §5.2, §6.9): the connection's
 * and each stream's. A stream that wants to send waits here until both have room, so a stream
 * whose window is closed blocks itself only, never another stream or the connection.
 */
final class SendWindows {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private FlowWindow connection = FlowWindow.connection();
    private int initialStreamWindow = FlowWindow.INITIAL;
    /** DATA frames granted on the connection and not yet followed by a WINDOW_UPDATE for it. */
    private int unacknowledged;
    private boolean closed;

    /** Gives a new stream the window of the SETTINGS_INITIAL_WINDOW_SIZE in force. */
    void open(Http2Stream stream) {
        lock.lock();
        try {
            stream.sendWindow = FlowWindow.stream(stream.id, initialStreamWindow);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes up to {@code wanted} bytes of both windows for {@code stream}, waiting at most
     * {@code timeoutNanos} for either to open.
     *
     * @return the bytes granted; 0 when the windows stayed closed for the whole time; -1 when the
     *         stream was reset or the connection closed meanwhile
     */
    int acquire(Http2Stream stream, int wanted, long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long remaining = timeoutNanos;
            while (!closed && !stream.reset && (connection.available() == 0 || stream.sendWindow.available() == 0)) {
                if (remaining <= 0) {
                    return 0;
                }
                remaining = changed.awaitNanos(remaining);
            }
            if (closed || stream.reset) {
                return -1;
            }
            int granted = Math.min(wanted, Math.min(connection.available(), stream.sendWindow.available()));
            connection = connection.consume(granted);
            stream.sendWindow = stream.sendWindow.consume(granted);
            unacknowledged++;
            stream.unacknowledged++;
            return granted;
        } catch (Http2Exception e) {
            // Only what is available is consumed, which never breaks a window's rules.
            throw new IllegalStateException(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A WINDOW_UPDATE for the connection.
     *
     * @return whether it follows a DATA frame the server sent since the previous one did: the
     *         update flow control asks for, which costs the peer nothing
     */
    boolean growConnection(int increment) throws Http2Exception {
        lock.lock();
        try {
            connection = connection.grow(increment);
            changed.signalAll();
            boolean earned = unacknowledged > 0;
            if (earned) {
                unacknowledged--;
            }
            return earned;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A WINDOW_UPDATE for {@code stream}: past 2^31-1 is a stream error (§6.9.1).
     *
     * @return whether it follows a DATA frame sent on the stream since the previous one did
     */
    boolean growStream(Http2Stream stream, int increment) throws Http2Exception {
        lock.lock();
        try {
            stream.sendWindow = stream.sendWindow.grow(increment);
            changed.signalAll();
            boolean earned = stream.unacknowledged > 0;
            if (earned) {
                stream.unacknowledged--;
            }
            return earned;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A new SETTINGS_INITIAL_WINDOW_SIZE: every open stream's window moves by the difference, and
     * may go negative (§6.9.2); past 2^31-1 is a connection error.
     */
    void initialStreamWindow(int size, Collection<Http2Stream> open) throws Http2Exception {
        lock.lock();
        try {
            for (Http2Stream stream : open) {
                if (stream.sendWindow != null) {
                    stream.sendWindow = stream.sendWindow.resize(initialStreamWindow, size);
                }
            }
            initialStreamWindow = size;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the streams waiting, to notice a reset. */
    void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The connection is over: every stream waiting gives up. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
