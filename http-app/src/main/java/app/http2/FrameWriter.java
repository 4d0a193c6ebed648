package app.http2;

import app.transport.Transport;
import app.transport.Watchdog;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.function.IntConsumer;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import protocol.hpack.HeaderField;
import protocol.hpack.HpackEncoder;
import protocol.http2.Frame;
import protocol.http2.FrameEncoder;
import protocol.http2.Octets;

/**
 * The one writer of an HTTP/2 connection, on a virtual thread of its own: frames from the reader
 * (acknowledgements, window updates, resets, GOAWAY) and from the streams (response headers and
 * data) are queued and written in order, as many as are waiting in one write. Response headers
 * are HPACK-encoded here, at the moment they are written, because the encoder's table must see
 * header blocks in the order the peer decodes them (RFC 9113 §4.3).
 *
 * <p>Nothing waits on the peer while holding the queue: the reader never blocks here (control
 * frames have a bound of their own, which the reader checks), and a stream that sends from a file
 * blocks only while the data already queued exceeds {@link #MAX_QUEUED_DATA}. A body held in
 * memory is not queued at all: it follows its HEADERS into the send state ({@link SendWindows}),
 * and each batch takes what its windows allow. The writer keeps no buffer while it waits.
 */
final class FrameWriter {

    private static final Logger log = LoggerFactory.getLogger(FrameWriter.class);
    /** Response data queued and not yet written, across the streams of a connection. */
    static final int MAX_QUEUED_DATA = 256 * 1024;
    /** What one write gathers at most from the queue, and at most from the parked bodies. */
    private static final int BATCH = 64 * 1024;
    /** What a response's header block is reckoned to take, before it is encoded. */
    private static final int HEADER_BLOCK_ESTIMATE = 256;

    private sealed interface Item {}

    private record ControlItem(Frame frame) implements Item {}

    private record HeadersItem(int streamId, List<HeaderField> fields, boolean endStream) implements Item {}

    /** A response's header block, built as it is written, and its body, which then joins the send state. */
    private record AnswerItem(ParkedBody body) implements Item {}

    private record DataItem(Frame.Data frame) implements Item {}

    private record TableSizeItem(int size) implements Item {}

    /** What one write sends, and the parked bodies that ended meanwhile; {@code last} when the writer is done. */
    private record Batch(List<Item> items, List<ParkedBody> ended, boolean last) {}

    private final Transport transport;
    private final Watchdog.Deadline deadline;
    private final Duration writeTimeout;
    private final HpackEncoder encoder;
    private final SendWindows windows;
    /** Told that a stream's last frame is queued (see {@link #onStreamEnding}). */
    private IntConsumer ending = id -> {};
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final Condition room = lock.newCondition();
    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    private int queuedData;
    private int queuedControl;
    private boolean finishing;
    private boolean closeAfter;
    private boolean failed;
    private volatile int peerMaxFrameSize;
    /** Writer thread only: the buffer of the batch being written; dropped whenever the writer waits. */
    private ByteBuffer out;

    /** A writer that takes the parked bodies' frames from {@code windows}, and is told when they may send. */
    FrameWriter(Transport transport, Watchdog.Deadline deadline, Duration writeTimeout, int tableSize,
            int peerMaxFrameSize, SendWindows windows) {
        this.transport = transport;
        this.deadline = deadline;
        this.writeTimeout = writeTimeout;
        this.encoder = new HpackEncoder(tableSize);
        this.peerMaxFrameSize = peerMaxFrameSize;
        this.windows = windows;
        windows.onSendable(this::wake);
    }

    /** Who is told, before the frame is written, that a stream's last frame is queued; set once, before the first stream. */
    void onStreamEnding(IntConsumer listener) {
        this.ending = listener;
    }

    /** The peer's SETTINGS_MAX_FRAME_SIZE, for the frames written from now on. */
    void peerMaxFrameSize(int size) {
        peerMaxFrameSize = size;
    }

    int peerMaxFrameSize() {
        return peerMaxFrameSize;
    }

    /** Queues a frame of the connection's own; never blocks. */
    void control(Frame frame) {
        if (frame instanceof Frame.RstStream reset) {
            ending.accept(reset.streamId());
        }
        enqueue(new ControlItem(frame), 0);
    }

    /** Control frames queued and not yet written: the reader bounds them (PING and SETTINGS floods). */
    int queuedControlFrames() {
        lock.lock();
        try {
            return queuedControl;
        } finally {
            lock.unlock();
        }
    }

    /** The encoder's table size from now on: the peer's SETTINGS_HEADER_TABLE_SIZE, at most ours. */
    void tableSize(int size) {
        enqueue(new TableSizeItem(size), 0);
    }

    /** Queues a response's header block; never blocks. */
    void headers(int streamId, List<HeaderField> fields, boolean endStream) {
        if (endStream) {
            ending.accept(streamId);
        }
        enqueue(new HeadersItem(streamId, List.copyOf(fields), endStream), 0);
    }

    /**
     * Queues a response with its body held in memory: its header block is built and written in
     * turn, then the body joins the send state; never blocks.
     *
     * @return false when the connection is closing: nothing was queued
     */
    boolean respond(ParkedBody body) {
        return enqueue(new AnswerItem(body), 0);
    }

    /** A parked body may be able to send: a batch should look. */
    private void wake() {
        lock.lock();
        try {
            ready.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues a DATA frame, waiting while the connection already has {@link #MAX_QUEUED_DATA} bytes
     * of data waiting to be written.
     *
     * @throws IOException if the connection failed or is closing
     */
    void data(Frame.Data frame) throws IOException, InterruptedException {
        if (frame.endStream()) {
            ending.accept(frame.streamId());
        }
        lock.lock();
        try {
            while (queuedData >= MAX_QUEUED_DATA && !failed && !finishing) {
                room.await();
            }
            if (failed || finishing) {
                throw new IOException("connection closing");
            }
            queue.add(new DataItem(frame));
            queuedData += frame.data().length();
            ready.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes what is queued, then ends the output (the peer sees the end of the stream after the
     * last frame, and the connection's reader closes once it has read what the peer still sends);
     * nothing more is queued. Never blocks.
     */
    void finish() {
        finish(false);
    }

    /** As {@link #finish()}, then closes the connection at once: nothing is left to read. */
    void finishAndClose() {
        finish(true);
    }

    private void finish(boolean close) {
        lock.lock();
        try {
            finishing = true;
            closeAfter |= close;
            ready.signal();
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the connection is closing or failed: no more streams should start. */
    boolean finishing() {
        lock.lock();
        try {
            return finishing || failed;
        } finally {
            lock.unlock();
        }
    }

    private boolean enqueue(Item item, int data) {
        lock.lock();
        try {
            if (finishing || failed) {
                return false;
            }
            queue.add(item);
            if (item instanceof ControlItem) {
                queuedControl++;
            }
            queuedData += data;
            ready.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Writes until the last frame is written or the connection fails; then ends or closes the output. */
    void run() {
        boolean failure = true;
        try {
            while (true) {
                Batch batch = take();
                if (batch.last()) {
                    failure = false;
                    return;
                }
                // The bodies that ended are over for the concurrency limit before the peer can read their end.
                batch.ended().forEach(body -> ending.accept(body.stream.id));
                try {
                    if (!batch.items().isEmpty()) {
                        writeAll(batch.items());
                    }
                } finally {
                    batch.ended().forEach(FrameWriter::end);
                }
            }
        } catch (IOException e) {
            log.debug("{}: HTTP/2 write failed: {}", transport.client(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            boolean close;
            var unsent = new ArrayList<ParkedBody>();
            lock.lock();
            try {
                failed = true;
                close = closeAfter;
                for (Item item : queue) {
                    if (item instanceof AnswerItem answer) {
                        unsent.add(answer.body());
                    }
                }
                queue.clear();
                room.signalAll();
            } finally {
                lock.unlock();
            }
            // Responses never written are over too: their streams end, and are logged.
            unsent.forEach(FrameWriter::end);
            if (failure) {
                transport.abort();
            } else {
                Transport.Step end = close ? Transport::close : Transport::shutdownOutput;
                transport.endWithin(deadline, writeTimeout.toNanos(), end);
            }
        }
    }

    private void writeAll(List<Item> items) throws IOException {
        int estimate = 0;
        for (Item item : items) {
            estimate += FrameEncoder.HEADER_LENGTH + switch (item) {
                case DataItem data -> data.frame().data().length();
                case ControlItem control -> FrameEncoder.encodedLength(control.frame());
                case HeadersItem headers -> HEADER_BLOCK_ESTIMATE;
                case AnswerItem answer -> HEADER_BLOCK_ESTIMATE;
                case TableSizeItem size -> 0;
            };
        }
        if (out == null || out.capacity() < estimate) {
            out = ByteBuffer.allocate(estimate);
        }
        for (Item item : items) {
            out = encode(item, out);
        }
        write(out.flip());
        out.clear();
        for (Item item : items) {
            if (item instanceof AnswerItem answer) {
                // The peer has its response head: the body's wait for window counts from now.
                windows.headSent(answer.body());
            }
        }
    }

    private static void end(ParkedBody body) {
        try {
            body.end();
        } catch (RuntimeException e) {
            log.error("ending the response of stream {} failed", body.stream.id, e);
        }
    }

    /**
     * The items waiting, up to a batch's worth of data, then what the parked bodies may send;
     * the last batch once everything queued is written and the writer is finishing.
     */
    private Batch take() throws InterruptedException {
        lock.lock();
        try {
            var ended = new ArrayList<ParkedBody>();
            while (true) {
                var items = new ArrayList<Item>();
                int bytes = 0;
                while (!queue.isEmpty() && bytes < BATCH) {
                    Item item = queue.poll();
                    items.add(item);
                    switch (item) {
                        case DataItem data -> {
                            queuedData -= data.frame().data().length();
                            bytes += data.frame().data().length();
                        }
                        case ControlItem control -> queuedControl--;
                        case HeadersItem headers -> bytes += HEADER_BLOCK_ESTIMATE;
                        case AnswerItem answer -> {
                            bytes += HEADER_BLOCK_ESTIMATE;
                            // Its body may send from now on: the block goes out before any of it.
                            if (!windows.park(answer.body())) {
                                ended.add(answer.body());
                            }
                        }
                        case TableSizeItem size -> { }
                    }
                }
                if (!finishing && !failed) {
                    for (Frame.Data data : windows.takeParked(BATCH, peerMaxFrameSize, ended)) {
                        items.add(new DataItem(data));
                    }
                }
                if (!items.isEmpty() || !ended.isEmpty()) {
                    room.signalAll();
                    return new Batch(items, ended, false);
                }
                if (finishing || failed) {
                    return new Batch(List.of(), List.of(), true);
                }
                out = null;
                ready.await();
            }
        } finally {
            lock.unlock();
        }
    }

    private ByteBuffer encode(Item item, ByteBuffer out) {
        switch (item) {
            case TableSizeItem size -> {
                encoder.setMaxTableSize(size.size());
                return out;
            }
            case ControlItem control -> {
                return put(control.frame(), out);
            }
            case DataItem data -> {
                return put(data.frame(), out);
            }
            case HeadersItem headers -> {
                return putBlock(headers.streamId(), headers.fields(), headers.endStream(), out);
            }
            case AnswerItem answer -> {
                return putBlock(answer.body().stream.id, answer.body().fields(), false, out);
            }
        }
    }

    private ByteBuffer putBlock(int streamId, List<HeaderField> fields, boolean endStream, ByteBuffer out) {
        byte[] block = encoder.encode(fields);
        for (Frame frame : FrameEncoder.headerBlock(streamId, Optional.empty(), Octets.of(block), endStream,
                peerMaxFrameSize)) {
            out = put(frame, out);
        }
        return out;
    }

    private static ByteBuffer put(Frame frame, ByteBuffer out) {
        int length = FrameEncoder.encodedLength(frame);
        if (out.remaining() < length) {
            var bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + length));
            out = bigger.put(out.flip());
        }
        FrameEncoder.encode(frame, out);
        return out;
    }

    private void write(ByteBuffer bytes) throws IOException {
        deadline.arm(writeTimeout.toNanos());
        try {
            transport.write(bytes);
        } finally {
            if (!deadline.disarm()) {
                throw new SocketTimeoutException("write made no progress for " + writeTimeout);
            }
        }
    }
}
