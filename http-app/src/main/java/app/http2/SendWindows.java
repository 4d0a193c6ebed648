package app.http2;

import app.transport.Watchdog;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import protocol.http2.FlowWindow;
import protocol.http2.Frame;
import protocol.http2.Http2Exception;
import protocol.http2.Octets;

/**
 * The windows the peer grants for what the server sends (RFC 9113 §5.2, §6.9): the connection's
 * and each stream's, and the connection's send state. A body held in memory waits here as a
 * {@link ParkedBody}, without a thread, and the writer takes its frames as the windows open; a
 * stream that reads its body from a file waits here, on its own thread, until both windows have
 * room. Either way a stream whose window is closed holds back itself only, never another stream
 * or the connection. A parked body that makes no progress for the stall timeout leaves the send
 * state: one watchdog deadline per connection, at the earliest such moment, finds them.
 */
final class SendWindows {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private FlowWindow connection = FlowWindow.connection();
    private int initialStreamWindow = FlowWindow.INITIAL;
    /** DATA frames granted on the connection and not yet followed by a WINDOW_UPDATE for it. */
    private int unacknowledged;
    private boolean closed;
    /** The in-memory bodies waiting to be sent, served in turn. */
    private final ArrayDeque<ParkedBody> parked = new ArrayDeque<>();
    /** Told, outside the lock, when a parked body may be able to send: the writer's wake-up. */
    private Runnable sendable = () -> {};
    private final Watchdog watchdog;
    private final long stallNanos;
    /** The deadline armed for the earliest stall, if any parked body may stall. */
    private Watchdog.Deadline stall;

    /** Windows whose parked bodies stall after {@code stallTimeout} without progress, found by {@code watchdog}. */
    SendWindows(Watchdog watchdog, Duration stallTimeout) {
        this.watchdog = watchdog;
        this.stallNanos = stallTimeout.toNanos();
    }

    /** Who is told when a parked body may be able to send; set once, before the first stream. */
    void onSendable(Runnable listener) {
        this.sendable = listener;
    }

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
            unlockAndTell();
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
            unlockAndTell();
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
            unlockAndTell();
        }
    }

    /** Wakes the streams waiting, to notice a reset. */
    void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            unlockAndTell();
        }
    }

    /**
     * Takes {@code body} into the send state, once its HEADERS are on their way (so that no DATA
     * can overtake them); its clock starts.
     *
     * @return false when the connection is over: the body is not taken
     */
    boolean park(ParkedBody body) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            parked.add(body);
            body.stalledAt = watchdog.now() + stallNanos;
            if (stall == null) {
                armStall(body.stalledAt);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * DATA frames of the parked bodies as the windows allow, the bodies in turn, up to
     * {@code budget} bytes and {@code maxFrame} each. A body sent whole, or whose stream was
     * reset, leaves the send state and is added to {@code ended}.
     */
    List<Frame.Data> takeParked(int budget, int maxFrame, List<ParkedBody> ended) {
        lock.lock();
        try {
            parked.removeIf(body -> body.stream.reset && ended.add(body));
            var frames = new ArrayList<Frame.Data>();
            int idle = 0;
            while (budget > 0 && connection.available() > 0 && idle < parked.size()) {
                ParkedBody body = parked.poll();
                int window = Math.min(connection.available(), body.stream.sendWindow.available());
                if (window <= 0) {
                    parked.add(body);
                    idle++;
                    continue;
                }
                idle = 0;
                int granted = Math.min(Math.min(window, budget), Math.min(maxFrame, body.remaining()));
                connection = connection.consume(granted);
                body.stream.sendWindow = body.stream.sendWindow.consume(granted);
                unacknowledged++;
                body.stream.unacknowledged++;
                budget -= granted;
                byte[] chunk = body.take(granted);
                // Progress: the body stalls later. The deadline armed stays, and finds it not due.
                body.stalledAt = watchdog.now() + stallNanos;
                frames.add(new Frame.Data(body.stream.id, Octets.of(chunk), body.delivered()));
                if (body.delivered()) {
                    ended.add(body);
                } else {
                    parked.add(body);
                }
            }
            return frames;
        } catch (Http2Exception e) {
            // Only what is available is consumed, which never breaks a window's rules.
            throw new IllegalStateException(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The HEADERS before {@code body} are written: its stall timeout counts from now. (The
     * deadline armed at its parking, earlier, finds it not yet due.)
     */
    void headSent(ParkedBody body) {
        lock.lock();
        try {
            body.stalledAt = watchdog.now() + stallNanos;
        } finally {
            lock.unlock();
        }
    }

    /** Arms a new stall deadline for {@code nanoTime}; under the lock. */
    private void armStall(long nanoTime) {
        stall = watchdog.deadline(this::stallsDue);
        stall.armUntil(nanoTime);
        watchdog.watch(stall);
    }

    /**
     * On the watchdog's thread, when the stall deadline fires: the bodies that made no progress
     * for the stall timeout leave the send state and are told; the next deadline is armed for the
     * earliest of the others.
     */
    private void stallsDue() {
        var stalled = new ArrayList<ParkedBody>();
        Watchdog.Deadline fired;
        lock.lock();
        try {
            fired = stall;
            stall = null;
            long now = watchdog.now();
            parked.removeIf(body -> body.stalledAt - now <= 0 && stalled.add(body));
            if (!closed && !parked.isEmpty()) {
                long earliest = parked.peek().stalledAt;
                for (ParkedBody body : parked) {
                    if (body.stalledAt - earliest < 0) {
                        earliest = body.stalledAt;
                    }
                }
                armStall(earliest);
            }
        } finally {
            lock.unlock();
        }
        if (fired != null) {
            watchdog.release(fired);
        }
        stalled.forEach(ParkedBody::stalled);
    }

    /**
     * The connection is over: every stream waiting gives up.
     *
     * @return the bodies that were parked, now out of the send state
     */
    List<ParkedBody> close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
            var left = new ArrayList<>(parked);
            parked.clear();
            if (stall != null) {
                stall.disarm();
                watchdog.release(stall);
                stall = null;
            }
            return left;
        } finally {
            lock.unlock();
        }
    }

    /** Unlocks; then, if a parked body waits, tells the writer that it may be able to send. */
    private void unlockAndTell() {
        boolean waiting = !parked.isEmpty();
        lock.unlock();
        if (waiting) {
            sendable.run();
        }
    }
}
