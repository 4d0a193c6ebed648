package protocol.http2;

import java.util.Optional;

import protocol.http2.Http2Exception.Reason;

/**
 * The 9-byte header every frame starts with (RFC 9113 §4.1), and the rules that can be judged from it alone.
 *
 * @param length   the payload length, 0..2^24-1
 * @param type     the type code, 0..255
 * @param flags    the flags, 0..255
 * @param streamId the stream identifier with the reserved bit cleared: it is ignored on receipt (§4.1)
 */
record FrameHeader(int length, int type, int flags, int streamId) {

    /** Length of a frame header on the wire. */
    static final int LENGTH = 9;

    /** The header held in the first 9 bytes of {@code b}. */
    static FrameHeader read(byte[] b) {
        int length = (b[0] & 0xFF) << 16 | (b[1] & 0xFF) << 8 | (b[2] & 0xFF);
        int streamId = ((b[5] & 0x7F) << 24 | (b[6] & 0xFF) << 16 | (b[7] & 0xFF) << 8 | (b[8] & 0xFF));
        return new FrameHeader(length, b[3] & 0xFF, b[4] & 0xFF, streamId);
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /**
     * Checks the rules of §4.2 and §6 that the header alone decides. Connection errors are thrown; a stream
     * error is returned, to be raised once the payload has been skipped, since the connection goes on (§5.4.2).
     */
    Optional<Http2Exception> check(int maxFrameSize) throws Http2Exception {
        // §4.2: any frame over our SETTINGS_MAX_FRAME_SIZE, unknown types included; never buffered or skipped.
        if (length > maxFrameSize) {
            throw Http2Exception.connection(Reason.FRAME_TOO_LARGE);
        }
        Optional<FrameType> known = FrameType.of(type);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        FrameType t = known.get();
        if (t.onStream() && streamId == 0) {
            throw Http2Exception.connection(Reason.STREAM_ID_REQUIRED);
        }
        if (t.onConnection() && streamId != 0) {
            throw Http2Exception.connection(Reason.STREAM_ID_NOT_ALLOWED);
        }
        switch (t) {
            case SETTINGS -> {
                if (has(Flags.ACK) && length != 0) {
                    throw Http2Exception.connection(Reason.SETTINGS_ACK_WITH_PAYLOAD);
                }
                if (length % 6 != 0) {
                    throw Http2Exception.connection(Reason.SETTINGS_LENGTH);
                }
            }
            case PING -> require(length == 8, Reason.PING_LENGTH);
            case RST_STREAM -> require(length == 4, Reason.RST_STREAM_LENGTH);
            case WINDOW_UPDATE -> require(length == 4, Reason.WINDOW_UPDATE_LENGTH);
            case GOAWAY -> require(length >= 8, Reason.GOAWAY_LENGTH);
            case PRIORITY -> {
                // §6.3: a stream error, unlike the other fixed lengths; PRIORITY changes no connection state.
                if (length != 5) {
                    return Optional.of(Http2Exception.stream(Reason.PRIORITY_LENGTH, streamId));
                }
            }
            case DATA, HEADERS, PUSH_PROMISE, CONTINUATION -> {
                // Their lengths depend on the flags and the payload: judged by FramePayload.
            }
        }
        return Optional.empty();
    }

    private static void require(boolean ok, Reason reason) throws Http2Exception {
        if (!ok) {
            throw Http2Exception.connection(reason);
        }
    }
}
