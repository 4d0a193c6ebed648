package protocol.http2;

import java.util.List;

/**
 * Every bound our side of an HTTP/2 connection announces and enforces, in one immutable value. The server sends
 * the first five as its SETTINGS ({@link #settings()}); the frame decoder is built with {@link #maxFrameSize()};
 * the flood budgets are the server's own and never sent (RFC 9113 §10.5).
 *
 * @param maxFrameSize         largest frame payload we accept (SETTINGS_MAX_FRAME_SIZE; over it: FRAME_SIZE_ERROR)
 * @param maxConcurrentStreams most streams the client may have open (SETTINGS_MAX_CONCURRENT_STREAMS)
 * @param headerTableSize      largest HPACK dynamic table our decoder keeps (SETTINGS_HEADER_TABLE_SIZE)
 * @param maxHeaderListSize    largest field section we accept, counted as RFC 9113 §6.5.2 does
 *                             (SETTINGS_MAX_HEADER_LIST_SIZE)
 * @param initialWindowSize    initial flow-control window of each stream we receive on (SETTINGS_INITIAL_WINDOW_SIZE)
 * @param resetsPerSecond      streams reset before their answer (by the client, Rapid Reset, or by the server for
 *                             the client's mistake) allowed per second, sustained
 * @param resetBurst           such resets allowed at once; past the budget: GOAWAY ENHANCE_YOUR_CALM
 * @param controlPerSecond     frames that cost work and carry no request (SETTINGS, PING, PRIORITY, empty DATA,
 *                             HEADERS and CONTINUATION, unknown types, unearned WINDOW_UPDATE) allowed per second
 * @param controlBurst         such frames allowed at once; past the budget: GOAWAY ENHANCE_YOUR_CALM
 * @param maxQueuedControl     answers the protocol requires (PING and SETTINGS acknowledgements) that may wait to be
 *                             written; past it the peer is not reading them: GOAWAY ENHANCE_YOUR_CALM
 */
public record Http2Limits(int maxFrameSize, int maxConcurrentStreams, int headerTableSize, int maxHeaderListSize,
                          int initialWindowSize, int resetsPerSecond, int resetBurst, int controlPerSecond,
                          int controlBurst, int maxQueuedControl) {

    /**
     * The server's defaults: 16 KiB frames, 100 streams, a 4 KiB table, 16 KiB field sections, 64 KiB - 1 windows;
     * 200 resets a second with a burst of 400; 200 control frames a second with a burst of 1 000; 1 000 answers
     * waiting to be written.
     */
    public static final Http2Limits DEFAULTS =
            new Http2Limits(16_384, 100, 4096, 16_384, 65_535, 200, 400, 200, 1_000, 1_000);

    /** Validates the bounds against what §6.5.2 allows and what a server can work with. */
    public Http2Limits {
        if (maxFrameSize < Setting.MIN_MAX_FRAME_SIZE || maxFrameSize > Setting.MAX_MAX_FRAME_SIZE) {
            throw new IllegalArgumentException("maxFrameSize must be in [16384, 16777215]: " + maxFrameSize);
        }
        // Zero streams is legal on the wire (§5.1.2) but would refuse every request.
        if (maxConcurrentStreams < 1) {
            throw new IllegalArgumentException("maxConcurrentStreams must be positive: " + maxConcurrentStreams);
        }
        if (headerTableSize < 0) {
            throw new IllegalArgumentException("headerTableSize must not be negative: " + headerTableSize);
        }
        if (maxHeaderListSize < 1) {
            throw new IllegalArgumentException("maxHeaderListSize must be positive: " + maxHeaderListSize);
        }
        if (initialWindowSize < 0) {
            throw new IllegalArgumentException("initialWindowSize must not be negative: " + initialWindowSize);
        }
        positive("resetsPerSecond", resetsPerSecond);
        positive("resetBurst", resetBurst);
        positive("controlPerSecond", controlPerSecond);
        // A client's first SETTINGS and its acknowledgement of ours are control frames: a burst of
        // fewer than two would refuse every connection.
        if (controlBurst < 2) {
            throw new IllegalArgumentException("controlBurst must be at least 2: " + controlBurst);
        }
        positive("maxQueuedControl", maxQueuedControl);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    /** Returns a copy with another budget for resets. */
    public Http2Limits withResetBudget(int perSecond, int burst) {
        return new Http2Limits(maxFrameSize, maxConcurrentStreams, headerTableSize, maxHeaderListSize,
                initialWindowSize, perSecond, burst, controlPerSecond, controlBurst, maxQueuedControl);
    }

    /** Returns a copy with another budget for control frames. */
    public Http2Limits withControlBudget(int perSecond, int burst) {
        return new Http2Limits(maxFrameSize, maxConcurrentStreams, headerTableSize, maxHeaderListSize,
                initialWindowSize, resetsPerSecond, resetBurst, perSecond, burst, maxQueuedControl);
    }

    /** Returns a copy with another bound on the answers waiting to be written. */
    public Http2Limits withMaxQueuedControl(int n) {
        return new Http2Limits(maxFrameSize, maxConcurrentStreams, headerTableSize, maxHeaderListSize,
                initialWindowSize, resetsPerSecond, resetBurst, controlPerSecond, controlBurst, n);
    }

    /**
     * The parameters of the server's first SETTINGS frame. SETTINGS_ENABLE_PUSH is left out: a server may omit it
     * and could only send 0 (§6.5.2).
     */
    public List<Setting> settings() {
        return List.of(
                new Setting(Setting.HEADER_TABLE_SIZE, headerTableSize),
                new Setting(Setting.MAX_CONCURRENT_STREAMS, maxConcurrentStreams),
                new Setting(Setting.INITIAL_WINDOW_SIZE, initialWindowSize),
                new Setting(Setting.MAX_FRAME_SIZE, maxFrameSize),
                new Setting(Setting.MAX_HEADER_LIST_SIZE, maxHeaderListSize));
    }
}
