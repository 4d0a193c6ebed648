package protocol.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import protocol.Headers;

class ForwardingTest {

    private static final TrustedProxies TRUSTED =
            new TrustedProxies(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("2001:db8:f::/48")));
    private static final InetSocketAddress PROXY = new InetSocketAddress(ProxyHeaderParserTest.address("10.0.0.2"), 40000);
    private static final InetSocketAddress STRANGER =
            new InetSocketAddress(ProxyHeaderParserTest.address("198.51.100.1"), 40000);

    // ---- Forwarded ----

    @Test
    void forwardedElementsAndParameters() {
        assertEquals(Optional.of(List.of(
                        new ForwardedElement(Optional.of(address("192.0.2.43", OptionalInt.empty())), Optional.of("https")),
                        new ForwardedElement(Optional.of(address("2001:db8:cafe::17", OptionalInt.of(4711))),
                                Optional.empty()),
                        new ForwardedElement(Optional.of(new Node.Hidden()), Optional.empty()),
                        new ForwardedElement(Optional.of(new Node.Hidden()), Optional.of("http")),
                        new ForwardedElement(Optional.empty(), Optional.empty()))),
                ForwardedField.parse(List.of("for=192.0.2.43;Proto=HTTPS;by=203.0.113.43, For=\"[2001:db8:cafe::17]:4711\"",
                        "for=unknown,for=\"_hidden:_port\";proto=http,host=example.com")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"for", "for=", "for=;", "=x", "for=192.0.2.1;for=192.0.2.2", "for=[::1]", "for=\"::1\"",
        "for=\"[::1\"", "for=\"[::1]x\"", "for=\"192.0.2.1:65536\"", "for=\"192.0.2.1:\"", "for=192.0.2.256",
        "for=hostname", "for=_", "for=\"_a b\"", "for=1.2.3.4 ;proto=http", "for=1.2.3.4; proto=http",
        "for=1.2.3.4 x", "proto=ht%tp", "proto=1http", "for=\"1.2.3.4", "for=\"a\\", "", " , ", "for=1.2.3.4,,;;x"})
    void malformedForwardedSaysNothing(String line) {
        assertEquals(Optional.empty(), ForwardedField.parse(List.of(line)));
    }

    // ---- the walk ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // X-Forwarded-For: the rightmost untrusted hop; trusted ones are skipped.
        "X-Forwarded-For|203.0.113.9|203.0.113.9",
        "X-Forwarded-For|198.51.100.7, 203.0.113.9|203.0.113.9",
        "X-Forwarded-For|198.51.100.7, 203.0.113.9, 10.1.1.1|203.0.113.9",
        "X-Forwarded-For|10.9.9.9, 10.1.1.1|10.9.9.9",
        "X-Forwarded-For|203.0.113.9, garbage, 10.1.1.1|10.1.1.1",
        "X-Forwarded-For|2001:db8::9, [2001:db8:f::1]|2001:db8::9",
        "X-Forwarded-For|,|10.0.0.2",
        // With the ports some proxies add: the same walk.
        "X-Forwarded-For|198.51.100.7:4711, 203.0.113.9:5000|203.0.113.9",
        "X-Forwarded-For|[2001:db8::9]:1234, 10.1.1.1:80|2001:db8::9",
        "X-Forwarded-For|203.0.113.9, 10.1.1.1:65535|203.0.113.9",
        "X-Forwarded-For|203.0.113.9, 10.1.1.1:65536|10.0.0.2",
        "X-Forwarded-For|203.0.113.9, 10.1.1.1:|10.0.0.2",
        "X-Forwarded-For|203.0.113.9, [2001:db8::9|10.0.0.2",
        "X-Forwarded-For|203.0.113.9, 2001:db8::9:80:x|10.0.0.2",
        "X-Forwarded-For|203.0.113.9, unknown|10.0.0.2",
        // Forwarded: the same walk; unknown and obfuscated hops end it at the proxy that met them.
        "Forwarded|for=203.0.113.9|203.0.113.9",
        "Forwarded|for=198.51.100.7, for=203.0.113.9;proto=https, for=10.1.1.1|203.0.113.9",
        "Forwarded|for=203.0.113.9, for=_hidden, for=10.1.1.1|10.1.1.1",
        "Forwarded|for=unknown|10.0.0.2",
        "Forwarded|proto=https|10.0.0.2",
        "Forwarded|for=\"[2001:db8::9]:1234\"|2001:db8::9",
        "Forwarded|for=10.5.5.5, for=10.6.6.6|10.5.5.5",
        // Malformed Forwarded: the peer.
        "Forwarded|for=203.0.113.9;for=1.2.3.4|10.0.0.2",
    })
    void fromATrustedPeer(String field, String value, String client) {
        var origin = TRUSTED.origin(PROXY, Headers.of(field, value));
        assertEquals(ProxyHeaderParserTest.address(client), origin.client().address());
    }

    @Test
    void forwardedWinsOverXForwardedFor() {
        var origin = TRUSTED.origin(PROXY, Headers.of("X-Forwarded-For", "198.51.100.1", "Forwarded", "for=203.0.113.9"));
        assertEquals(ProxyHeaderParserTest.address("203.0.113.9"), origin.client().address());
        assertEquals(OptionalInt.empty(), origin.client().port());
    }

    @Test
    void severalFieldLinesAreOneList() {
        var headers = Headers.builder().add("X-Forwarded-For", "203.0.113.9").add("X-Forwarded-For", "10.1.1.1").build();
        assertEquals(ProxyHeaderParserTest.address("203.0.113.9"), TRUSTED.origin(PROXY, headers).client().address());
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItSays() {
        var headers = Headers.of("X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "https",
                "Forwarded", "for=203.0.113.9;proto=https");
        var origin = TRUSTED.origin(STRANGER, headers);
        assertEquals(new TrustedProxies.Origin(new Node.Address(STRANGER.getAddress(), OptionalInt.of(40000)),
                Optional.empty()), origin);
        assertEquals(origin, TrustedProxies.NONE.origin(PROXY.getAddress().equals(STRANGER.getAddress()) ? PROXY : STRANGER,
                headers));
    }

    @Test
    void anXForwardedForPortIsKeptWithItsAddress() {
        assertEquals(address("203.0.113.9", OptionalInt.of(4711)),
                TRUSTED.origin(PROXY, Headers.of("X-Forwarded-For", "203.0.113.9:4711")).client());
        assertEquals(address("2001:db8::9", OptionalInt.of(1234)),
                TRUSTED.origin(PROXY, Headers.of("X-Forwarded-For", "[2001:db8::9]:1234")).client());
        assertEquals(address("2001:db8::9", OptionalInt.empty()),
                TRUSTED.origin(PROXY, Headers.of("X-Forwarded-For", "2001:db8::9")).client());
    }

    @Test
    void noProxyIsTrustedByDefault() {
        var origin = TrustedProxies.NONE.origin(PROXY, Headers.of("X-Forwarded-For", "203.0.113.9"));
        assertEquals(PROXY.getAddress(), origin.client().address());
        assertEquals(OptionalInt.of(40000), origin.client().port());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "203.0.113.9|https|https",
        "203.0.113.9|HTTPS|https",
        "203.0.113.9|http|http",
        "203.0.113.9|ftp|",
        "203.0.113.9, 10.1.1.1|https|https",
        "203.0.113.9, 10.1.1.1|https, http|https",
        "203.0.113.9, 10.1.1.1, 10.2.2.2|https, http|",
    })
    void xForwardedProto(String chain, String proto, String scheme) {
        var origin = TRUSTED.origin(PROXY, Headers.of("X-Forwarded-For", chain, "X-Forwarded-Proto", proto));
        assertEquals(Optional.ofNullable(scheme), origin.scheme());
    }

    @Test
    void xForwardedProtoAloneKeepsThePeerAsTheClient() {
        var origin = TRUSTED.origin(PROXY, Headers.of("X-Forwarded-Proto", "https"));
        assertEquals(PROXY.getAddress(), origin.client().address());
        assertEquals(Optional.of("https"), origin.scheme());
        assertEquals(Optional.empty(), TRUSTED.origin(PROXY, Headers.of("X-Forwarded-Proto", "https, http")).scheme());
    }

    @Test
    void forwardedProtoIsTheClientHops() {
        var origin = TRUSTED.origin(PROXY, Headers.of("Forwarded", "for=203.0.113.9;proto=https, for=10.1.1.1;proto=http"));
        assertEquals(Optional.of("https"), origin.scheme());
        assertEquals(true, origin.saysHttps());
    }

    private static Node.Address address(String literal, OptionalInt port) {
        return new Node.Address(ProxyHeaderParserTest.address(literal), port);
    }
}
