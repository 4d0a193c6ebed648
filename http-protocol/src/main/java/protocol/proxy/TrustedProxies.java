package protocol.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import protocol.Headers;

/**
 * The proxies whose forwarding fields the server believes, and what those fields make of a
 * request's client. A request from any other peer keeps its peer as the client, whatever fields
 * it carries: anyone can write {@code X-Forwarded-For}.
 *
 * <p>The chain is {@code Forwarded} (RFC 7239) when the request has that field, else
 * {@code X-Forwarded-For}; it is walked from the right, the hop nearest the server first. Each
 * trusted address is a proxy, passed over; the first address that is not trusted is the client.
 * A hop that cannot be followed (obfuscated, {@code unknown}, no address, an element without
 * {@code for}) ends the walk: the client is then the last trusted proxy, the one that met it.
 * When every hop is trusted, the leftmost is the client. A {@code Forwarded} field that is
 * malformed says nothing, and the peer stays the client.
 *
 * @param ranges the trusted ranges, in the order given
 */
public record TrustedProxies(List<Cidr> ranges) {

    /** No proxy is trusted: every request's client is its peer. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private static final String FORWARDED = "Forwarded";
    private static final String X_FORWARDED_FOR = "X-Forwarded-For";
    private static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";

    public TrustedProxies {
        ranges = List.copyOf(ranges);
    }

    /** Whether {@code address} is a trusted proxy. */
    public boolean trusts(InetAddress address) {
        for (Cidr range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Who sent a request that came from {@code peer} with {@code headers}, and over which scheme,
     * when a trusted proxy says so.
     */
    public Origin origin(InetSocketAddress peer, Headers headers) {
        var direct = new Origin(new Node.Address(peer.getAddress(), OptionalInt.of(peer.getPort())), Optional.empty());
        if (!trusts(peer.getAddress())) {
            return direct;
        }
        Optional<List<ForwardedElement>> chain;
        if (headers.contains(FORWARDED)) {
            chain = ForwardedField.parse(headers.all(FORWARDED));
        } else {
            chain = XForwardedFields.parse(headers.all(X_FORWARDED_FOR), headers.all(X_FORWARDED_PROTO));
        }
        return chain.map(elements -> walk(direct.client(), elements)).orElse(direct);
    }

    private Origin walk(Node.Address peer, List<ForwardedElement> elements) {
        Node.Address nearest = peer;
        for (int i = elements.size() - 1; i >= 0; i--) {
            ForwardedElement element = elements.get(i);
            // The proxy that wrote this element is trusted: what it says of its own connection counts.
            Optional<String> proto = element.proto();
            if (!(element.from().orElse(new Node.Hidden()) instanceof Node.Address hop)) {
                return new Origin(nearest, proto);
            }
            if (!trusts(hop.address()) || i == 0) {
                return new Origin(hop, proto);
            }
            nearest = hop;
        }
        return new Origin(nearest, Optional.empty());
    }

    /**
     * A request's client, and the scheme it used when a trusted proxy says so ({@code http} or
     * {@code https}, lower case; other schemes are kept as said).
     */
    public record Origin(Node.Address client, Optional<String> scheme) {

        public Origin {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(scheme, "scheme");
        }

        /** Whether a trusted proxy says the client came over HTTPS. */
        public boolean saysHttps() {
            return scheme.filter("https"::equals).isPresent();
        }

        /** Whether a trusted proxy says the client came over cleartext HTTP. */
        public boolean saysHttp() {
            return scheme.filter("http"::equals).isPresent();
        }
    }
}
