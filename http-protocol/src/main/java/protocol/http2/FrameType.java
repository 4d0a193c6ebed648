package protocol.http2;

import java.util.Optional;

/** The frame types RFC 9113 §6 defines, with their type codes. Other codes are unknown frames (§5.5). */
public enum FrameType {
    /** 0x0 (§6.1). */
    DATA(0x0),
    /** 0x1 (§6.2). */
    HEADERS(0x1),
    /** 0x2 (§6.3). */
    PRIORITY(0x2),
    /** 0x3 (§6.4). */
    RST_STREAM(0x3),
    /** 0x4 (§6.5). */
    SETTINGS(0x4),
    /** 0x5 (§6.6). */
    PUSH_PROMISE(0x5),
    /** 0x6 (§6.7). */
    PING(0x6),
    /** 0x7 (§6.8). */
    GOAWAY(0x7),
    /** 0x8 (§6.9). */
    WINDOW_UPDATE(0x8),
    /** 0x9 (§6.10). */
    CONTINUATION(0x9);

    private static final FrameType[] BY_CODE = values();

    private final int code;

    FrameType(int code) {
        this.code = code;
    }

    /** The type code on the wire. */
    public int code() {
        return code;
    }

    /** The defined type with this code, or empty for a type this endpoint does not know. */
    public static Optional<FrameType> of(int code) {
        return code >= 0 && code < BY_CODE.length ? Optional.of(BY_CODE[code]) : Optional.empty();
    }

    /** Whether frames of this type belong to a stream and are refused on stream 0 (§6). */
    boolean onStream() {
        return switch (this) {
            case DATA, HEADERS, PRIORITY, RST_STREAM, PUSH_PROMISE, CONTINUATION -> true;
            case SETTINGS, PING, GOAWAY, WINDOW_UPDATE -> false;
        };
    }

    /** Whether frames of this type apply to the whole connection and are refused on any other stream (§6). */
    boolean onConnection() {
        return this == SETTINGS || this == PING || this == GOAWAY;
    }
}
