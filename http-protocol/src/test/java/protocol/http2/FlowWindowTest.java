package protocol.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import protocol.http2.Http2Exception.Reason;
import protocol.http2.Http2Exception.Scope;

class FlowWindowTest {

    private static final int MAX = 0x7FFF_FFFF;

    @Test
    void windowsStartAt65535() {
        assertEquals(new FlowWindow(0, 65_535), FlowWindow.connection());
        assertEquals(new FlowWindow(3, 100), FlowWindow.stream(3, 100));
    }

    @Test
    void consumingUpToTheWindowIsAllowedAndOneMoreIsAFlowControlError() throws Http2Exception {
        FlowWindow w = FlowWindow.stream(1, 10);
        assertEquals(0, w.consume(10).size());
        Http2Exception e = assertThrows(Http2Exception.class, () -> w.consume(11));
        assertEquals(Reason.FLOW_CONTROL_WINDOW_EXCEEDED, e.reason());
        assertEquals(ErrorCode.FLOW_CONTROL_ERROR, e.code());
        assertEquals(Scope.STREAM, e.scope());
        assertEquals(1, e.streamId());
        Http2Exception c = assertThrows(Http2Exception.class, () -> FlowWindow.connection().consume(65_536));
        assertEquals(Scope.CONNECTION, c.scope());
        assertEquals(0, FlowWindow.connection().consume(65_535).available());
        assertThrows(IllegalArgumentException.class, () -> w.consume(-1));
    }

    @Test
    void growingTo2Pow31Minus1IsAllowedAndOneMoreIsAFlowControlError() throws Http2Exception {
        FlowWindow stream = FlowWindow.stream(5, 0);
        assertEquals(MAX, stream.grow(MAX).size());
        Http2Exception e = assertThrows(Http2Exception.class, () -> stream.grow(MAX).grow(1));
        assertEquals(Reason.WINDOW_OVERFLOW, e.reason());
        assertEquals(ErrorCode.FLOW_CONTROL_ERROR, e.code());
        assertEquals(Scope.STREAM, e.scope());
        assertEquals(5, e.streamId());
        FlowWindow conn = FlowWindow.connection();
        assertEquals(MAX, conn.grow(MAX - 65_535).size());
        Http2Exception c = assertThrows(Http2Exception.class, () -> conn.grow(MAX - 65_534));
        assertEquals(Scope.CONNECTION, c.scope());
        assertThrows(IllegalArgumentException.class, () -> conn.grow(0));
    }

    @Test
    void aSmallerInitialWindowSizeCanMakeAWindowNegative() throws Http2Exception {
        FlowWindow w = FlowWindow.stream(1, 65_535).consume(60_000);
        FlowWindow lowered = w.resize(65_535, 0);
        assertEquals(-60_000, lowered.size());
        assertEquals(0, lowered.available());
        // An empty DATA frame still fits; one byte does not.
        assertEquals(-60_000, lowered.consume(0).size());
        assertThrows(Http2Exception.class, () -> lowered.consume(1));
        assertEquals(5_535, lowered.grow(65_535).size());
        assertEquals(65_535 - 60_000, lowered.resize(0, 65_535).size());
    }

    @Test
    void aLargerInitialWindowSizeMayNotPass2Pow31Minus1() throws Http2Exception {
        FlowWindow w = FlowWindow.stream(1, 65_535).grow(1000);
        assertEquals(MAX, w.resize(65_535, MAX - 1000).size());
        Http2Exception e = assertThrows(Http2Exception.class, () -> w.resize(65_535, MAX - 999));
        assertEquals(Reason.WINDOW_OVERFLOW, e.reason());
        assertEquals(Scope.CONNECTION, e.scope());
        assertThrows(IllegalArgumentException.class, () -> FlowWindow.connection().resize(65_535, 0));
    }

    @Test
    void windowsAreBounded() {
        assertThrows(IllegalArgumentException.class, () -> new FlowWindow(1, MAX + 1L));
        assertThrows(IllegalArgumentException.class, () -> new FlowWindow(1, -MAX - 1L));
        assertThrows(IllegalArgumentException.class, () -> FlowWindow.stream(0, 1));
    }
}
