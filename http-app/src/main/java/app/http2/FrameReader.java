package app.http2;

import app.transport.Transport;
import app.transport.Watchdog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import protocol.http2.Frame;
import protocol.http2.FrameDecoder;
import protocol.http2.FrameResult;
import protocol.http2.Http2Exception;
import protocol.http2.Preface;

/**
 * The reading side of one connection: the client preface (RFC 9113 §3.4), then frames, each read
 * within the deadline its caller names; and, once the connection is over, the linger that lets
 * the last frame reach the client. Owned by the connection's reader.
 */
final class FrameReader {

    /** Each read takes at most this much; frames are reassembled by the decoder. */
    private static final int READ_SIZE = 16 * 1024;
    /**
     * What a read takes at most while the client has sent nothing for a moment: an idle
     * connection parks with this, not a full read buffer, and a full read shows that more is
     * coming.
     */
    private static final int IDLE_READ_SIZE = 512;
    /** How long, and how much, the end of a connection reads what the client still sends. */
    private static final Duration LINGER = Duration.ofSeconds(2);
    private static final long LINGER_BYTES = 1 << 20;

    private final Transport transport;
    private final InputStream input;
    private final Watchdog.Deadline deadline;
    private final FrameDecoder decoder;
    /** Owned by the reader: full size while frames come, small while the client is quiet. */
    private ByteBuffer buffer;
    /** Whether the last read filled all the room it had: more may be on its way. */
    private boolean filled;
    /** Set once the writer is done: the read deadline then only has to end the linger. */
    private volatile boolean lingering;

    /**
     * @param deadline watches each read; when it fires the connection is closed under the read
     * @param received bytes already read from the client (the preface, or part of it)
     */
    FrameReader(Transport transport, Watchdog.Deadline deadline, int maxFrameSize, ByteBuffer received) {
        this.transport = transport;
        this.input = transport.input();
        this.deadline = deadline;
        this.decoder = new FrameDecoder(maxFrameSize);
        this.buffer = ByteBuffer.allocate(Math.max(READ_SIZE, received.remaining()));
        buffer.put(received).flip();
    }

    /** Reads and checks the client preface, which must have come by {@code until} (§3.4, §3.3). */
    void preface(long until) throws IOException, Http2Exception {
        while (true) {
            switch (Preface.match(buffer)) {
                case PREFACE -> {
                    buffer.position(buffer.position() + Preface.LENGTH);
                    return;
                }
                case NOT_PREFACE -> throw Http2Exception.connection(Http2Exception.Reason.BAD_PREFACE);
                case NEED_MORE -> {
                    if (fill(() -> deadline.armUntil(until)) < 0) {
                        throw new IOException("closed before the preface");
                    }
                }
            }
        }
    }

    /**
     * The next frame; before each read for it, {@code arm} arms the read deadline, or disarms it
     * for a read that may wait as long as the client likes.
     */
    Frame next(Runnable arm) throws IOException, Http2Exception {
        while (true) {
            FrameResult result = decoder.decode(buffer);
            if (result instanceof Frame frame) {
                return frame;
            }
            if (fill(arm) < 0) {
                throw new IOException("closed by the client");
            }
        }
    }

    private int fill(Runnable arm) throws IOException {
        buffer.compact();
        resize();
        try {
            arm.run();
            int read = input.read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            // Disarmed whether or not this read armed it: a stream's end may have.
            if (!deadline.disarm()) {
                throw new IOException("timed out waiting for a frame");
            }
            filled = read == buffer.remaining();
            if (read > 0) {
                buffer.position(buffer.position() + read);
            }
            return read;
        } finally {
            buffer.flip();
        }
    }

    /**
     * Picks the buffer for the next read (the buffer is being filled): the small one when the
     * full one holds nothing unread and the client has nothing more on its way, the full one
     * again once a read fills the small one.
     */
    private void resize() throws IOException {
        if (buffer.capacity() > IDLE_READ_SIZE) {
            if (buffer.position() == 0 && !filled && input.available() == 0) {
                buffer = ByteBuffer.allocate(IDLE_READ_SIZE);
            }
        } else if (filled || !buffer.hasRemaining()) {
            buffer = ByteBuffer.allocate(Math.max(READ_SIZE, buffer.position())).put(buffer.flip());
        }
    }

    /** Whether the connection is over and only lingers. */
    boolean lingering() {
        return lingering;
    }

    /**
     * After the last frame (GOAWAY) went out with the end of the output, reads and drops what the
     * client still sends for a moment, so that the close does not reset the connection and
     * destroy the GOAWAY before the client has read it.
     */
    void linger() {
        if (!transport.isOpen()) {
            return;
        }
        lingering = true;
        deadline.arm(LINGER.toNanos());
        try {
            byte[] sink = new byte[8192];
            long drained = 0;
            while (drained < LINGER_BYTES) {
                int n = input.read(sink);
                if (n < 0) {
                    break;
                }
                drained += n;
            }
        } catch (IOException e) {
            // Reset, closed, or the linger ran out: the connection is over either way.
        } finally {
            deadline.disarm();
            transport.abort();
        }
    }
}
