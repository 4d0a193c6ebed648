package protocol.http2;

import protocol.http2.Http2Exception.Reason;

/**
 * The states of a stream (RFC 9113 §5.1) and its transitions on the frames that move it, as seen by a server that
 * never pushes. END_STREAM is a separate event from the frame that bears it, so one HEADERS frame can open and
 * half-close a stream (§5.1). CONTINUATION frames are part of the HEADERS they follow and move nothing (§5.1); the
 * order of a field block's frames is §6.10's rule, not this one's. SETTINGS, PING and GOAWAY belong to no stream.
 *
 * <p>{@link #received} is about the peer: an illegal frame is the §5.1 error. {@link #sent} is about us: an
 * illegal frame is a bug, refused with {@link IllegalStateException}.
 */
public enum StreamState {
    /** No frame yet. */
    IDLE,
    /** Promised by us in a PUSH_PROMISE; unreachable for a server that never pushes. */
    RESERVED_LOCAL,
    /** Promised by the peer; unreachable for a server, which refuses PUSH_PROMISE. */
    RESERVED_REMOTE,
    /** Both sides may send. */
    OPEN,
    /** We sent END_STREAM; the peer may still send. */
    HALF_CLOSED_LOCAL,
    /** The peer sent END_STREAM; we may still send. */
    HALF_CLOSED_REMOTE,
    /** Both sides are done, or one reset the stream. */
    CLOSED;

    /**
     * The state after receiving a frame of {@code type} on this stream; {@code endStream} is its END_STREAM flag
     * (DATA and HEADERS only).
     *
     * <p>On a closed stream, WINDOW_UPDATE, RST_STREAM and PRIORITY are accepted, since they may cross our
     * END_STREAM or RST_STREAM in flight (§5.1). DATA and HEADERS give a STREAM_CLOSED stream error (§6.1); a
     * caller that reset the stream itself may choose to ignore them instead (§5.1), but still counts DATA against
     * the connection window (§6.9) and still decodes the field block (§4.3).
     *
     * @throws Http2Exception           the §5.1 error for a frame this state cannot receive
     * @throws IllegalArgumentException if {@code type} does not move stream states
     */
    public StreamState received(FrameType type, boolean endStream, int streamId) throws Http2Exception {
        checkStreamEvent(type);
        if (type == FrameType.PUSH_PROMISE) {
            // §8.4: clients cannot push; whatever the stream's state, the connection is broken.
            throw Http2Exception.connection(Reason.PUSH_PROMISE_RECEIVED);
        }
        if (type == FrameType.RST_STREAM && this != IDLE) {
            return CLOSED;
        }
        if (type == FrameType.PRIORITY) {
            // §5.1: PRIORITY may be received in any state.
            return this;
        }
        return switch (this) {
            case IDLE -> {
                if (type != FrameType.HEADERS) {
                    throw Http2Exception.connection(Reason.FRAME_ON_IDLE_STREAM);
                }
                yield endStream ? HALF_CLOSED_REMOTE : OPEN;
            }
            case RESERVED_LOCAL -> {
                if (type != FrameType.WINDOW_UPDATE) {
                    throw Http2Exception.connection(Reason.FRAME_ON_RESERVED_STREAM);
                }
                yield this;
            }
            case RESERVED_REMOTE -> {
                if (type != FrameType.HEADERS) {
                    throw Http2Exception.connection(Reason.FRAME_ON_RESERVED_STREAM);
                }
                yield endStream ? CLOSED : HALF_CLOSED_LOCAL;
            }
            case OPEN -> type == FrameType.WINDOW_UPDATE || !endStream ? OPEN : HALF_CLOSED_REMOTE;
            case HALF_CLOSED_LOCAL -> type == FrameType.WINDOW_UPDATE || !endStream ? HALF_CLOSED_LOCAL : CLOSED;
            case HALF_CLOSED_REMOTE, CLOSED -> {
                if (type != FrameType.WINDOW_UPDATE) {
                    throw Http2Exception.stream(Reason.STREAM_CLOSED, streamId);
                }
                yield this;
            }
        };
    }

    /**
     * The state after sending a frame of {@code type} on this stream; {@code endStream} is its END_STREAM flag
     * (DATA and HEADERS only). RST_STREAM may be sent on a closed stream, to answer a frame received there with
     * STREAM_CLOSED (§6.1); no frame but PRIORITY may be sent on an idle stream (§5.1).
     *
     * @throws IllegalStateException    if this state cannot send such a frame, or it is PUSH_PROMISE
     * @throws IllegalArgumentException if {@code type} does not move stream states
     */
    public StreamState sent(FrameType type, boolean endStream) {
        checkStreamEvent(type);
        if (type == FrameType.PRIORITY) {
            return this;
        }
        if (type == FrameType.PUSH_PROMISE) {
            throw new IllegalStateException("this server never pushes");
        }
        if (type == FrameType.RST_STREAM) {
            refuseUnless(this != IDLE, type);
            return CLOSED;
        }
        return switch (this) {
            case IDLE -> {
                refuseUnless(type == FrameType.HEADERS, type);
                yield endStream ? HALF_CLOSED_LOCAL : OPEN;
            }
            case RESERVED_LOCAL -> {
                refuseUnless(type == FrameType.HEADERS, type);
                yield endStream ? CLOSED : HALF_CLOSED_REMOTE;
            }
            case RESERVED_REMOTE -> {
                refuseUnless(type == FrameType.WINDOW_UPDATE, type);
                yield this;
            }
            case OPEN -> type == FrameType.WINDOW_UPDATE || !endStream ? OPEN : HALF_CLOSED_LOCAL;
            case HALF_CLOSED_LOCAL -> {
                refuseUnless(type == FrameType.WINDOW_UPDATE, type);
                yield this;
            }
            case HALF_CLOSED_REMOTE -> type == FrameType.WINDOW_UPDATE || !endStream ? HALF_CLOSED_REMOTE : CLOSED;
            case CLOSED -> {
                refuseUnless(false, type);
                yield this;
            }
        };
    }

    private void refuseUnless(boolean allowed, FrameType type) {
        if (!allowed) {
            throw new IllegalStateException(type + " cannot be sent on a stream in state " + this);
        }
    }

    private static void checkStreamEvent(FrameType type) {
        switch (type) {
            case DATA, HEADERS, PRIORITY, RST_STREAM, PUSH_PROMISE, WINDOW_UPDATE -> {
                // These move, or may be refused by, stream states.
            }
            case SETTINGS, PING, GOAWAY, CONTINUATION ->
                    throw new IllegalArgumentException(type + " does not move stream states");
        }
    }
}
