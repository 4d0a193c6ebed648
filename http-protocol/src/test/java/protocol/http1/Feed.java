package protocol.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import protocol.ProtocolException;
import protocol.Request;

/** Feeds bytes to a parser whole, one byte at a time, and split at every offset, and checks the outcomes agree. */
final class Feed {

    /** What the parser produced: heads and requests in order, the failure if any, and whether a request was pending. */
    record Outcome(List<Object> events, Optional<ProtocolException.Reason> failure, boolean midRequest) {
        List<Request> requests() {
            List<Request> out = new ArrayList<>();
            for (Object e : events) {
                if (e instanceof Request r) {
                    out.add(r);
                }
            }
            return out;
        }
    }

    private Feed() {}

    /** The outcome, after checking that every way of feeding {@code bytes} gives the same one. */
    static Outcome allWays(Limits limits, byte[] bytes) {
        Outcome whole = feed(limits, List.of(bytes));
        List<byte[]> single = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            single.add(Arrays.copyOfRange(bytes, i, i + 1));
        }
        same(whole, feed(limits, single), "byte by byte");
        for (int at = 1; at < bytes.length; at++) {
            same(whole, split(limits, bytes, at), "split at " + at);
        }
        return whole;
    }

    /** The outcome of feeding {@code bytes} in two pieces, cut at {@code at}. */
    static Outcome split(Limits limits, byte[] bytes, int at) {
        return feed(limits, List.of(Arrays.copyOfRange(bytes, 0, at), Arrays.copyOfRange(bytes, at, bytes.length)));
    }

    /** Fails without printing the outcomes, which may hold fuzzer input. */
    static void same(Outcome expected, Outcome actual, String how) {
        if (!expected.equals(actual)) {
            throw new AssertionError("outcomes differ: " + how);
        }
    }

    static Outcome allWays(Limits limits, String wire) {
        return allWays(limits, wire.getBytes(ISO_8859_1));
    }

    /** Feeds the pieces in order to one parser. */
    static Outcome feed(Limits limits, List<byte[]> pieces) {
        RequestParser parser = new RequestParser(limits);
        List<Object> events = new ArrayList<>();
        try {
            for (byte[] piece : pieces) {
                ByteBuffer buf = ByteBuffer.wrap(piece);
                while (true) {
                    ParseResult r = parser.parse(buf);
                    if (r instanceof ParseResult.NeedMore) {
                        assertFalse(buf.hasRemaining(), "need more with bytes left");
                        break;
                    } else if (r instanceof ParseResult.HeadReady h) {
                        events.add(h.head());
                    } else if (r instanceof ParseResult.Complete c) {
                        events.add(c.request());
                    }
                }
            }
        } catch (ProtocolException e) {
            return new Outcome(events, Optional.of(e.reason()), true);
        }
        return new Outcome(events, Optional.empty(), !parser.idle());
    }

    /** The single request {@code wire} holds, fed every way. */
    static Request request(String wire) {
        return request(Limits.DEFAULTS, wire);
    }

    static Request request(Limits limits, String wire) {
        Outcome o = allWays(limits, wire);
        if (o.failure().isPresent()) {
            fail("rejected: " + o.failure().get());
        }
        assertFalse(o.midRequest(), "incomplete");
        assertEquals(1, o.requests().size());
        return o.requests().get(0);
    }

    /** The reason {@code wire} is rejected for, fed every way. */
    static ProtocolException.Reason reject(String wire) {
        return reject(Limits.DEFAULTS, wire);
    }

    static ProtocolException.Reason reject(Limits limits, String wire) {
        Outcome o = allWays(limits, wire);
        assertTrue(o.failure().isPresent(), "accepted: " + o);
        return o.failure().get();
    }

    /** Whether {@code wire} is a prefix the parser waits on: no request, no failure. */
    static void assertNeedsMore(String wire) {
        Outcome o = allWays(Limits.DEFAULTS, wire);
        assertEquals(Optional.empty(), o.failure());
        assertTrue(o.requests().isEmpty());
    }

    static void assertRejected(ProtocolException.Reason expected, String wire) {
        assertEquals(expected, reject(wire), wire);
    }

    static ParseResult parseOnce(RequestParser parser, String wire) throws ProtocolException {
        ParseResult r = parser.parse(ByteBuffer.wrap(wire.getBytes(ISO_8859_1)));
        return assertInstanceOf(ParseResult.class, r);
    }
}
