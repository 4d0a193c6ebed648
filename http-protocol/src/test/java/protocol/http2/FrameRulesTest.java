package protocol.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static protocol.http2.FrameFeed.bytes;
import static protocol.http2.FrameFeed.concat;
import static protocol.http2.FrameFeed.encode;
import static protocol.http2.FrameFeed.raw;
import static protocol.http2.Http2Exception.Scope.CONNECTION;
import static protocol.http2.Http2Exception.Scope.STREAM;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import protocol.http2.FrameFeed.Failure;
import protocol.http2.Http2Exception.Reason;
import protocol.http2.Http2Exception.Scope;

/** Each rule of RFC 9113 §4 and §6 a frame is judged by alone, at its edge: the limit accepted, one past refused. */
class FrameRulesTest {

    private static void assertFailure(Reason reason, Scope scope, int streamId, byte[] wire) {
        Failure f = FrameFeed.failure(wire);
        assertEquals(reason, f.reason());
        assertEquals(scope, f.scope());
        assertEquals(streamId, f.streamId());
    }

    private static void assertConnectionError(Reason reason, byte[] wire) {
        assertFailure(reason, CONNECTION, 0, wire);
    }

    private static FrameFeed.Outcome feedWhole(int maxFrameSize, byte[] wire) {
        return FrameFeed.feed(maxFrameSize, List.of(wire));
    }

    @Test
    void aFrameOfExactlyTheMaxFrameSizeIsAcceptedAndOneMoreRefused() {
        for (int max : new int[] {16_384, 20_000}) {
            byte[] exact = raw(FrameType.DATA, 0, 1, new byte[max]);
            FrameFeed.Outcome ok = feedWhole(max, exact);
            assertEquals(List.of(new Frame.Data(1, Octets.of(new byte[max]), false)), ok.events());
            FrameFeed.same(ok, FrameFeed.split(max, exact, 9), "split after the header");
            FrameFeed.same(ok, FrameFeed.split(max, exact, max / 2), "split in the payload");
            // Refused from the header alone: the payload never arrives and is never buffered.
            byte[] header = raw(max + 1, FrameType.DATA.code(), 0, 1);
            FrameFeed.Outcome refused = feedWhole(max, header);
            assertEquals(Reason.FRAME_TOO_LARGE, refused.connectionError().orElseThrow().reason());
            assertEquals(ErrorCode.FRAME_SIZE_ERROR, Reason.FRAME_TOO_LARGE.code());
        }
    }

    @Test
    void unknownFramesOverTheMaxFrameSizeAreRefusedToo() {
        assertEquals(List.of(new Frame.Unknown(0x30, 0, 0, 16_384)),
                feedWhole(16_384, raw(16_384, 0x30, 0, 0, new byte[16_384])).events());
        assertEquals(Reason.FRAME_TOO_LARGE,
                feedWhole(16_384, raw(16_385, 0x30, 0, 0)).connectionError().orElseThrow().reason());
    }

    @ParameterizedTest
    @EnumSource(value = FrameType.class, names = {"DATA", "HEADERS", "PRIORITY", "RST_STREAM", "PUSH_PROMISE",
        "CONTINUATION"})
    void streamFramesOnStreamZeroAreConnectionErrors(FrameType type) {
        // A payload valid for each type: PRIORITY's is 5 bytes, the others' 4 (a promised stream 1).
        byte[] payload = type == FrameType.PRIORITY ? bytes(0, 0, 0, 1, 0) : bytes(0, 0, 0, 1);
        assertConnectionError(Reason.STREAM_ID_REQUIRED, raw(type, 0, 0, payload));
        assertEquals(3, FrameFeed.frame(raw(type, 0, 3, payload)).streamId());
    }

    @ParameterizedTest
    @EnumSource(value = FrameType.class, names = {"SETTINGS", "PING", "GOAWAY"})
    void connectionFramesOnAStreamAreConnectionErrors(FrameType type) {
        int length = type == FrameType.SETTINGS ? 0 : 8;
        assertConnectionError(Reason.STREAM_ID_NOT_ALLOWED, raw(type, 0, 1, new byte[length]));
        assertEquals(1, FrameFeed.allWays(raw(type, 0, 0, new byte[length])).frames().size());
    }

    @Test
    void settingsLengthsAreMultiplesOfSix() {
        assertInstanceOf(Frame.Settings.class, FrameFeed.frame(raw(FrameType.SETTINGS, 0, 0, bytes(0, 9, 0, 0, 0, 1))));
        assertConnectionError(Reason.SETTINGS_LENGTH, raw(FrameType.SETTINGS, 0, 0, bytes(0, 9, 0, 0, 0, 1, 0)));
        assertConnectionError(Reason.SETTINGS_LENGTH, raw(FrameType.SETTINGS, 0, 0, bytes(0, 9, 0, 0, 0)));
        assertInstanceOf(Frame.Settings.class, FrameFeed.frame(raw(FrameType.SETTINGS, 0, 0, new byte[12])));
    }

    @Test
    void aSettingsAcknowledgementHasNoPayload() {
        assertSame(Frame.Settings.ACK, FrameFeed.frame(raw(FrameType.SETTINGS, Flags.ACK, 0)));
        assertConnectionError(Reason.SETTINGS_ACK_WITH_PAYLOAD, raw(FrameType.SETTINGS, Flags.ACK, 0, new byte[6]));
        assertConnectionError(Reason.SETTINGS_ACK_WITH_PAYLOAD, raw(FrameType.SETTINGS, Flags.ACK, 0, new byte[1]));
    }

    @Test
    void settingsValuesAreCheckedAtTheirEdges() {
        assertSetting(Setting.ENABLE_PUSH, 1, Optional.empty());
        assertSetting(Setting.ENABLE_PUSH, 2, Optional.of(Reason.INVALID_ENABLE_PUSH));
        assertSetting(Setting.INITIAL_WINDOW_SIZE, 0x7FFF_FFFFL, Optional.empty());
        assertSetting(Setting.INITIAL_WINDOW_SIZE, 0x8000_0000L, Optional.of(Reason.INITIAL_WINDOW_SIZE_TOO_LARGE));
        assertSetting(Setting.MAX_FRAME_SIZE, 16_384, Optional.empty());
        assertSetting(Setting.MAX_FRAME_SIZE, 16_383, Optional.of(Reason.INVALID_MAX_FRAME_SIZE));
        assertSetting(Setting.MAX_FRAME_SIZE, 16_777_215, Optional.empty());
        assertSetting(Setting.MAX_FRAME_SIZE, 16_777_216, Optional.of(Reason.INVALID_MAX_FRAME_SIZE));
        assertSetting(Setting.HEADER_TABLE_SIZE, 0xFFFF_FFFFL, Optional.empty());
        assertSetting(0x99, 0xFFFF_FFFFL, Optional.empty());
        assertEquals(ErrorCode.FLOW_CONTROL_ERROR, Reason.INITIAL_WINDOW_SIZE_TOO_LARGE.code());
        assertEquals(ErrorCode.PROTOCOL_ERROR, Reason.INVALID_MAX_FRAME_SIZE.code());
    }

    private static void assertSetting(int id, long value, Optional<Reason> refused) {
        byte[] wire = encode(new Frame.Settings(List.of(new Setting(id, value))));
        if (refused.isPresent()) {
            assertConnectionError(refused.get(), wire);
        } else {
            assertEquals(new Frame.Settings(List.of(new Setting(id, value))), FrameFeed.frame(wire));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 7, 9})
    void pingIsEightBytes(int length) {
        assertConnectionError(Reason.PING_LENGTH, raw(FrameType.PING, 0, 0, new byte[length]));
    }

    @Test
    void fixedLengthsAreExact() {
        assertInstanceOf(Frame.RstStream.class, FrameFeed.frame(raw(FrameType.RST_STREAM, 0, 1, new byte[4])));
        assertConnectionError(Reason.RST_STREAM_LENGTH, raw(FrameType.RST_STREAM, 0, 1, new byte[3]));
        assertConnectionError(Reason.RST_STREAM_LENGTH, raw(FrameType.RST_STREAM, 0, 1, new byte[5]));
        assertConnectionError(Reason.WINDOW_UPDATE_LENGTH, raw(FrameType.WINDOW_UPDATE, 0, 1, bytes(0, 0, 1)));
        assertConnectionError(Reason.WINDOW_UPDATE_LENGTH, raw(FrameType.WINDOW_UPDATE, 0, 0, bytes(0, 0, 0, 1, 0)));
        assertInstanceOf(Frame.GoAway.class, FrameFeed.frame(raw(FrameType.GOAWAY, 0, 0, new byte[8])));
        assertConnectionError(Reason.GOAWAY_LENGTH, raw(FrameType.GOAWAY, 0, 0, new byte[7]));
    }

    @Test
    void aPriorityFrameOfTheWrongLengthIsAStreamErrorAndTheConnectionGoesOn() {
        assertInstanceOf(Frame.Priority.class, FrameFeed.frame(raw(FrameType.PRIORITY, 0, 3, new byte[5])));
        assertFailure(Reason.PRIORITY_LENGTH, STREAM, 3, raw(FrameType.PRIORITY, 0, 3, new byte[4]));
        assertFailure(Reason.PRIORITY_LENGTH, STREAM, 3, raw(FrameType.PRIORITY, 0, 3, new byte[6]));
        byte[] wire = concat(raw(FrameType.PRIORITY, 0, 3, new byte[300]), encode(new Frame.Ping(false, 1)));
        FrameFeed.Outcome o = FrameFeed.allWays(wire);
        assertEquals(2, o.events().size());
        assertEquals(Reason.PRIORITY_LENGTH, assertInstanceOf(Failure.class, o.events().get(0)).reason());
        assertEquals(new Frame.Ping(false, 1), o.events().get(1));
        assertTrue(o.connectionError().isEmpty());
    }

    @Test
    void paddingMayTakeAllButThePadLengthField() {
        // DATA: payload of 5 bytes; pad length 4 leaves no data, 5 is the whole payload.
        assertEquals(new Frame.Data(1, Octets.EMPTY, false, 5),
                FrameFeed.frame(raw(FrameType.DATA, Flags.PADDED, 1, bytes(4, 0, 0, 0, 0))));
        assertConnectionError(Reason.PADDING_TOO_LONG, raw(FrameType.DATA, Flags.PADDED, 1, bytes(5, 0, 0, 0, 0)));
        assertConnectionError(Reason.PADDING_TOO_LONG, raw(FrameType.DATA, Flags.PADDED, 1, bytes(255)));
        assertEquals(new Frame.Data(1, Octets.EMPTY, false, 1), FrameFeed.frame(raw(FrameType.DATA, Flags.PADDED, 1, bytes(0))));
        assertConnectionError(Reason.FRAME_TOO_SHORT, raw(FrameType.DATA, Flags.PADDED, 1));
        // HEADERS: the priority fields come before the padding's share.
        int both = Flags.PADDED | Flags.PRIORITY;
        assertEquals(new Frame.Headers(1, Optional.of(new Dependency(0, false, 1)), Octets.EMPTY, false, false, 3),
                FrameFeed.frame(raw(FrameType.HEADERS, both, 1, bytes(2, 0, 0, 0, 0, 0, 0, 0))));
        assertConnectionError(Reason.PADDING_TOO_LONG, raw(FrameType.HEADERS, both, 1, bytes(3, 0, 0, 0, 0, 0, 0, 0)));
        assertConnectionError(Reason.PADDING_TOO_LONG, raw(FrameType.HEADERS, Flags.PADDED, 1, bytes(3, 0, 0)));
        assertConnectionError(Reason.FRAME_TOO_SHORT, raw(FrameType.HEADERS, both, 1, bytes(0, 0, 0, 0, 0)));
        assertConnectionError(Reason.FRAME_TOO_SHORT, raw(FrameType.HEADERS, Flags.PRIORITY, 1, bytes(0, 0, 0, 0)));
        // PUSH_PROMISE: the promised stream comes before the padding's share.
        assertEquals(new Frame.PushPromise(1, 2, Octets.EMPTY, false, 2),
                FrameFeed.frame(raw(FrameType.PUSH_PROMISE, Flags.PADDED, 1, bytes(1, 0, 0, 0, 2, 0))));
        assertConnectionError(Reason.PADDING_TOO_LONG, raw(FrameType.PUSH_PROMISE, Flags.PADDED, 1, bytes(2, 0, 0, 0, 2, 0)));
        assertConnectionError(Reason.FRAME_TOO_SHORT, raw(FrameType.PUSH_PROMISE, 0, 1, bytes(0, 0, 2)));
    }

    @Test
    void aPromiseOfStreamZeroIsRefused() {
        assertConnectionError(Reason.INVALID_PROMISED_STREAM, raw(FrameType.PUSH_PROMISE, 0, 1, bytes(0x80, 0, 0, 0)));
    }

    @Test
    void aZeroWindowIncrementIsAStreamErrorOnAStreamAndAConnectionErrorOnStreamZero() {
        assertFailure(Reason.ZERO_WINDOW_INCREMENT, STREAM, 5, raw(FrameType.WINDOW_UPDATE, 0, 5, bytes(0, 0, 0, 0)));
        // The reserved bit is not part of the increment.
        assertFailure(Reason.ZERO_WINDOW_INCREMENT, STREAM, 5, raw(FrameType.WINDOW_UPDATE, 0, 5, bytes(0x80, 0, 0, 0)));
        assertConnectionError(Reason.ZERO_WINDOW_INCREMENT, raw(FrameType.WINDOW_UPDATE, 0, 0, bytes(0, 0, 0, 0)));
        assertEquals(new Frame.WindowUpdate(5, 1), FrameFeed.frame(raw(FrameType.WINDOW_UPDATE, 0, 5, bytes(0, 0, 0, 1))));
        assertEquals(new Frame.WindowUpdate(0, 0x7FFF_FFFF),
                FrameFeed.frame(raw(FrameType.WINDOW_UPDATE, 0, 0, bytes(0xFF, 0xFF, 0xFF, 0xFF))));
    }

    @Test
    void aStreamThatDependsOnItselfIsAStreamErrorThatKeepsTheFieldBlock() {
        Frame.Headers selfish = new Frame.Headers(3, Optional.of(new Dependency(3, false, 16)),
                Octets.of(new byte[] {(byte) 0x82}), true, true, 0);
        Failure f = FrameFeed.failure(encode(selfish));
        assertEquals(new Failure(Reason.SELF_DEPENDENCY, STREAM, 3, Optional.of(selfish)), f);
        Frame.Priority priority = new Frame.Priority(3, new Dependency(3, true, 1));
        assertEquals(new Failure(Reason.SELF_DEPENDENCY, STREAM, 3, Optional.of(priority)),
                FrameFeed.failure(encode(priority)));
        assertEquals(new Frame.Priority(3, new Dependency(1, true, 1)),
                FrameFeed.frame(encode(new Frame.Priority(3, new Dependency(1, true, 1)))));
    }

    @Test
    void afterAConnectionErrorTheDecoderRethrows() throws Http2Exception {
        FrameDecoder d = new FrameDecoder(16_384);
        ByteBuffer bad = ByteBuffer.wrap(raw(FrameType.PING, 0, 1, new byte[8]));
        Http2Exception first = assertThrows(Http2Exception.class, () -> d.decode(bad));
        assertEquals(CONNECTION, first.scope());
        assertEquals(ErrorCode.PROTOCOL_ERROR, first.code());
        ByteBuffer good = ByteBuffer.wrap(encode(new Frame.Ping(false, 1)));
        assertSame(first, assertThrows(Http2Exception.class, () -> d.decode(good)));
        assertEquals(0, good.position());
        assertFalse(d.idle());
    }

    @Test
    void afterAStreamErrorTheDecoderGoesOn() throws Http2Exception {
        FrameDecoder d = new FrameDecoder(16_384);
        ByteBuffer buf = ByteBuffer.wrap(concat(raw(FrameType.WINDOW_UPDATE, 0, 1, new byte[4]),
                encode(new Frame.Ping(false, 1))));
        Http2Exception e = assertThrows(Http2Exception.class, () -> d.decode(buf));
        assertEquals(STREAM, e.scope());
        assertEquals(13, buf.position());
        assertTrue(d.idle());
        assertEquals(new Frame.Ping(false, 1), d.decode(buf));
    }
}
