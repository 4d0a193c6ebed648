package app.server;

import app.handler.Response;
import app.tls.TlsConfig;
import java.net.InetSocketAddress;
import java.util.Optional;
import protocol.Headers;
import protocol.proxy.Node;
import protocol.proxy.TrustedProxies;

/**
 * What the trusted proxies in front ({@code --trusted-proxy}) say of each request: who its client
 * is, and whether that client came over HTTPS. Asked per request, not per connection, since a proxy
 * carries requests of many clients on one connection.
 */
public final class Forwarding {

    private static final String HSTS = "Strict-Transport-Security";
    private static final String HTTP = "http";

    private Forwarding() {}

    /**
     * The origin a trusted proxy gives a request from {@code peer} with {@code headers}; empty when
     * the peer is no trusted proxy, and its own address and the connection's scheme stand.
     */
    public static Optional<TrustedProxies.Origin> origin(ServerContext context, InetSocketAddress peer,
            Headers headers) {
        TrustedProxies trusted = context.config().proxy().trusted();
        if (!trusted.trusts(peer.getAddress())) {
            return Optional.empty();
        }
        return Optional.of(trusted.origin(peer, headers));
    }

    /** The client the logs and the pool report show: the origin's, else {@code connectionClient}. */
    public static String client(Optional<TrustedProxies.Origin> origin, String connectionClient) {
        return origin.map(o -> text(o.client())).orElse(connectionClient);
    }

    /** Whether a trusted proxy says the request's client came over HTTPS. */
    public static boolean saysHttps(Optional<TrustedProxies.Origin> origin) {
        return origin.filter(TrustedProxies.Origin::saysHttps).isPresent();
    }

    /**
     * {@code response}, with {@code Strict-Transport-Security} when it goes over cleartext to the
     * proxy but over HTTPS to the client, as the proxy says (RFC 6797 §7.2 asks for a secure
     * transport, which the client's is); the HTTPS listener adds the field itself.
     */
    public static Response secured(ServerContext context, String scheme, Optional<TrustedProxies.Origin> origin,
            Response response) {
        if (!scheme.equals(HTTP) || !saysHttps(origin)) {
            return response;
        }
        Optional<String> hsts = context.config().tls().flatMap(TlsConfig::hstsHeaderValue);
        return hsts.isEmpty() || response.headers().contains(HSTS) ? response : response.with(HSTS, hsts.get());
    }

    /** {@code address:port}, or {@code address:-} when the proxy gave no port. */
    static String text(Node.Address client) {
        String address = client.address().getHostAddress();
        return address + ":" + (client.port().isPresent() ? Integer.toString(client.port().getAsInt()) : "-");
    }
}
