package protocol.http2;

import protocol.http2.Http2Exception.Reason;

/**
 * A flow-control window (RFC 9113 §5.2, §6.9): how many bytes of DATA payload may still be sent on a stream or
 * on the whole connection. An immutable value; each change gives a new window. It can be negative after the
 * peer lowers SETTINGS_INITIAL_WINDOW_SIZE (§6.9.2), and never exceeds 2^31-1.
 *
 * @param streamId the stream, or 0 for the connection's window
 * @param size     bytes that may still be sent, -(2^31-1)..2^31-1
 */
public record FlowWindow(int streamId, long size) {

    /** The largest window: 2^31-1 (§6.9.1). */
    public static final long MAX = Setting.MAX_WINDOW;

    /** The initial size of every window before SETTINGS and WINDOW_UPDATE say otherwise (§6.9.2). */
    public static final int INITIAL = 65_535;

    /** Validates the fields. */
    public FlowWindow {
        if (streamId < 0) {
            throw new IllegalArgumentException("stream identifier out of range: " + streamId);
        }
        if (size < -MAX || size > MAX) {
            throw new IllegalArgumentException("window size out of range: " + size);
        }
    }

    /** The connection's window at the start: 65535, whatever SETTINGS say (§6.9.2). */
    public static FlowWindow connection() {
        return new FlowWindow(0, INITIAL);
    }

    /** A new stream's window, of the SETTINGS_INITIAL_WINDOW_SIZE in force (§6.9.2). */
    public static FlowWindow stream(int streamId, int initialWindowSize) {
        FrameChecks.stream(streamId);
        return new FlowWindow(streamId, initialWindowSize);
    }

    /** Bytes that may be sent now: the size, or 0 while the window is negative. */
    public int available() {
        return (int) Math.max(0, size);
    }

    /**
     * The window after {@code n} bytes of DATA payload, padding included (§6.9.1), were sent or received.
     *
     * @throws Http2Exception FLOW_CONTROL_ERROR if {@code n} is more than the window allows: for the stream, or
     *                        for the connection when this is the connection's window (§6.9.1)
     */
    public FlowWindow consume(int n) throws Http2Exception {
        if (n < 0) {
            throw new IllegalArgumentException("negative length: " + n);
        }
        // An empty DATA frame (END_STREAM alone) fits even a negative window.
        if (n > 0 && n > size) {
            throw error(Reason.FLOW_CONTROL_WINDOW_EXCEEDED);
        }
        return new FlowWindow(streamId, size - n);
    }

    /**
     * The window after a WINDOW_UPDATE of {@code increment}.
     *
     * @throws Http2Exception FLOW_CONTROL_ERROR past 2^31-1: a stream error for a stream's window, a connection
     *                        error for the connection's (§6.9.1)
     */
    public FlowWindow grow(int increment) throws Http2Exception {
        if (increment < 1) {
            throw new IllegalArgumentException("increment must be in [1, 2^31-1]: " + increment);
        }
        if (size + increment > MAX) {
            throw error(Reason.WINDOW_OVERFLOW);
        }
        return new FlowWindow(streamId, size + increment);
    }

    /**
     * The window after SETTINGS_INITIAL_WINDOW_SIZE changed from {@code oldInitial} to {@code newInitial}: it moves
     * by the difference, and may become negative (§6.9.2).
     *
     * @throws Http2Exception           FLOW_CONTROL_ERROR, a connection error, if the window would pass 2^31-1
     *                                  (§6.9.2)
     * @throws IllegalArgumentException for the connection's window, which SETTINGS do not change (§6.9.2)
     */
    public FlowWindow resize(int oldInitial, int newInitial) throws Http2Exception {
        if (streamId == 0) {
            throw new IllegalArgumentException("SETTINGS_INITIAL_WINDOW_SIZE does not change the connection window");
        }
        if (oldInitial < 0 || newInitial < 0) {
            throw new IllegalArgumentException("initial window sizes are never negative");
        }
        long resized = size + ((long) newInitial - oldInitial);
        if (resized > MAX) {
            throw Http2Exception.connection(Reason.WINDOW_OVERFLOW);
        }
        return new FlowWindow(streamId, Math.max(resized, -MAX));
    }

    private Http2Exception error(Reason reason) {
        return streamId == 0 ? Http2Exception.connection(reason) : Http2Exception.stream(reason, streamId);
    }
}
