package app.http2;

import java.nio.ByteBuffer;
import java.util.List;
import protocol.hpack.HeaderField;

/**
 * The rest of a response body held in memory (a cached file, an error page), waiting in the
 * connection's send state for the peer's windows: no thread waits for it. The writer sends its
 * bytes as the windows allow; one that makes no progress for the write timeout is reset. It holds
 * the shared bytes and two offsets, so that it costs a few dozen bytes whatever the body's size.
 * Its owner gives the response's header fields, built when the writer encodes them (so that a
 * response waiting to be written holds no field list), and says what becomes of the stream once
 * the body is over.
 */
abstract class ParkedBody {

    final Http2Stream stream;
    /** The body's bytes, shared with other responses: read at absolute offsets, never moved. */
    private final ByteBuffer bytes;
    private final int start;
    /** Guarded by {@link SendWindows}: the next byte to send. */
    private int position;
    /** Guarded by {@link SendWindows}: when, on the watchdog's clock, the body has stalled. */
    long stalledAt;

    /** @param bytes the body, its remaining bytes; nobody moves it, so it may be shared */
    ParkedBody(Http2Stream stream, ByteBuffer bytes) {
        this.stream = stream;
        this.bytes = bytes;
        this.start = bytes.position();
        this.position = start;
    }

    int remaining() {
        return bytes.limit() - position;
    }

    /** The next {@code count} bytes, for a DATA frame. */
    byte[] take(int count) {
        byte[] chunk = new byte[count];
        bytes.get(position, chunk);
        position += count;
        return chunk;
    }

    /** Whether every byte was sent. */
    boolean delivered() {
        return position == bytes.limit();
    }

    long sent() {
        return position - start;
    }

    /** The response's header fields; called once, by the writer, when it encodes them. */
    abstract List<HeaderField> fields();

    /**
     * The peer kept the windows closed for the whole write timeout; the body has left the send
     * state, and is then {@link #end ended}. Called on the watchdog's thread.
     */
    abstract void stalled();

    /**
     * The body is over, whatever became of it: sent whole, reset, stalled, or dropped with its
     * connection. Called once, by whoever took it out of the send state, never under its lock.
     */
    abstract void end();
}
