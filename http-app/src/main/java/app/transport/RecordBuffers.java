package app.transport;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The buffers TLS connections gather their writes in, lent for one write at a time. A connection
 * holds one only while it writes, so an idle connection, or one whose peer keeps every window
 * shut, costs no record buffer of its own. At most {@link #KEPT} wait here to be lent again;
 * beyond that a returned buffer is left to the collector, so the pool never holds more than
 * {@code KEPT × SIZE} bytes however many connections wrote at once.
 */
final class RecordBuffers {

    /** The largest TLS record's plaintext (RFC 8446 §5.1): a small response is one record. */
    static final int SIZE = 16 * 1024;
    /** Buffers kept for lending: 1 MiB. */
    static final int KEPT = 64;

    private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();

    /** A buffer of {@link #SIZE} bytes, to hand back with {@link #giveBack} when the write is done. */
    byte[] borrow() {
        byte[] buffer = free.poll();
        if (buffer == null) {
            return new byte[SIZE];
        }
        count.decrementAndGet();
        return buffer;
    }

    /** Takes back a buffer {@link #borrow} lent; the caller must not use it afterwards. */
    void giveBack(byte[] buffer) {
        if (buffer.length != SIZE) {
            throw new IllegalArgumentException("not a record buffer: " + buffer.length + " bytes");
        }
        if (count.incrementAndGet() <= KEPT) {
            free.offer(buffer);
        } else {
            count.decrementAndGet();
        }
    }

    /** Buffers waiting to be lent. */
    int kept() {
        return count.get();
    }
}
