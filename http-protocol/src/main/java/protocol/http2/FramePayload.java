package protocol.http2;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import protocol.http2.Http2Exception.Reason;

/** Turns the payload of a frame of a known type, whose header passed {@link FrameHeader#check}, into the frame. */
final class FramePayload {

    private FramePayload() {}

    /**
     * The frame whose header is {@code h} and payload {@code payload}, exactly {@code h.length()} bytes the frame
     * takes ownership of.
     */
    static Frame decode(FrameHeader h, FrameType type, byte[] payload) throws Http2Exception {
        ByteBuffer p = ByteBuffer.wrap(payload);
        return switch (type) {
            case DATA -> data(h, payload);
            case HEADERS -> headers(h, payload);
            case PRIORITY -> priority(h, p);
            case RST_STREAM -> new Frame.RstStream(h.streamId(), ErrorCode.ofWire(p.getInt()));
            case SETTINGS -> settings(h, p);
            case PUSH_PROMISE -> pushPromise(h, payload);
            case PING -> new Frame.Ping(h.has(Flags.ACK), p.getLong());
            case GOAWAY -> new Frame.GoAway(p.getInt() & 0x7FFF_FFFF, ErrorCode.ofWire(p.getInt()),
                    Octets.wrap(payload, 8, payload.length - 8));
            case WINDOW_UPDATE -> windowUpdate(h, p);
            case CONTINUATION -> new Frame.Continuation(h.streamId(), Octets.wrap(payload, 0, payload.length),
                    h.has(Flags.END_HEADERS));
        };
    }

    /**
     * Where the payload between the fixed fields and the padding lies, after checking that both fit: a frame too
     * short for the fields its flags announce is a FRAME_SIZE_ERROR (§4.2), padding that leaves less than nothing
     * a PROTOCOL_ERROR (§6.1, §6.2, §6.6). Both connection errors: the frames carry flow-controlled data or field
     * blocks, which change the state of the whole connection (§4.2).
     */
    private record Layout(int padding, int from, int to) {

        static Layout of(FrameHeader h, byte[] payload, int fixed) throws Http2Exception {
            boolean padded = h.has(Flags.PADDED);
            int head = (padded ? 1 : 0) + fixed;
            if (payload.length < head) {
                throw Http2Exception.connection(Reason.FRAME_TOO_SHORT);
            }
            int pad = padded ? payload[0] & 0xFF : 0;
            if (pad > payload.length - head) {
                throw Http2Exception.connection(Reason.PADDING_TOO_LONG);
            }
            return new Layout(padded ? pad + 1 : 0, head, payload.length - pad);
        }

        int fixedAt() {
            return padding > 0 ? 1 : 0;
        }

        Octets content(byte[] payload) {
            return Octets.wrap(payload, from, to - from);
        }
    }

    private static Frame data(FrameHeader h, byte[] payload) throws Http2Exception {
        Layout l = Layout.of(h, payload, 0);
        return new Frame.Data(h.streamId(), l.content(payload), h.has(Flags.END_STREAM), l.padding());
    }

    private static Frame headers(FrameHeader h, byte[] payload) throws Http2Exception {
        boolean prioritised = h.has(Flags.PRIORITY);
        Layout l = Layout.of(h, payload, prioritised ? 5 : 0);
        Optional<Dependency> dependency = prioritised
                ? Optional.of(dependency(ByteBuffer.wrap(payload, l.fixedAt(), 5)))
                : Optional.empty();
        Frame.Headers frame = new Frame.Headers(h.streamId(), dependency, l.content(payload),
                h.has(Flags.END_STREAM), h.has(Flags.END_HEADERS), l.padding());
        if (dependency.isPresent() && dependency.get().streamId() == h.streamId()) {
            // §5.3.1: a stream error; the frame goes with it, for its field block must still be decoded (§4.3).
            throw Http2Exception.stream(Reason.SELF_DEPENDENCY, frame);
        }
        return frame;
    }

    private static Frame priority(FrameHeader h, ByteBuffer p) throws Http2Exception {
        Frame.Priority frame = new Frame.Priority(h.streamId(), dependency(p));
        if (frame.dependency().streamId() == h.streamId()) {
            throw Http2Exception.stream(Reason.SELF_DEPENDENCY, frame);
        }
        return frame;
    }

    private static Dependency dependency(ByteBuffer p) {
        int word = p.getInt();
        return new Dependency(word & 0x7FFF_FFFF, word < 0, (p.get() & 0xFF) + 1);
    }

    private static Frame settings(FrameHeader h, ByteBuffer p) throws Http2Exception {
        if (h.has(Flags.ACK)) {
            return Frame.Settings.ACK;
        }
        List<Setting> settings = new ArrayList<>(p.remaining() / 6);
        while (p.hasRemaining()) {
            Setting s = new Setting(p.getShort() & 0xFFFF, Integer.toUnsignedLong(p.getInt()));
            s.check();
            settings.add(s);
        }
        return new Frame.Settings(false, settings);
    }

    private static Frame pushPromise(FrameHeader h, byte[] payload) throws Http2Exception {
        Layout l = Layout.of(h, payload, 4);
        int promised = ByteBuffer.wrap(payload, l.fixedAt(), 4).getInt() & 0x7FFF_FFFF;
        if (promised == 0) {
            throw Http2Exception.connection(Reason.INVALID_PROMISED_STREAM);
        }
        return new Frame.PushPromise(h.streamId(), promised, l.content(payload), h.has(Flags.END_HEADERS),
                l.padding());
    }

    private static Frame windowUpdate(FrameHeader h, ByteBuffer p) throws Http2Exception {
        int increment = p.getInt() & 0x7FFF_FFFF;
        if (increment == 0) {
            // §6.9: an error for the stream it names, or for the connection on stream 0.
            throw h.streamId() == 0
                    ? Http2Exception.connection(Reason.ZERO_WINDOW_INCREMENT)
                    : Http2Exception.stream(Reason.ZERO_WINDOW_INCREMENT, h.streamId());
        }
        return new Frame.WindowUpdate(h.streamId(), increment);
    }
}
