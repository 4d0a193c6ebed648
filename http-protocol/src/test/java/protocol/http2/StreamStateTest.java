package protocol.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The §5.1 table: every state and every frame kind, received and sent, with and without END_STREAM. */
class StreamStateTest {

    private static final int STREAM = 7;

    /**
     * Received: state, type, END_STREAM ("*" for both) and the outcome: a state, "conn REASON" or "stream REASON".
     */
    private static final List<String> RECEIVED = List.of(
            "IDLE DATA * conn FRAME_ON_IDLE_STREAM",
            "IDLE HEADERS 0 OPEN",
            "IDLE HEADERS 1 HALF_CLOSED_REMOTE",
            "IDLE PRIORITY * IDLE",
            "IDLE RST_STREAM * conn FRAME_ON_IDLE_STREAM",
            "IDLE PUSH_PROMISE * conn PUSH_PROMISE_RECEIVED",
            "IDLE WINDOW_UPDATE * conn FRAME_ON_IDLE_STREAM",
            "RESERVED_LOCAL DATA * conn FRAME_ON_RESERVED_STREAM",
            "RESERVED_LOCAL HEADERS * conn FRAME_ON_RESERVED_STREAM",
            "RESERVED_LOCAL PRIORITY * RESERVED_LOCAL",
            "RESERVED_LOCAL RST_STREAM * CLOSED",
            "RESERVED_LOCAL PUSH_PROMISE * conn PUSH_PROMISE_RECEIVED",
            "RESERVED_LOCAL WINDOW_UPDATE * RESERVED_LOCAL",
            "RESERVED_REMOTE DATA * conn FRAME_ON_RESERVED_STREAM",
            "RESERVED_REMOTE HEADERS 0 HALF_CLOSED_LOCAL",
            "RESERVED_REMOTE HEADERS 1 CLOSED",
            "RESERVED_REMOTE PRIORITY * RESERVED_REMOTE",
            "RESERVED_REMOTE RST_STREAM * CLOSED",
            "RESERVED_REMOTE PUSH_PROMISE * conn PUSH_PROMISE_RECEIVED",
            "RESERVED_REMOTE WINDOW_UPDATE * conn FRAME_ON_RESERVED_STREAM",
            "OPEN DATA 0 OPEN",
            "OPEN DATA 1 HALF_CLOSED_REMOTE",
            "OPEN HEADERS 0 OPEN",
            "OPEN HEADERS 1 HALF_CLOSED_REMOTE",
            "OPEN PRIORITY * OPEN",
            "OPEN RST_STREAM * CLOSED",
            "OPEN PUSH_PROMISE * conn PUSH_PROMISE_RECEIVED",
            "OPEN WINDOW_UPDATE * OPEN",
            "HALF_CLOSED_LOCAL DATA 0 HALF_CLOSED_LOCAL",
            "HALF_CLOSED_LOCAL DATA 1 CLOSED",
            "HALF_CLOSED_LOCAL HEADERS 0 HALF_CLOSED_LOCAL",
            "HALF_CLOSED_LOCAL HEADERS 1 CLOSED",
            "HALF_CLOSED_LOCAL PRIORITY * HALF_CLOSED_LOCAL",
            "HALF_CLOSED_LOCAL RST_STREAM * CLOSED",
            "HALF_CLOSED_LOCAL PUSH_PROMISE * conn PUSH_PROMISE_RECEIVED",
            "HALF_CLOSED_LOCAL WINDOW_UPDATE * HALF_CLOSED_LOCAL",
            "HALF_CLOSED_REMOTE DATA * stream STREAM_CLOSED",
            "HALF_CLOSED_REMOTE HEADERS * stream STREAM_CLOSED",
            "HALF_CLOSED_REMOTE PRIORITY * HALF_CLOSED_REMOTE",
            "HALF_CLOSED_REMOTE RST_STREAM * CLOSED",
            "HALF_CLOSED_REMOTE PUSH_PROMISE * conn PUSH_PROMISE_RECEIVED",
            "HALF_CLOSED_REMOTE WINDOW_UPDATE * HALF_CLOSED_REMOTE",
            "CLOSED DATA * stream STREAM_CLOSED",
            "CLOSED HEADERS * stream STREAM_CLOSED",
            "CLOSED PRIORITY * CLOSED",
            "CLOSED RST_STREAM * CLOSED",
            "CLOSED PUSH_PROMISE * conn PUSH_PROMISE_RECEIVED",
            "CLOSED WINDOW_UPDATE * CLOSED");

    /** Sent: state, type, END_STREAM and the outcome: a state, or "refused". */
    private static final List<String> SENT = List.of(
            "IDLE DATA * refused",
            "IDLE HEADERS 0 OPEN",
            "IDLE HEADERS 1 HALF_CLOSED_LOCAL",
            "IDLE PRIORITY * IDLE",
            "IDLE RST_STREAM * refused",
            "IDLE PUSH_PROMISE * refused",
            "IDLE WINDOW_UPDATE * refused",
            "RESERVED_LOCAL DATA * refused",
            "RESERVED_LOCAL HEADERS 0 HALF_CLOSED_REMOTE",
            "RESERVED_LOCAL HEADERS 1 CLOSED",
            "RESERVED_LOCAL PRIORITY * RESERVED_LOCAL",
            "RESERVED_LOCAL RST_STREAM * CLOSED",
            "RESERVED_LOCAL PUSH_PROMISE * refused",
            "RESERVED_LOCAL WINDOW_UPDATE * refused",
            "RESERVED_REMOTE DATA * refused",
            "RESERVED_REMOTE HEADERS * refused",
            "RESERVED_REMOTE PRIORITY * RESERVED_REMOTE",
            "RESERVED_REMOTE RST_STREAM * CLOSED",
            "RESERVED_REMOTE PUSH_PROMISE * refused",
            "RESERVED_REMOTE WINDOW_UPDATE * RESERVED_REMOTE",
            "OPEN DATA 0 OPEN",
            "OPEN DATA 1 HALF_CLOSED_LOCAL",
            "OPEN HEADERS 0 OPEN",
            "OPEN HEADERS 1 HALF_CLOSED_LOCAL",
            "OPEN PRIORITY * OPEN",
            "OPEN RST_STREAM * CLOSED",
            "OPEN PUSH_PROMISE * refused",
            "OPEN WINDOW_UPDATE * OPEN",
            "HALF_CLOSED_LOCAL DATA * refused",
            "HALF_CLOSED_LOCAL HEADERS * refused",
            "HALF_CLOSED_LOCAL PRIORITY * HALF_CLOSED_LOCAL",
            "HALF_CLOSED_LOCAL RST_STREAM * CLOSED",
            "HALF_CLOSED_LOCAL PUSH_PROMISE * refused",
            "HALF_CLOSED_LOCAL WINDOW_UPDATE * HALF_CLOSED_LOCAL",
            "HALF_CLOSED_REMOTE DATA 0 HALF_CLOSED_REMOTE",
            "HALF_CLOSED_REMOTE DATA 1 CLOSED",
            "HALF_CLOSED_REMOTE HEADERS 0 HALF_CLOSED_REMOTE",
            "HALF_CLOSED_REMOTE HEADERS 1 CLOSED",
            "HALF_CLOSED_REMOTE PRIORITY * HALF_CLOSED_REMOTE",
            "HALF_CLOSED_REMOTE RST_STREAM * CLOSED",
            "HALF_CLOSED_REMOTE PUSH_PROMISE * refused",
            "HALF_CLOSED_REMOTE WINDOW_UPDATE * HALF_CLOSED_REMOTE",
            "CLOSED DATA * refused",
            "CLOSED HEADERS * refused",
            "CLOSED PRIORITY * CLOSED",
            "CLOSED RST_STREAM * CLOSED",
            "CLOSED PUSH_PROMISE * refused",
            "CLOSED WINDOW_UPDATE * refused");

    private static final List<FrameType> NOT_STREAM_EVENTS =
            List.of(FrameType.SETTINGS, FrameType.PING, FrameType.GOAWAY, FrameType.CONTINUATION);

    /** The table as a map from "STATE TYPE END" (END 0 or 1) to the outcome, each cell given exactly once. */
    private static Map<String, String> table(List<String> rows) {
        Map<String, String> cells = new HashMap<>();
        for (String row : rows) {
            String[] f = row.split(" ", 4);
            for (String end : f[2].equals("*") ? List.of("0", "1") : List.of(f[2])) {
                String key = f[0] + " " + f[1] + " " + end;
                if (cells.put(key, f[3]) != null) {
                    throw new AssertionError("two rows for " + key);
                }
            }
        }
        return cells;
    }

    private static String received(StreamState s, FrameType t, boolean end) {
        try {
            return s.received(t, end, STREAM).name();
        } catch (Http2Exception e) {
            return switch (e.scope()) {
                case CONNECTION -> "conn " + e.reason();
                case STREAM -> {
                    assertEquals(STREAM, e.streamId());
                    yield "stream " + e.reason();
                }
            };
        }
    }

    private static String sent(StreamState s, FrameType t, boolean end) {
        try {
            return s.sent(t, end).name();
        } catch (IllegalStateException e) {
            return "refused";
        }
    }

    @Test
    void everyStateAndFrameReceived() {
        Map<String, String> expected = table(RECEIVED);
        int cells = 0;
        for (StreamState s : StreamState.values()) {
            for (FrameType t : FrameType.values()) {
                for (boolean end : new boolean[] {false, true}) {
                    if (NOT_STREAM_EVENTS.contains(t)) {
                        assertThrows(IllegalArgumentException.class, () -> s.received(t, end, STREAM));
                        continue;
                    }
                    String key = s + " " + t + " " + (end ? 1 : 0);
                    assertEquals(expected.get(key), received(s, t, end), key);
                    cells++;
                }
            }
        }
        assertEquals(expected.size(), cells);
    }

    @Test
    void everyStateAndFrameSent() {
        Map<String, String> expected = table(SENT);
        int cells = 0;
        for (StreamState s : StreamState.values()) {
            for (FrameType t : FrameType.values()) {
                for (boolean end : new boolean[] {false, true}) {
                    if (NOT_STREAM_EVENTS.contains(t)) {
                        assertThrows(IllegalArgumentException.class, () -> s.sent(t, end));
                        continue;
                    }
                    String key = s + " " + t + " " + (end ? 1 : 0);
                    assertEquals(expected.get(key), sent(s, t, end), key);
                    cells++;
                }
            }
        }
        assertEquals(expected.size(), cells);
    }

    @Test
    void theErrorsCarryTheirCodes() {
        Http2Exception closed = assertThrows(Http2Exception.class,
                () -> StreamState.HALF_CLOSED_REMOTE.received(FrameType.DATA, false, 9));
        assertEquals(ErrorCode.STREAM_CLOSED, closed.code());
        assertEquals(Http2Exception.Scope.STREAM, closed.scope());
        assertEquals(9, closed.streamId());
        Http2Exception idle = assertThrows(Http2Exception.class,
                () -> StreamState.IDLE.received(FrameType.DATA, false, 9));
        assertEquals(ErrorCode.PROTOCOL_ERROR, idle.code());
        assertEquals(Http2Exception.Scope.CONNECTION, idle.scope());
        assertEquals(0, idle.streamId());
    }

    @Test
    void aRequestAndItsResponseWalkTheStates() throws Http2Exception {
        StreamState s = StreamState.IDLE.received(FrameType.HEADERS, false, 1);
        s = s.received(FrameType.DATA, true, 1);
        assertEquals(StreamState.HALF_CLOSED_REMOTE, s);
        s = s.sent(FrameType.HEADERS, false).sent(FrameType.DATA, false).sent(FrameType.DATA, true);
        assertEquals(StreamState.CLOSED, s);
        assertEquals(StreamState.CLOSED, s.received(FrameType.WINDOW_UPDATE, false, 1));
    }
}
