package protocol.proxy;

import java.net.InetAddress;
import java.util.Objects;
import java.util.OptionalInt;

/** One hop of a forwarding chain, as a proxy names it: an address, or a node it does not reveal. */
public sealed interface Node {

    /** An IP address, with the port the hop used when the proxy gave it. */
    record Address(InetAddress address, OptionalInt port) implements Node {

        public Address {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(port, "port");
        }
    }

    /**
     * {@code unknown}, an obfuscated identifier ({@code _hidden}, RFC 7239 §6.3), or anything in
     * {@code X-Forwarded-For} that is no address: the chain cannot be followed past it.
     */
    record Hidden() implements Node {}
}
