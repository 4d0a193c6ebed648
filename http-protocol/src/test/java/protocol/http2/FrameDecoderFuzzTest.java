package protocol.http2;

import static protocol.FuzzChecks.check;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Properties of the frame codec; failures never print the input. */
class FrameDecoderFuzzTest {

    /**
     * Any bytes in any chunking: frames, need-more or Http2Exception, the same for every chunking; never a byte
     * consumed beyond what was given (checked by {@link FrameFeed#feed}); every frame decoded re-encodes to
     * itself.
     */
    @FuzzTest
    void anyBytes(FuzzedDataProvider data) {
        int maxFrameSize = data.consumeBoolean() ? 16_384 : data.consumeInt(16_384, 16_777_215);
        int cuts = data.consumeInt(0, 8);
        int[] at = new int[cuts];
        for (int i = 0; i < cuts; i++) {
            at[i] = data.consumeInt(0, 4096);
        }
        byte[] bytes = data.consumeRemainingAsBytes();
        FrameFeed.Outcome whole = FrameFeed.feed(maxFrameSize, List.of(bytes));
        Arrays.sort(at);
        List<byte[]> pieces = new ArrayList<>();
        int from = 0;
        for (int cut : at) {
            int to = Math.max(from, Math.min(cut, bytes.length));
            pieces.add(Arrays.copyOfRange(bytes, from, to));
            from = to;
        }
        pieces.add(Arrays.copyOfRange(bytes, from, bytes.length));
        FrameFeed.same(whole, FrameFeed.feed(maxFrameSize, pieces), "chunked feed");
        for (Frame f : whole.frames()) {
            check(FrameEncoder.encodedLength(f) <= maxFrameSize + FrameEncoder.HEADER_LENGTH, "frame over the limit");
            check(decodeOne(FrameEncoder.encode(f)).equals(Optional.of(f)), "re-encoded frame decodes to itself");
        }
    }

    /** A random frame, encoded, decodes to itself: whole and split at any offset. */
    @FuzzTest
    void roundTrip(FuzzedDataProvider data) {
        Frame frame = FrameGenerator.frame(data);
        ByteBuffer wire = FrameEncoder.encode(frame);
        byte[] bytes = new byte[wire.remaining()];
        wire.get(bytes);
        check(bytes.length == FrameEncoder.encodedLength(frame), "encoded length");
        FrameFeed.Outcome want = new FrameFeed.Outcome(List.of(frame), Optional.empty(), false);
        int max = Math.max(Http2Limits.DEFAULTS.maxFrameSize(), bytes.length - FrameEncoder.HEADER_LENGTH);
        FrameFeed.same(want, FrameFeed.feed(max, List.of(bytes)), "whole");
        FrameFeed.same(want, FrameFeed.split(max, bytes, data.consumeInt(0, bytes.length)), "split");
    }

    private static Optional<Frame> decodeOne(ByteBuffer wire) {
        try {
            FrameResult r = new FrameDecoder(16_777_215).decode(wire);
            return r instanceof Frame f && !wire.hasRemaining() ? Optional.of(f) : Optional.empty();
        } catch (Http2Exception e) {
            return Optional.empty();
        }
    }
}
