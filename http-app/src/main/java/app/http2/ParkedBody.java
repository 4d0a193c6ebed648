package app.http2;

import app.transport.Watchdog;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * The rest of a response body held in memory (a cached file, an error page), waiting in the
 * connection's send state for the peer's windows: no thread waits for it. The writer sends its
 * bytes as the windows allow; a body that makes no progress for the write timeout is reset by the
 * watchdog. Costs a view of the shared bytes and a deadline, whatever the size of the body.
 */
final class ParkedBody {

    final Http2Stream stream;
    /** What is left to send; guarded by {@link SendWindows}. */
    private final ByteBuffer rest;
    private final long timeoutNanos;
    private final Watchdog watchdog;
    private final Watchdog.Deadline deadline;
    private final Consumer<ParkedBody> ended;
    /** Bytes sent so far; guarded by {@link SendWindows}, read once ended. */
    private long sent;

    /**
     * @param rest the bytes to send, a view nobody else moves
     * @param stalled told, on the watchdog's thread, when the body made no progress for {@code timeoutNanos}
     * @param ended told once the body is over: sent whole, reset, or dropped with its connection
     */
    ParkedBody(Http2Stream stream, ByteBuffer rest, Watchdog watchdog, long timeoutNanos,
            Consumer<ParkedBody> stalled, Consumer<ParkedBody> ended) {
        this.stream = stream;
        this.rest = rest;
        this.watchdog = watchdog;
        this.timeoutNanos = timeoutNanos;
        this.deadline = watchdog.deadline(() -> stalled.accept(this));
        this.ended = ended;
    }

    /** The body has joined the send state: its clock runs from now. */
    void parked() {
        watchdog.watch(deadline);
        deadline.arm(timeoutNanos);
    }

    int remaining() {
        return rest.remaining();
    }

    /** The next {@code count} bytes, as a DATA frame; the body's clock starts again. */
    byte[] take(int count) {
        byte[] chunk = new byte[count];
        rest.get(chunk);
        sent += count;
        deadline.arm(timeoutNanos);
        return chunk;
    }

    /** Whether every byte was sent. */
    boolean delivered() {
        return !rest.hasRemaining();
    }

    long sent() {
        return sent;
    }

    /** The body is over, whatever became of it; called once, by whoever took it out of the send state. */
    void end() {
        deadline.disarm();
        watchdog.release(deadline);
        ended.accept(this);
    }
}
