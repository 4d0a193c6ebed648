package protocol.http2;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Feeds bytes to a frame decoder whole, one byte at a time, and split at every offset; the outcomes must agree. */
final class FrameFeed {

    /** An error the decoder raised, as a value. */
    record Failure(Http2Exception.Reason reason, Http2Exception.Scope scope, int streamId, Optional<Frame> frame) {
        static Failure of(Http2Exception e) {
            return new Failure(e.reason(), e.scope(), e.streamId(), e.frame());
        }
    }

    /**
     * What the decoder produced: frames and stream errors in order, the connection error that ended it if any,
     * and whether it stopped in the middle of a frame.
     */
    record Outcome(List<Object> events, Optional<Failure> connectionError, boolean midFrame) {
        List<Frame> frames() {
            List<Frame> out = new ArrayList<>();
            for (Object e : events) {
                if (e instanceof Frame f) {
                    out.add(f);
                }
            }
            return out;
        }
    }

    private FrameFeed() {}

    /** The outcome, after checking that every way of feeding {@code bytes} gives the same one. */
    static Outcome allWays(int maxFrameSize, byte[] bytes) {
        Outcome whole = feed(maxFrameSize, List.of(bytes));
        List<byte[]> single = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            single.add(Arrays.copyOfRange(bytes, i, i + 1));
        }
        same(whole, feed(maxFrameSize, single), "byte by byte");
        for (int at = 1; at < bytes.length; at++) {
            same(whole, split(maxFrameSize, bytes, at), "split at " + at);
        }
        return whole;
    }

    static Outcome allWays(byte[] bytes) {
        return allWays(Http2Limits.DEFAULTS.maxFrameSize(), bytes);
    }

    static Outcome split(int maxFrameSize, byte[] bytes, int at) {
        return feed(maxFrameSize, List.of(Arrays.copyOfRange(bytes, 0, at), Arrays.copyOfRange(bytes, at, bytes.length)));
    }

    /** Fails without printing the outcomes, which may hold fuzzer input. */
    static void same(Outcome expected, Outcome actual, String how) {
        if (!expected.equals(actual)) {
            throw new AssertionError("outcomes differ: " + how);
        }
    }

    /**
     * Feeds the pieces in order to one decoder, checking after each call that it consumed only what it was given
     * and, on need-more, all of it.
     */
    static Outcome feed(int maxFrameSize, List<byte[]> pieces) {
        FrameDecoder decoder = new FrameDecoder(maxFrameSize);
        List<Object> events = new ArrayList<>();
        for (byte[] piece : pieces) {
            ByteBuffer buf = ByteBuffer.wrap(piece);
            while (true) {
                int before = buf.position();
                try {
                    FrameResult r = decoder.decode(buf);
                    check(buf.position() >= before && buf.limit() == piece.length, "consumed what was given");
                    if (r instanceof FrameResult.NeedMore) {
                        check(!buf.hasRemaining(), "need more with bytes left");
                        break;
                    }
                    events.add(r);
                } catch (Http2Exception e) {
                    Failure f = Failure.of(e);
                    if (e.scope() == Http2Exception.Scope.CONNECTION) {
                        return new Outcome(events, Optional.of(f), true);
                    }
                    check(decoder.idle(), "a stream error ends its frame");
                    events.add(f);
                }
            }
        }
        return new Outcome(events, Optional.empty(), !decoder.idle());
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    /** The bytes of a frame built field by field, to send what the encoder would refuse to. */
    static byte[] raw(int length, int type, int flags, int streamId, byte... payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        out.write(type);
        out.write(flags);
        out.write(streamId >>> 24);
        out.write(streamId >>> 16);
        out.write(streamId >>> 8);
        out.write(streamId);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** A raw frame whose length field is its payload's. */
    static byte[] raw(FrameType type, int flags, int streamId, byte... payload) {
        return raw(payload.length, type.code(), flags, streamId, payload);
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] encode(Frame f) {
        ByteBuffer b = FrameEncoder.encode(f);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** The single frame {@code bytes} hold, fed every way. */
    static Frame frame(byte[] bytes) {
        Outcome o = allWays(bytes);
        check(o.connectionError().isEmpty(), "refused: " + o.connectionError());
        check(!o.midFrame(), "incomplete");
        check(o.events().size() == 1 && o.events().get(0) instanceof Frame, "one frame: " + o.events());
        return (Frame) o.events().get(0);
    }

    /** The error {@code bytes} are refused with, fed every way: a connection error, or the one stream error. */
    static Failure failure(int maxFrameSize, byte[] bytes) {
        Outcome o = allWays(maxFrameSize, bytes);
        if (o.connectionError().isPresent()) {
            return o.connectionError().get();
        }
        check(o.events().size() == 1 && o.events().get(0) instanceof Failure, "one error: " + o.events());
        return (Failure) o.events().get(0);
    }

    static Failure failure(byte[] bytes) {
        return failure(Http2Limits.DEFAULTS.maxFrameSize(), bytes);
    }
}
