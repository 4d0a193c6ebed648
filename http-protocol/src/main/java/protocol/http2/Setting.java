package protocol.http2;

import protocol.http2.Http2Exception.Reason;

/**
 * One parameter of a SETTINGS frame as it travels (RFC 9113 §6.5.1): a 16-bit identifier and a 32-bit value,
 * both unsigned. Identifiers this endpoint does not know are kept in the frame and ignored when applied (§6.5.2).
 *
 * @param id    the identifier, 0..65535
 * @param value the value, 0..2^32-1
 */
public record Setting(int id, long value) {

    /** SETTINGS_HEADER_TABLE_SIZE (0x1): the largest HPACK dynamic table the sender's decoder allows. */
    public static final int HEADER_TABLE_SIZE = 0x1;
    /** SETTINGS_ENABLE_PUSH (0x2): whether the sender accepts server push; 0 or 1. */
    public static final int ENABLE_PUSH = 0x2;
    /** SETTINGS_MAX_CONCURRENT_STREAMS (0x3): how many streams the sender lets its peer open. */
    public static final int MAX_CONCURRENT_STREAMS = 0x3;
    /** SETTINGS_INITIAL_WINDOW_SIZE (0x4): the sender's initial stream flow-control window. */
    public static final int INITIAL_WINDOW_SIZE = 0x4;
    /** SETTINGS_MAX_FRAME_SIZE (0x5): the largest frame payload the sender accepts. */
    public static final int MAX_FRAME_SIZE = 0x5;
    /** SETTINGS_MAX_HEADER_LIST_SIZE (0x6): advisory; the largest field section the sender accepts. */
    public static final int MAX_HEADER_LIST_SIZE = 0x6;

    /** Largest flow-control window and SETTINGS_INITIAL_WINDOW_SIZE (§6.9.1). */
    static final long MAX_WINDOW = 0x7FFF_FFFFL;
    /** Smallest SETTINGS_MAX_FRAME_SIZE, its initial value (§6.5.2). */
    static final int MIN_MAX_FRAME_SIZE = 16_384;
    /** Largest SETTINGS_MAX_FRAME_SIZE: 2^24-1 (§6.5.2). */
    static final int MAX_MAX_FRAME_SIZE = 16_777_215;

    /** Validates the ranges of the wire fields. */
    public Setting {
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("setting identifier out of range: " + id);
        }
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("setting value out of range: " + value);
        }
    }

    /**
     * Checks the value rules of §6.5.2, each a connection error: ENABLE_PUSH 0 or 1 (PROTOCOL_ERROR),
     * INITIAL_WINDOW_SIZE at most 2^31-1 (FLOW_CONTROL_ERROR), MAX_FRAME_SIZE in 16384..16777215 (PROTOCOL_ERROR).
     */
    void check() throws Http2Exception {
        switch (id) {
            case ENABLE_PUSH -> {
                if (value > 1) {
                    throw Http2Exception.connection(Reason.INVALID_ENABLE_PUSH);
                }
            }
            case INITIAL_WINDOW_SIZE -> {
                if (value > MAX_WINDOW) {
                    throw Http2Exception.connection(Reason.INITIAL_WINDOW_SIZE_TOO_LARGE);
                }
            }
            case MAX_FRAME_SIZE -> {
                if (value < MIN_MAX_FRAME_SIZE || value > MAX_MAX_FRAME_SIZE) {
                    throw Http2Exception.connection(Reason.INVALID_MAX_FRAME_SIZE);
                }
            }
            default -> {
                // No other identifier constrains its value; unknown ones are ignored (§6.5.2).
            }
        }
    }
}
