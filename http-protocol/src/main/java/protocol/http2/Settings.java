package protocol.http2;

import java.util.List;
import java.util.OptionalLong;

/**
 * The six settings of RFC 9113 §6.5.2 one endpoint has announced, starting from their initial values.
 *
 * @param headerTableSize      SETTINGS_HEADER_TABLE_SIZE, initially 4096
 * @param enablePush           SETTINGS_ENABLE_PUSH, initially true
 * @param maxConcurrentStreams SETTINGS_MAX_CONCURRENT_STREAMS, initially unlimited (empty)
 * @param initialWindowSize    SETTINGS_INITIAL_WINDOW_SIZE, initially 65535
 * @param maxFrameSize         SETTINGS_MAX_FRAME_SIZE, initially 16384
 * @param maxHeaderListSize    SETTINGS_MAX_HEADER_LIST_SIZE, initially unlimited (empty)
 */
public record Settings(long headerTableSize, boolean enablePush, OptionalLong maxConcurrentStreams,
                       int initialWindowSize, int maxFrameSize, OptionalLong maxHeaderListSize) {

    /** The initial values every connection starts from (§6.5.2). */
    public static final Settings DEFAULTS =
            new Settings(4096, true, OptionalLong.empty(), 65_535, Setting.MIN_MAX_FRAME_SIZE, OptionalLong.empty());

    /** Validates every value against the ranges §6.5.2 allows. */
    public Settings {
        checkUnsigned32(headerTableSize, "headerTableSize");
        maxConcurrentStreams.ifPresent(v -> checkUnsigned32(v, "maxConcurrentStreams"));
        maxHeaderListSize.ifPresent(v -> checkUnsigned32(v, "maxHeaderListSize"));
        if (initialWindowSize < 0) {
            throw new IllegalArgumentException("initialWindowSize must not be negative: " + initialWindowSize);
        }
        if (maxFrameSize < Setting.MIN_MAX_FRAME_SIZE || maxFrameSize > Setting.MAX_MAX_FRAME_SIZE) {
            throw new IllegalArgumentException("maxFrameSize out of range: " + maxFrameSize);
        }
    }

    private static void checkUnsigned32(long v, String name) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(name + " out of range: " + v);
        }
    }

    /**
     * These settings with one parameter applied; an unknown identifier changes nothing (§6.5.2).
     *
     * @throws Http2Exception a connection error if the value breaks a rule of §6.5.2
     */
    public Settings with(Setting s) throws Http2Exception {
        s.check();
        return switch (s.id()) {
            case Setting.HEADER_TABLE_SIZE -> new Settings(s.value(), enablePush, maxConcurrentStreams,
                    initialWindowSize, maxFrameSize, maxHeaderListSize);
            case Setting.ENABLE_PUSH -> new Settings(headerTableSize, s.value() == 1, maxConcurrentStreams,
                    initialWindowSize, maxFrameSize, maxHeaderListSize);
            case Setting.MAX_CONCURRENT_STREAMS -> new Settings(headerTableSize, enablePush, OptionalLong.of(s.value()),
                    initialWindowSize, maxFrameSize, maxHeaderListSize);
            case Setting.INITIAL_WINDOW_SIZE -> new Settings(headerTableSize, enablePush, maxConcurrentStreams,
                    (int) s.value(), maxFrameSize, maxHeaderListSize);
            case Setting.MAX_FRAME_SIZE -> new Settings(headerTableSize, enablePush, maxConcurrentStreams,
                    initialWindowSize, (int) s.value(), maxHeaderListSize);
            case Setting.MAX_HEADER_LIST_SIZE -> new Settings(headerTableSize, enablePush, maxConcurrentStreams,
                    initialWindowSize, maxFrameSize, OptionalLong.of(s.value()));
            default -> this;
        };
    }

    /**
     * These settings with every parameter applied in order, as a SETTINGS frame is processed (§6.5.3).
     *
     * @throws Http2Exception a connection error if a value breaks a rule of §6.5.2
     */
    public Settings with(List<Setting> settings) throws Http2Exception {
        Settings result = this;
        for (Setting s : settings) {
            result = result.with(s);
        }
        return result;
    }
}
