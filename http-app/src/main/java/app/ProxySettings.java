package app;

import java.util.Objects;
import protocol.proxy.TrustedProxies;

/**
 * How the server stands behind a proxy or load balancer.
 *
 * @param proxyProtocol {@code --proxy-protocol}: every connection to a main listener opens with a
 *                      PROXY protocol header (v1 or v2), whose client address replaces the peer's;
 *                      one without a valid header is closed unanswered
 * @param trusted       {@code --trusted-proxy}: the peers whose {@code Forwarded},
 *                      {@code X-Forwarded-For} and {@code X-Forwarded-Proto} fields are believed
 */
public record ProxySettings(boolean proxyProtocol, TrustedProxies trusted) {

    /** Not behind a proxy: no PROXY header is expected, no forwarding field believed. */
    public static final ProxySettings NONE = new ProxySettings(false, TrustedProxies.NONE);

    public ProxySettings {
        Objects.requireNonNull(trusted, "trusted");
    }
}
