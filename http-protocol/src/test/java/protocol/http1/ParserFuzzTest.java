package protocol.http1;

import static protocol.FuzzChecks.check;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import protocol.ProtocolException;
import protocol.Request;

/** Properties of the request parser; failures never print the input. */
class ParserFuzzTest {

    private static final int ALL_OFFSETS_UP_TO = 400;

    /** Any bytes in any chunking: requests, need-more or ProtocolException, the same for every chunking. */
    @FuzzTest
    void anyBytes(FuzzedDataProvider data) {
        Limits limits = new Limits(data.consumeInt(16, 128), data.consumeInt(1, 256), data.consumeInt(1, 8),
                data.consumeInt(0, 256), data.consumeInt(0, 32));
        int cuts = data.consumeInt(0, 8);
        int[] at = new int[cuts];
        for (int i = 0; i < cuts; i++) {
            at[i] = data.consumeInt(0, 4096);
        }
        byte[] bytes = data.consumeRemainingAsBytes();
        Feed.Outcome whole = Feed.feed(limits, List.of(bytes));
        Arrays.sort(at);
        List<byte[]> pieces = new ArrayList<>();
        int from = 0;
        for (int cut : at) {
            int to = Math.min(cut, bytes.length);
            pieces.add(Arrays.copyOfRange(bytes, from, Math.max(from, to)));
            from = Math.max(from, to);
        }
        pieces.add(Arrays.copyOfRange(bytes, from, bytes.length));
        Feed.same(whole, Feed.feed(limits, pieces), "chunked feed");
        for (Request r : whole.requests()) {
            check(r.body().length() <= limits.maxBodyBytes(), "body over the limit");
            check(r.target().length() <= limits.maxRequestLineBytes(), "target over the limit");
            check(r.headers().size() <= limits.maxHeaderCount(), "too many fields");
        }
    }

    /** A valid request parses to what it was built from: whole, byte by byte, split at any offset. */
    @FuzzTest
    void validRequest(FuzzedDataProvider data) {
        RequestGenerator.Generated g = RequestGenerator.generate(data);
        List<Object> expected = g.hasBody() ? List.of(g.expected().head(), g.expected()) : List.of(g.expected());
        Feed.Outcome want = new Feed.Outcome(expected, Optional.empty(), false);
        byte[] wire = g.wire();
        Feed.same(want, Feed.feed(Limits.DEFAULTS, List.of(wire)), "whole");
        if (wire.length <= ALL_OFFSETS_UP_TO) {
            Feed.same(want, Feed.allWays(Limits.DEFAULTS, wire), "every way");
        } else {
            for (int i = 0; i < 8; i++) {
                Feed.same(want, Feed.split(Limits.DEFAULTS, wire, data.consumeInt(0, wire.length)), "split");
            }
        }
    }

    /** Pipelined requests come out in order, each leaving exactly the bytes that follow it. */
    @FuzzTest
    void pipelined(FuzzedDataProvider data) throws ProtocolException {
        int n = data.consumeInt(1, 4);
        List<RequestGenerator.Generated> requests = new ArrayList<>();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            RequestGenerator.Generated g = RequestGenerator.generate(data);
            requests.add(g);
            wire.writeBytes(g.wire());
        }
        byte[] next = RequestGenerator.generate(data).wire();
        int tail = data.consumeInt(0, next.length - 1);
        wire.write(next, 0, tail);
        ByteBuffer buf = ByteBuffer.wrap(wire.toByteArray());
        RequestParser parser = new RequestParser(Limits.DEFAULTS);
        int end = 0;
        for (RequestGenerator.Generated g : requests) {
            end += g.wire().length;
            ParseResult r = parser.parse(buf);
            if (g.hasBody()) {
                check(r instanceof ParseResult.HeadReady, "head ready first");
                r = parser.parse(buf);
            }
            check(r instanceof ParseResult.Complete c && c.request().equals(g.expected()), "request in order");
            check(buf.position() == end, "leftover is exactly what follows");
        }
        ParseResult last = parser.parse(buf);
        if (last instanceof ParseResult.HeadReady) {
            // The tail may hold a whole head whose body has not arrived.
            last = parser.parse(buf);
        }
        check(last instanceof ParseResult.NeedMore, "the tail needs more");
        check(!buf.hasRemaining(), "the tail is consumed");
        check(parser.idle() == (tail == 0), "idle only without a tail");
    }
}
