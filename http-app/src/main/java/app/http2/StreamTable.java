package app.http2;

import java.util.BitSet;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import protocol.http2.Http2Exception;

/**
 * The request streams of one connection, and the rules for the identifiers the client uses
 * (RFC 9113 §5.1, §5.1.1). The reader adds streams and judges identifiers; a stream's own thread
 * removes it once answered. A stream counts against the concurrency limit until its last frame
 * is queued (END_STREAM or RST_STREAM), not until its thread is done with it: a client that has
 * read a response's end may open the next stream at once, before that thread has run again.
 */
final class StreamTable {

    private final Map<Integer, Http2Stream> open = new ConcurrentHashMap<>();
    /** The client-initiated streams opened, by identifier / 2: a lower new one is unexpected (§5.1.1). Reader only. */
    private final BitSet opened = new BitSet();
    private volatile int highest;
    /** The streams that count against SETTINGS_MAX_CONCURRENT_STREAMS. */
    private final AtomicInteger active = new AtomicInteger();

    /** The stream with this identifier, while it is open here. */
    Optional<Http2Stream> find(int id) {
        return Optional.ofNullable(open.get(id));
    }

    /**
     * Judges the identifier of a HEADERS frame for a stream not open here: odd, and above every
     * one used before (§5.1.1); one the client opened and that has closed since is a frame on a
     * closed stream (§5.1).
     */
    void checkNew(int id) throws Http2Exception {
        if (id % 2 == 0 || id <= highest && !opened.get(id >>> 1)) {
            throw Http2Exception.connection(Http2Exception.Reason.INVALID_STREAM_ID);
        }
        if (id <= highest) {
            throw Http2Exception.connection(Http2Exception.Reason.STREAM_CLOSED);
        }
    }

    /** A frame other than HEADERS or PRIORITY on a stream still idle is a connection error (§5.1). */
    void checkNotIdle(int id) throws Http2Exception {
        if (id > highest) {
            throw Http2Exception.connection(Http2Exception.Reason.FRAME_ON_IDLE_STREAM);
        }
    }

    /** The client opened stream {@code id}, whether or not it is then taken. */
    void opened(int id) {
        seen(id);
        opened.set(id >>> 1);
    }

    /** Stream {@code id} is no longer idle, though it never opened (its field section was refused). */
    void seen(int id) {
        highest = Math.max(highest, id);
    }

    /** The highest stream identifier the client used: the last stream this connection took (§6.8). */
    int highest() {
        return highest;
    }

    void add(Http2Stream stream) {
        open.put(stream.id, stream);
        active.incrementAndGet();
    }

    /** Stream {@code id}'s last frame is queued: it no longer counts against the concurrency limit. */
    void ending(int id) {
        Http2Stream stream = open.get(id);
        if (stream != null) {
            release(stream);
        }
    }

    void remove(int id) {
        Http2Stream stream = open.remove(id);
        if (stream != null) {
            release(stream);
        }
    }

    private void release(Http2Stream stream) {
        if (stream.releaseSlot()) {
            active.decrementAndGet();
        }
    }

    /** The streams that count against the concurrency limit: open, and their last frame not yet queued. */
    int active() {
        return active.get();
    }

    boolean isEmpty() {
        return open.isEmpty();
    }

    int size() {
        return open.size();
    }

    /** The open streams, as they are while iterated. */
    Collection<Http2Stream> all() {
        return open.values();
    }

    /** Whether some open stream's request is still arriving. */
    boolean receiving() {
        for (Http2Stream stream : open.values()) {
            if (!stream.remoteClosed) {
                return true;
            }
        }
        return false;
    }
}
