package protocol.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import protocol.http2.Http2Exception.Reason;

class SettingsTest {

    @Test
    void theDefaultsAreTheRfcsInitialValues() {
        Settings d = Settings.DEFAULTS;
        assertEquals(4096, d.headerTableSize());
        assertTrue(d.enablePush());
        assertEquals(OptionalLong.empty(), d.maxConcurrentStreams());
        assertEquals(65_535, d.initialWindowSize());
        assertEquals(16_384, d.maxFrameSize());
        assertEquals(OptionalLong.empty(), d.maxHeaderListSize());
    }

    @Test
    void eachKnownSettingIsApplied() throws Http2Exception {
        Settings s = Settings.DEFAULTS.with(List.of(
                new Setting(Setting.HEADER_TABLE_SIZE, 0),
                new Setting(Setting.ENABLE_PUSH, 0),
                new Setting(Setting.MAX_CONCURRENT_STREAMS, 0xFFFF_FFFFL),
                new Setting(Setting.INITIAL_WINDOW_SIZE, 0x7FFF_FFFF),
                new Setting(Setting.MAX_FRAME_SIZE, 16_777_215),
                new Setting(Setting.MAX_HEADER_LIST_SIZE, 8192)));
        assertEquals(new Settings(0, false, OptionalLong.of(0xFFFF_FFFFL), 0x7FFF_FFFF, 16_777_215,
                OptionalLong.of(8192)), s);
    }

    @Test
    void laterValuesWinAndUnknownIdentifiersChangeNothing() throws Http2Exception {
        Settings s = Settings.DEFAULTS.with(List.of(new Setting(Setting.INITIAL_WINDOW_SIZE, 1),
                new Setting(0, 5), new Setting(0xFFFF, 5), new Setting(Setting.INITIAL_WINDOW_SIZE, 2)));
        assertEquals(2, s.initialWindowSize());
        assertSame(Settings.DEFAULTS, Settings.DEFAULTS.with(new Setting(0x10, 1)));
    }

    @Test
    void valueRulesAreConnectionErrorsWithTheirCodes() {
        assertRefused(Reason.INVALID_ENABLE_PUSH, ErrorCode.PROTOCOL_ERROR, new Setting(Setting.ENABLE_PUSH, 2));
        assertRefused(Reason.INITIAL_WINDOW_SIZE_TOO_LARGE, ErrorCode.FLOW_CONTROL_ERROR,
                new Setting(Setting.INITIAL_WINDOW_SIZE, 0x8000_0000L));
        assertRefused(Reason.INVALID_MAX_FRAME_SIZE, ErrorCode.PROTOCOL_ERROR, new Setting(Setting.MAX_FRAME_SIZE, 16_383));
        assertRefused(Reason.INVALID_MAX_FRAME_SIZE, ErrorCode.PROTOCOL_ERROR,
                new Setting(Setting.MAX_FRAME_SIZE, 16_777_216));
    }

    private static void assertRefused(Reason reason, ErrorCode code, Setting s) {
        Http2Exception e = assertThrows(Http2Exception.class, () -> Settings.DEFAULTS.with(s));
        assertEquals(reason, e.reason());
        assertEquals(code, e.code());
        assertEquals(Http2Exception.Scope.CONNECTION, e.scope());
    }

    @Test
    void limitsAreValidatedAndAdvertised() {
        Http2Limits d = Http2Limits.DEFAULTS;
        assertEquals(new Http2Limits(16_384, 100, 4096, 16_384, 65_535, 200, 400, 200, 1_000, 1_000), d);
        assertThrows(IllegalArgumentException.class, () -> limits(16_383, 100, 4096, 16_384, 65_535));
        assertThrows(IllegalArgumentException.class, () -> limits(16_777_216, 100, 4096, 16_384, 65_535));
        assertThrows(IllegalArgumentException.class, () -> limits(16_384, 0, 4096, 16_384, 65_535));
        assertThrows(IllegalArgumentException.class, () -> limits(16_384, 100, -1, 16_384, 65_535));
        assertThrows(IllegalArgumentException.class, () -> limits(16_384, 100, 4096, 0, 65_535));
        assertThrows(IllegalArgumentException.class, () -> limits(16_384, 100, 4096, 16_384, -1));
        limits(16_777_215, 1, 0, 1, 0x7FFF_FFFF);
        assertEquals(List.of(new Setting(1, 4096), new Setting(3, 100), new Setting(4, 65_535),
                new Setting(5, 16_384), new Setting(6, 16_384)), d.settings());
    }

    @Test
    void floodBudgetsArePositiveAndNeverAdvertised() {
        Http2Limits d = Http2Limits.DEFAULTS;
        assertEquals(new Http2Limits(16_384, 100, 4096, 16_384, 65_535, 1, 1, 200, 1_000, 1_000),
                d.withResetBudget(1, 1));
        assertEquals(new Http2Limits(16_384, 100, 4096, 16_384, 65_535, 200, 400, 1, 2, 1_000),
                d.withControlBudget(1, 2));
        assertEquals(new Http2Limits(16_384, 100, 4096, 16_384, 65_535, 200, 400, 200, 1_000, 1),
                d.withMaxQueuedControl(1));
        assertThrows(IllegalArgumentException.class, () -> d.withResetBudget(0, 400));
        assertThrows(IllegalArgumentException.class, () -> d.withResetBudget(200, 0));
        assertThrows(IllegalArgumentException.class, () -> d.withControlBudget(0, 1_000));
        // The client's SETTINGS and its acknowledgement of ours need two.
        assertThrows(IllegalArgumentException.class, () -> d.withControlBudget(200, 1));
        assertThrows(IllegalArgumentException.class, () -> d.withMaxQueuedControl(0));
        assertEquals(d.settings(), d.withResetBudget(1, 1).withControlBudget(1, 2).withMaxQueuedControl(1).settings());
    }

    /** Limits with these advertised bounds and the default flood budgets. */
    private static Http2Limits limits(int maxFrameSize, int maxConcurrentStreams, int headerTableSize,
            int maxHeaderListSize, int initialWindowSize) {
        Http2Limits d = Http2Limits.DEFAULTS;
        return new Http2Limits(maxFrameSize, maxConcurrentStreams, headerTableSize, maxHeaderListSize,
                initialWindowSize, d.resetsPerSecond(), d.resetBurst(), d.controlPerSecond(), d.controlBurst(),
                d.maxQueuedControl());
    }

    @Test
    void advertisedLimitsAreValidSettings() throws Http2Exception {
        Settings ours = Settings.DEFAULTS.with(Http2Limits.DEFAULTS.settings());
        assertEquals(OptionalLong.of(100), ours.maxConcurrentStreams());
        assertTrue(ours.enablePush());
    }

    @Test
    void errorCodesRoundTripIncludingUnknownOnes() {
        String[] names = {"NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR", "FLOW_CONTROL_ERROR", "SETTINGS_TIMEOUT",
            "STREAM_CLOSED", "FRAME_SIZE_ERROR", "REFUSED_STREAM", "CANCEL", "COMPRESSION_ERROR", "CONNECT_ERROR",
            "ENHANCE_YOUR_CALM", "INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED"};
        for (int code = 0; code < names.length; code++) {
            ErrorCode e = ErrorCode.of(code);
            assertEquals(names[code], e.name());
            assertTrue(e.known());
            assertSame(e, ErrorCode.of(code));
        }
        ErrorCode unknown = ErrorCode.of(0xe);
        assertFalse(unknown.known());
        assertEquals(0xe, unknown.code());
        assertEquals(unknown, ErrorCode.of(0xe));
        assertEquals(ErrorCode.of(0xFFFF_FFFFL), ErrorCode.ofWire(-1));
        assertEquals("0xffffffff", ErrorCode.ofWire(-1).name());
        assertThrows(IllegalArgumentException.class, () -> ErrorCode.of(-1));
        assertThrows(IllegalArgumentException.class, () -> ErrorCode.of(1L << 32));
        for (long code : new long[] {0, 0xd, 0xe, 0x1234_5678L, 0xFFFF_FFFFL}) {
            Frame.RstStream rst = new Frame.RstStream(1, ErrorCode.of(code));
            assertEquals(rst, FrameFeed.frame(FrameFeed.encode(rst)));
        }
    }

    @Test
    void frameTypesHaveTheirCodes() {
        for (FrameType t : FrameType.values()) {
            assertEquals(t, FrameType.of(t.code()).orElseThrow());
        }
        assertTrue(FrameType.of(0xa).isEmpty());
        assertTrue(FrameType.of(-1).isEmpty());
    }
}
