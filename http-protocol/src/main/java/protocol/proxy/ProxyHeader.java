package protocol.proxy;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What a PROXY protocol header says about the connection it precedes: either the endpoints of the
 * connection the proxy accepted, or nothing, in which case the connection's own peer stands.
 */
public sealed interface ProxyHeader {

    /** The version of the protocol the header was written in. */
    enum Version {
        /** The text form: {@code PROXY TCP4 ...\r\n}. */
        V1,
        /** The binary form, opened by its 12-byte signature. */
        V2
    }

    /** The address family of a proxied TCP connection. */
    enum Family {
        /** TCP over IPv4: v1 {@code TCP4}, v2 {@code AF_INET STREAM}. */
        TCP4,
        /** TCP over IPv6: v1 {@code TCP6}, v2 {@code AF_INET6 STREAM}. */
        TCP6
    }

    /** The version the header was written in. */
    Version version();

    /**
     * A connection the proxy accepted from {@code source} on {@code destination}. A {@code TCP6}
     * header may carry an IPv4-mapped address, which Java presents as an IPv4 one; the family
     * keeps how it was written.
     */
    record Proxied(Version version, Family family, InetSocketAddress source, InetSocketAddress destination)
            implements ProxyHeader {

        public Proxied {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
        }
    }

    /**
     * The connection's own endpoints stand: v1 {@code UNKNOWN}, v2 {@code LOCAL} (a proxy's own
     * health check), and v2 {@code PROXY} for an unspecified family or a UNIX socket, whose
     * address is no IP address.
     */
    record Local(Version version) implements ProxyHeader {

        public Local {
            Objects.requireNonNull(version, "version");
        }
    }
}
