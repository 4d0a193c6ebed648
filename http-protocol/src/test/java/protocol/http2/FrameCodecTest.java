package protocol.http2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static protocol.http2.FrameFeed.bytes;
import static protocol.http2.FrameFeed.concat;
import static protocol.http2.FrameFeed.encode;
import static protocol.http2.FrameFeed.raw;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FrameCodecTest {

    private static final Octets HELLO = Octets.of("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    static Stream<Frame> everyType() {
        return Stream.of(
                new Frame.Data(1, HELLO, false),
                new Frame.Data(3, HELLO, true, 1),
                new Frame.Data(5, Octets.EMPTY, true, 256),
                new Frame.Data(7, Octets.EMPTY, false),
                new Frame.Headers(1, HELLO, true, true),
                new Frame.Headers(3, Optional.of(new Dependency(1, true, 256)), HELLO, false, false, 4),
                new Frame.Headers(5, Optional.of(new Dependency(0, false, 1)), Octets.EMPTY, false, true, 0),
                new Frame.Priority(9, new Dependency(0x7FFF_FFFF, true, 16)),
                new Frame.RstStream(1, ErrorCode.CANCEL),
                new Frame.RstStream(1, ErrorCode.of(0xFFFF_FFFFL)),
                Frame.Settings.ACK,
                new Frame.Settings(List.of()),
                new Frame.Settings(List.of(new Setting(Setting.MAX_FRAME_SIZE, 16_777_215),
                        new Setting(0xFFFF, 0xFFFF_FFFFL), new Setting(Setting.INITIAL_WINDOW_SIZE, 0x7FFF_FFFF))),
                new Frame.PushPromise(1, 2, HELLO, true, 0),
                new Frame.PushPromise(1, 0x7FFF_FFFF, Octets.EMPTY, false, 3),
                new Frame.Ping(false, 0x0102_0304_0506_0708L),
                new Frame.Ping(true, -1L),
                new Frame.GoAway(0, ErrorCode.NO_ERROR, Octets.EMPTY),
                new Frame.GoAway(0x7FFF_FFFF, ErrorCode.of(0x77), HELLO),
                new Frame.WindowUpdate(0, 1),
                new Frame.WindowUpdate(3, 0x7FFF_FFFF),
                new Frame.Continuation(1, HELLO, false),
                new Frame.Continuation(1, Octets.EMPTY, true),
                new Frame.Unknown(0x0a, 0xFF, 0, 0),
                new Frame.Unknown(0xFF, 0, 0x7FFF_FFFF, 7));
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void encodedThenDecodedIsEqualEveryWay(Frame frame) {
        byte[] wire = encode(frame);
        assertEquals(FrameEncoder.encodedLength(frame), wire.length);
        assertEquals(frame, FrameFeed.frame(wire));
    }

    @Test
    void framesInARowComeOutInOrderEveryWay() {
        List<Frame> frames = everyType().toList();
        byte[] wire = concat(frames.stream().map(FrameFeed::encode).toArray(byte[][]::new));
        FrameFeed.Outcome o = FrameFeed.allWays(wire);
        assertEquals(frames, o.events());
        assertFalse(o.midFrame());
    }

    @Test
    void exactBytes() {
        assertArrayEquals(bytes(0, 0, 0, 4, 1, 0, 0, 0, 0), encode(Frame.Settings.ACK));
        assertArrayEquals(bytes(0, 0, 8, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 42),
                encode(new Frame.Ping(false, 42)));
        assertArrayEquals(bytes(0, 0, 4, 8, 0, 0, 0, 0, 3, 0, 1, 0, 0), encode(new Frame.WindowUpdate(3, 65536)));
        // PADDED: pad length 2, then the data, then two zeros.
        assertArrayEquals(bytes(0, 0, 6, 0, 9, 0, 0, 0, 1, 2, 'h', 'i', 'x', 0, 0),
                encode(new Frame.Data(1, Octets.of(new byte[] {'h', 'i', 'x'}), true, 3)));
        // PRIORITY flag: exclusive bit, dependency 1, weight 256 sent as 255.
        assertArrayEquals(bytes(0, 0, 5, 1, 0x24, 0, 0, 0, 3, 0x80, 0, 0, 1, 255),
                encode(new Frame.Headers(3, Optional.of(new Dependency(1, true, 256)), Octets.EMPTY, false, true, 0)));
        assertArrayEquals(bytes(0, 0, 6, 4, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0x40, 0),
                encode(new Frame.Settings(List.of(new Setting(Setting.MAX_FRAME_SIZE, 16384)))));
    }

    @Test
    void encodingIntoTooSmallABufferWritesNothing() {
        ByteBuffer out = ByteBuffer.allocate(16);
        assertThrows(BufferOverflowException.class, () -> FrameEncoder.encode(new Frame.Ping(false, 1), out));
        assertEquals(0, out.position());
        FrameEncoder.encode(new Frame.Ping(false, 1), ByteBuffer.allocate(17));
    }

    @Test
    void aFrameHeaderAloneForPayloadsSentFromElsewhere() {
        ByteBuffer out = ByteBuffer.allocate(9);
        FrameEncoder.writeHeader(out, 16_384, FrameType.DATA, Flags.END_STREAM, 5);
        assertArrayEquals(bytes(0, 0x40, 0, 0, 1, 0, 0, 0, 5), out.array());
        assertThrows(IllegalArgumentException.class,
                () -> FrameEncoder.writeHeader(ByteBuffer.allocate(9), 1 << 24, FrameType.DATA, 0, 1));
    }

    @Test
    void unknownFlagsAreIgnoredAndTheReservedBitCleared() {
        // DATA with every flag set but PADDED, on stream 1 with the reserved bit set.
        Frame f = FrameFeed.frame(raw(FrameType.DATA, 0xF7, 0x8000_0001, (byte) 'x'));
        assertEquals(new Frame.Data(1, Octets.of(new byte[] {'x'}), true), f);
        Frame ping = FrameFeed.frame(raw(FrameType.PING, 0xFE, 0, new byte[8]));
        assertEquals(new Frame.Ping(false, 0), ping);
        Frame update = FrameFeed.frame(raw(FrameType.WINDOW_UPDATE, 0, 0, bytes(0x80, 0, 0, 1)));
        assertEquals(new Frame.WindowUpdate(0, 1), update);
    }

    @Test
    void unknownTypesAreSkippedWhateverTheirPayload() {
        byte[] unknown = raw(3, 0xEE, 0x5A, 7, bytes(1, 2, 3));
        byte[] ping = encode(new Frame.Ping(true, 9));
        FrameFeed.Outcome o = FrameFeed.allWays(concat(unknown, ping));
        assertEquals(List.of(new Frame.Unknown(0xEE, 0x5A, 7, 3), new Frame.Ping(true, 9)), o.events());
    }

    @Test
    void unknownSettingsAreKeptInTheFrameAndIgnoredWhenApplied() throws Http2Exception {
        Frame f = FrameFeed.frame(raw(FrameType.SETTINGS, 0, 0, bytes(0, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0, 8, 0, 0, 0, 1)));
        Frame.Settings s = assertInstanceOf(Frame.Settings.class, f);
        assertEquals(List.of(new Setting(0x7F, 0xFFFF_FFFFL), new Setting(8, 1)), s.settings());
        assertEquals(Settings.DEFAULTS, Settings.DEFAULTS.with(s.settings()));
    }

    @Test
    void decodingLeavesTheNextFrameInTheBuffer() throws Http2Exception {
        byte[] a = encode(new Frame.Ping(false, 1));
        byte[] b = encode(new Frame.WindowUpdate(0, 5));
        ByteBuffer buf = ByteBuffer.wrap(concat(a, b, bytes(0, 0)));
        FrameDecoder d = new FrameDecoder(16_384);
        assertEquals(new Frame.Ping(false, 1), d.decode(buf));
        assertEquals(a.length, buf.position());
        assertEquals(new Frame.WindowUpdate(0, 5), d.decode(buf));
        assertEquals(a.length + b.length, buf.position());
        assertEquals(FrameResult.NEED_MORE, d.decode(buf));
        assertFalse(buf.hasRemaining());
        assertFalse(d.idle());
    }

    @Test
    void aFieldBlockIsSplitIntoHeadersAndContinuations() {
        byte[] block = new byte[16_384 * 2 + 10];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) i;
        }
        Octets all = Octets.of(block);
        List<Frame> frames = FrameEncoder.headerBlock(1, Optional.of(Dependency.DEFAULT), all, true, 16_384);
        assertEquals(3, frames.size());
        Frame.Headers h = assertInstanceOf(Frame.Headers.class, frames.get(0));
        assertEquals(16_384 - 5, h.fragment().length());
        assertTrue(h.endStream());
        assertFalse(h.endHeaders());
        Frame.Continuation c1 = assertInstanceOf(Frame.Continuation.class, frames.get(1));
        Frame.Continuation c2 = assertInstanceOf(Frame.Continuation.class, frames.get(2));
        assertFalse(c1.endHeaders());
        assertTrue(c2.endHeaders());
        assertEquals(16_384, c1.fragment().length());
        assertEquals(all, Octets.of(concat(h.fragment().toByteArray(), c1.fragment().toByteArray(),
                c2.fragment().toByteArray())));
        for (Frame f : frames) {
            assertTrue(FrameEncoder.encodedLength(f) <= 16_384 + 9);
        }
        List<Frame> small = FrameEncoder.headerBlock(1, Optional.empty(), HELLO, false, 16_384);
        assertEquals(List.of(new Frame.Headers(1, HELLO, false, true)), small);
        List<Frame> exact = FrameEncoder.headerBlock(1, Optional.empty(), Octets.of(new byte[16_384]), false, 16_384);
        assertEquals(1, exact.size());
    }

    @Test
    void dataIsChunkedWithEndStreamOnTheLast() {
        Octets data = Octets.of(new byte[40_000]);
        List<Frame.Data> frames = FrameEncoder.data(1, data, true, 16_384);
        assertEquals(List.of(16_384, 16_384, 7232), frames.stream().map(d -> d.data().length()).toList());
        assertEquals(List.of(false, false, true), frames.stream().map(Frame.Data::endStream).toList());
        assertEquals(List.of(new Frame.Data(3, Octets.EMPTY, true)), FrameEncoder.data(3, Octets.EMPTY, true, 16_384));
        assertEquals(1, FrameEncoder.data(3, Octets.of(new byte[16_384]), false, 16_384).size());
        assertThrows(IllegalArgumentException.class, () -> FrameEncoder.data(3, data, true, 16_383));
    }

    @Test
    void flowControlCountsPadding() {
        assertEquals(5, new Frame.Data(1, HELLO, false).flowControlledLength());
        assertEquals(5 + 256, new Frame.Data(1, HELLO, false, 256).flowControlledLength());
    }

    @Test
    void recordsRefuseWhatTheWireCannotCarry() {
        assertThrows(IllegalArgumentException.class, () -> new Frame.Data(0, HELLO, false));
        assertThrows(IllegalArgumentException.class, () -> new Frame.Data(1, HELLO, false, 257));
        assertThrows(IllegalArgumentException.class, () -> new Frame.Headers(-1, HELLO, false, false));
        assertThrows(IllegalArgumentException.class, () -> new Frame.WindowUpdate(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Frame.Settings(true, List.of(new Setting(1, 1))));
        assertThrows(IllegalArgumentException.class, () -> new Frame.Unknown(FrameType.DATA.code(), 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Frame.Unknown(0x20, 0, 0, 1 << 24));
        assertThrows(IllegalArgumentException.class, () -> new Frame.PushPromise(1, 0, HELLO, true, 0));
        assertThrows(IllegalArgumentException.class, () -> new Dependency(1, false, 0));
        assertThrows(IllegalArgumentException.class, () -> new Dependency(1, false, 257));
        assertThrows(IllegalArgumentException.class, () -> new Setting(0x10000, 0));
        assertThrows(IllegalArgumentException.class, () -> new Setting(1, 1L << 32));
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(16_383));
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(1 << 24));
    }

    @Test
    void octetsAreValuesAndSlicesShareNothingVisible() {
        byte[] source = {1, 2, 3, 4};
        Octets o = Octets.of(source);
        source[0] = 9;
        assertEquals(Octets.of(new byte[] {1, 2, 3, 4}), o);
        assertEquals(Octets.of(new byte[] {2, 3}), o.slice(1, 3));
        assertEquals(Octets.of(new byte[] {2, 3}).hashCode(), o.slice(1, 3).hashCode());
        assertEquals(Octets.EMPTY, o.slice(2, 2));
        assertTrue(o.asReadOnlyBuffer().isReadOnly());
        assertEquals(4, o.asReadOnlyBuffer().remaining());
        byte[] copy = o.toByteArray();
        copy[1] = 9;
        assertEquals(2, o.toByteArray()[1]);
        ByteBuffer buf = ByteBuffer.wrap(new byte[] {7, 8, 9}).position(1);
        assertEquals(Octets.of(new byte[] {8, 9}), Octets.of(buf));
        assertEquals(1, buf.position());
    }
}
