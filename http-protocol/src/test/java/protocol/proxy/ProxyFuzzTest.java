package protocol.proxy;

import static protocol.FuzzChecks.check;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import protocol.Headers;

/** Properties of the PROXY header parser and the forwarding fields; failures never print the input. */
class ProxyFuzzTest {

    /**
     * Any bytes: a header, need-more or a rejection, nothing else; the same verdict for every prefix that gives one;
     * a header consumes exactly its length, never more than {@link ProxyHeaderParser#MAX_LENGTH}, and re-encoded
     * parses to the same header.
     */
    @FuzzTest
    void anyBytes(FuzzedDataProvider data) {
        boolean v2 = data.consumeBoolean();
        byte[] tail = data.consumeRemainingAsBytes();
        byte[] bytes = v2 && tail.length > 0 ? ProxyHeaderParserTest.concat(signature(), tail) : tail;
        var in = ByteBuffer.wrap(bytes);
        ProxyResult whole = ProxyHeaderParser.parse(in);
        switch (whole) {
            case ProxyResult.Parsed parsed -> {
                check(in.position() == parsed.length(), "consumed the header's length");
                check(parsed.length() <= ProxyHeaderParser.MAX_LENGTH, "header within the limit");
                byte[] again = ProxyHeaderEncoder.encode(parsed.header());
                var reparsed = ProxyHeaderParser.parse(ByteBuffer.wrap(again));
                check(reparsed instanceof ProxyResult.Parsed p && p.header().equals(parsed.header()),
                        "re-encoded header parses to itself");
            }
            case ProxyResult.NeedMore needMore -> {
                check(in.position() == 0, "need-more consumes nothing");
                check(bytes.length < ProxyHeaderParser.MAX_LENGTH, "need-more only below the limit");
            }
            case ProxyResult.Rejected rejected -> check(in.position() == 0, "a rejection consumes nothing");
        }
        for (int n = 0; n < bytes.length; n++) {
            ProxyResult prefix = ProxyHeaderParser.parse(ByteBuffer.wrap(bytes, 0, n));
            if (!(prefix instanceof ProxyResult.NeedMore)) {
                check(prefix.equals(whole), "a prefix's verdict stands");
                break;
            }
        }
    }

    /**
     * Any field values from a trusted or an untrusted peer: an origin, never an exception; from an untrusted peer
     * always the peer itself, without a scheme.
     */
    @FuzzTest
    void forwardingFields(FuzzedDataProvider data) {
        var trusted = new TrustedProxies(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("::1")));
        byte[] raw = data.consumeBytes(16);
        InetAddress peerAddress = raw.length == 16 ? address(raw) : address(new byte[] {10, 0, 0, (byte) raw.length});
        var peer = new InetSocketAddress(peerAddress, data.consumeInt(0, 65_535));
        var headers = Headers.builder();
        int fields = data.consumeInt(0, 4);
        for (int i = 0; i < fields; i++) {
            String name = data.pickValue(List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Proto"));
            headers.add(name, data.consumeString(200));
        }
        Headers built = headers.build();
        TrustedProxies.Origin origin = trusted.origin(peer, built);
        if (!trusted.trusts(peerAddress)) {
            check(origin.client().address().equals(peerAddress) && origin.scheme().isEmpty(), "untrusted peer stands");
        }
        Optional<List<ForwardedElement>> elements = ForwardedField.parse(built.all("Forwarded"));
        check(elements.map(list -> !list.isEmpty()).orElse(true), "no empty chain");
    }

    /** Any text as a CIDR: a range or IllegalArgumentException; a range contains its own network. */
    @FuzzTest
    void cidr(FuzzedDataProvider data) {
        try {
            Cidr range = Cidr.parse(data.consumeRemainingAsString());
            check(range.contains(range.network()), "a range contains its network");
            check(Cidr.parse(range.toString()).equals(range), "a range's text parses to itself");
        } catch (IllegalArgumentException e) {
            check(e.getMessage() != null && e.getMessage().indexOf('\n') < 0, "one line");
        }
    }

    private static byte[] signature() {
        return new byte[] {0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a, 0x21};
    }

    private static InetAddress address(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
