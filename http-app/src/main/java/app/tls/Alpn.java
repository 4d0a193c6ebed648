package app.tls;

import java.util.List;

/** Application-Layer Protocol Negotiation on the server side (RFC 7301 §3.2). */
public final class Alpn {

    private Alpn() {}

    /** What the server answers to a ClientHello's ALPN list. */
    public sealed interface Choice {
        /**
         * The value JSSE's handshake application-protocol selector expects: the protocol, {@code ""}
         * to go on without ALPN, {@code null} to abort with {@code no_application_protocol}.
         */
        String forJsse();
    }

    /** One of ours that the client offered. */
    public record Chosen(String protocol) implements Choice {
        @Override
        public String forJsse() {
            return protocol;
        }
    }

    /** The client sent no ALPN list: go on, and the connection speaks HTTP/1.1. */
    public record None() implements Choice {
        @Override
        public String forJsse() {
            return "";
        }
    }

    /** The client offered only protocols we do not speak: the fatal {@code no_application_protocol} alert. */
    public record Refuse() implements Choice {
        @Override
        public String forJsse() {
            return null;
        }
    }

    /**
     * The first of {@code ours} (in our order: the server decides, RFC 7301 §3.2) that the client
     * {@code offered}; an empty offer means the client does not use ALPN.
     */
    public static Choice select(List<String> offered, List<String> ours) {
        if (offered.isEmpty()) {
            return new None();
        }
        for (String protocol : ours) {
            if (offered.contains(protocol)) {
                return new Chosen(protocol);
            }
        }
        return new Refuse();
    }
}
