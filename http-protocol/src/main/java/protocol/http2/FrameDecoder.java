package protocol.http2;

import java.nio.ByteBuffer;
import java.util.Optional;

import protocol.http2.Http2Exception.Scope;

/**
 * An incremental HTTP/2 frame decoder (RFC 9113 §4, §6). Feed it bytes as they arrive; each call consumes at most
 * one frame and answers that {@link Frame} or {@link FrameResult.NeedMore}, leaving the bytes of the next frame in
 * the buffer. It checks every rule a frame can be judged by alone; rules that need the connection's state (frame
 * order, stream states, windows) are the caller's. It allocates one payload array of the declared length per
 * frame, never more than the maximum frame size, and skips unknown frames without keeping them.
 *
 * <p>After a connection error it is unusable and rethrows it. A stream error is thrown only once the whole frame
 * is consumed, and the decoder goes on with the next frame (§5.4.2). Not thread-safe: one per connection.
 */
public final class FrameDecoder {

    private static final byte[] NO_BYTES = new byte[0];

    private enum State { HEADER, PAYLOAD, SKIP }

    private final int maxFrameSize;
    private final byte[] headerBytes = new byte[FrameHeader.LENGTH];

    private State state = State.HEADER;
    private int headerFilled;
    private FrameHeader header;
    private byte[] payload;
    private int payloadFilled;
    private int toSkip;
    private Optional<Http2Exception> afterSkip = Optional.empty();
    private Http2Exception failure;

    /**
     * A decoder refusing frames longer than {@code maxFrameSize}, the SETTINGS_MAX_FRAME_SIZE we advertise.
     *
     * @throws IllegalArgumentException if {@code maxFrameSize} is outside 16384..16777215 (§6.5.2)
     */
    public FrameDecoder(int maxFrameSize) {
        if (maxFrameSize < Setting.MIN_MAX_FRAME_SIZE || maxFrameSize > Setting.MAX_MAX_FRAME_SIZE) {
            throw new IllegalArgumentException("maxFrameSize must be in [16384, 16777215]: " + maxFrameSize);
        }
        this.maxFrameSize = maxFrameSize;
    }

    /** The largest frame payload this decoder accepts. */
    public int maxFrameSize() {
        return maxFrameSize;
    }

    /**
     * Consumes bytes from {@code in}, advancing its position, never past the end of the current frame.
     * {@link FrameResult.NeedMore} means every byte was consumed.
     *
     * @throws Http2Exception if the frame breaks a rule of RFC 9113; see {@link Http2Exception#scope()}
     */
    public FrameResult decode(ByteBuffer in) throws Http2Exception {
        if (failure != null) {
            throw failure;
        }
        try {
            return step(in);
        } catch (Http2Exception e) {
            if (e.scope() == Scope.CONNECTION) {
                failure = e;
            }
            throw e;
        }
    }

    /** Whether no byte of a next frame was consumed since the last whole one. */
    public boolean idle() {
        return state == State.HEADER && headerFilled == 0 && failure == null;
    }

    private FrameResult step(ByteBuffer in) throws Http2Exception {
        while (true) {
            switch (state) {
                case HEADER -> {
                    int n = Math.min(in.remaining(), FrameHeader.LENGTH - headerFilled);
                    in.get(headerBytes, headerFilled, n);
                    headerFilled += n;
                    if (headerFilled < FrameHeader.LENGTH) {
                        return FrameResult.NEED_MORE;
                    }
                    headerFilled = 0;
                    begin(FrameHeader.read(headerBytes));
                }
                case PAYLOAD -> {
                    int n = Math.min(in.remaining(), payload.length - payloadFilled);
                    in.get(payload, payloadFilled, n);
                    payloadFilled += n;
                    if (payloadFilled < payload.length) {
                        return FrameResult.NEED_MORE;
                    }
                    state = State.HEADER;
                    byte[] whole = payload;
                    payload = null;
                    return FramePayload.decode(header, FrameType.of(header.type()).orElseThrow(), whole);
                }
                case SKIP -> {
                    int n = Math.min(in.remaining(), toSkip);
                    in.position(in.position() + n);
                    toSkip -= n;
                    if (toSkip > 0) {
                        return FrameResult.NEED_MORE;
                    }
                    state = State.HEADER;
                    return skipped();
                }
            }
        }
    }

    private void begin(FrameHeader h) throws Http2Exception {
        header = h;
        afterSkip = h.check(maxFrameSize);
        if (afterSkip.isPresent() || FrameType.of(h.type()).isEmpty()) {
            // §5.5: unknown types are ignored; a frame already refused is not worth keeping either.
            toSkip = h.length();
            state = State.SKIP;
            return;
        }
        payload = h.length() == 0 ? NO_BYTES : new byte[h.length()];
        payloadFilled = 0;
        state = State.PAYLOAD;
    }

    private Frame skipped() throws Http2Exception {
        if (afterSkip.isPresent()) {
            Http2Exception e = afterSkip.get();
            afterSkip = Optional.empty();
            throw e;
        }
        return new Frame.Unknown(header.type(), header.flags(), header.streamId(), header.length());
    }
}
