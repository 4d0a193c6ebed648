package protocol.http2;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Frames to bytes (RFC 9113 §4.1, §6): a pure function of the frame. Reserved bits are sent as 0 (§4.1); padding
 * is sent as zeros (§6.1). The split helpers cut a field block or data into frames no longer than the peer's
 * SETTINGS_MAX_FRAME_SIZE.
 */
public final class FrameEncoder {

    /** Length of the frame header that precedes every payload. */
    public static final int HEADER_LENGTH = FrameHeader.LENGTH;

    private FrameEncoder() {}

    /** The number of bytes {@code frame} takes on the wire, header included. */
    public static int encodedLength(Frame frame) {
        return HEADER_LENGTH + payloadLength(frame);
    }

    /** {@code frame} as a new buffer, positioned at 0. */
    public static ByteBuffer encode(Frame frame) {
        ByteBuffer out = ByteBuffer.allocate(encodedLength(frame));
        encode(frame, out);
        return out.flip();
    }

    /**
     * Writes {@code frame} into {@code out}.
     *
     * @throws BufferOverflowException if {@code out} has less room than {@link #encodedLength}; nothing is written
     */
    public static void encode(Frame frame, ByteBuffer out) {
        if (out.remaining() < encodedLength(frame)) {
            throw new BufferOverflowException();
        }
        switch (frame) {
            case Frame.Data f -> {
                header(out, f, FrameType.DATA, Flags.of(f.endStream(), Flags.END_STREAM) | padded(f.padding()));
                padLength(out, f.padding());
                f.data().writeTo(out);
                padding(out, f.padding());
            }
            case Frame.Headers f -> {
                int flags = Flags.of(f.endStream(), Flags.END_STREAM) | Flags.of(f.endHeaders(), Flags.END_HEADERS)
                        | Flags.of(f.dependency().isPresent(), Flags.PRIORITY) | padded(f.padding());
                header(out, f, FrameType.HEADERS, flags);
                padLength(out, f.padding());
                f.dependency().ifPresent(d -> dependency(out, d));
                f.fragment().writeTo(out);
                padding(out, f.padding());
            }
            case Frame.Priority f -> {
                header(out, f, FrameType.PRIORITY, 0);
                dependency(out, f.dependency());
            }
            case Frame.RstStream f -> {
                header(out, f, FrameType.RST_STREAM, 0);
                out.putInt((int) f.code().code());
            }
            case Frame.Settings f -> {
                header(out, f, FrameType.SETTINGS, Flags.of(f.ack(), Flags.ACK));
                for (Setting s : f.settings()) {
                    out.putShort((short) s.id()).putInt((int) s.value());
                }
            }
            case Frame.PushPromise f -> {
                int flags = Flags.of(f.endHeaders(), Flags.END_HEADERS) | padded(f.padding());
                header(out, f, FrameType.PUSH_PROMISE, flags);
                padLength(out, f.padding());
                out.putInt(f.promisedStreamId());
                f.fragment().writeTo(out);
                padding(out, f.padding());
            }
            case Frame.Ping f -> {
                header(out, f, FrameType.PING, Flags.of(f.ack(), Flags.ACK));
                out.putLong(f.opaqueData());
            }
            case Frame.GoAway f -> {
                header(out, f, FrameType.GOAWAY, 0);
                out.putInt(f.lastStreamId()).putInt((int) f.code().code());
                f.debugData().writeTo(out);
            }
            case Frame.WindowUpdate f -> {
                header(out, f, FrameType.WINDOW_UPDATE, 0);
                out.putInt(f.increment());
            }
            case Frame.Continuation f -> {
                header(out, f, FrameType.CONTINUATION, Flags.of(f.endHeaders(), Flags.END_HEADERS));
                f.fragment().writeTo(out);
            }
            case Frame.Unknown f -> {
                writeHeader(out, f.length(), f.type(), f.flags(), f.streamId());
                // The payload of an unknown frame is not kept (§5.5): zeros stand in for it.
                zeros(out, f.length());
            }
        }
    }

    /**
     * Writes a frame header alone, for a writer that sends the payload from elsewhere (a file region).
     *
     * @throws IllegalArgumentException if a field is out of range
     */
    public static void writeHeader(ByteBuffer out, int length, FrameType type, int flags, int streamId) {
        writeHeader(out, length, type.code(), flags, streamId);
    }

    private static void writeHeader(ByteBuffer out, int length, int type, int flags, int streamId) {
        if (length < 0 || length > Frame.MAX_PAYLOAD || flags < 0 || flags > 0xFF || streamId < 0) {
            throw new IllegalArgumentException("frame header field out of range");
        }
        out.put((byte) (length >>> 16)).put((byte) (length >>> 8)).put((byte) length)
                .put((byte) type).put((byte) flags).putInt(streamId);
    }

    /**
     * A field block as one HEADERS frame followed by as many CONTINUATION frames as it needs, each payload at most
     * {@code maxFrameSize} (§4.3, §6.10); END_HEADERS is on the last.
     */
    public static List<Frame> headerBlock(int streamId, Optional<Dependency> dependency, Octets block,
                                          boolean endStream, int maxFrameSize) {
        checkMaxFrameSize(maxFrameSize);
        int first = Math.min(block.length(), maxFrameSize - (dependency.isPresent() ? 5 : 0));
        List<Frame> frames = new ArrayList<>();
        frames.add(new Frame.Headers(streamId, dependency, block.slice(0, first), endStream,
                first == block.length(), 0));
        for (int at = first; at < block.length(); at += maxFrameSize) {
            int to = Math.min(block.length(), at + maxFrameSize);
            frames.add(new Frame.Continuation(streamId, block.slice(at, to), to == block.length()));
        }
        return frames;
    }

    /**
     * Data as DATA frames of at most {@code maxFrameSize} bytes each, END_STREAM on the last if asked; empty data
     * gives one empty frame.
     */
    public static List<Frame.Data> data(int streamId, Octets data, boolean endStream, int maxFrameSize) {
        checkMaxFrameSize(maxFrameSize);
        List<Frame.Data> frames = new ArrayList<>();
        int at = 0;
        do {
            int to = Math.min(data.length(), at + maxFrameSize);
            frames.add(new Frame.Data(streamId, data.slice(at, to), endStream && to == data.length()));
            at = to;
        } while (at < data.length());
        return frames;
    }

    private static void checkMaxFrameSize(int maxFrameSize) {
        if (maxFrameSize < Setting.MIN_MAX_FRAME_SIZE || maxFrameSize > Setting.MAX_MAX_FRAME_SIZE) {
            throw new IllegalArgumentException("maxFrameSize must be in [16384, 16777215]: " + maxFrameSize);
        }
    }

    private static int payloadLength(Frame frame) {
        Objects.requireNonNull(frame, "frame");
        return switch (frame) {
            case Frame.Data f -> f.padding() + f.data().length();
            case Frame.Headers f -> f.padding() + (f.dependency().isPresent() ? 5 : 0) + f.fragment().length();
            case Frame.Priority f -> 5;
            case Frame.RstStream f -> 4;
            case Frame.Settings f -> 6 * f.settings().size();
            case Frame.PushPromise f -> f.padding() + 4 + f.fragment().length();
            case Frame.Ping f -> 8;
            case Frame.GoAway f -> 8 + f.debugData().length();
            case Frame.WindowUpdate f -> 4;
            case Frame.Continuation f -> f.fragment().length();
            case Frame.Unknown f -> f.length();
        };
    }

    private static void header(ByteBuffer out, Frame frame, FrameType type, int flags) {
        writeHeader(out, payloadLength(frame), type.code(), flags, frame.streamId());
    }

    private static int padded(int padding) {
        return Flags.of(padding > 0, Flags.PADDED);
    }

    private static void padLength(ByteBuffer out, int padding) {
        if (padding > 0) {
            out.put((byte) (padding - 1));
        }
    }

    /** Writes the padding that follows the content: all but the Pad Length field. */
    private static void padding(ByteBuffer out, int padding) {
        zeros(out, padding - 1);
    }

    private static void zeros(ByteBuffer out, int n) {
        for (int i = 0; i < n; i++) {
            out.put((byte) 0);
        }
    }

    private static void dependency(ByteBuffer out, Dependency d) {
        out.putInt(d.streamId() | (d.exclusive() ? 0x8000_0000 : 0)).put((byte) (d.weight() - 1));
    }
}
