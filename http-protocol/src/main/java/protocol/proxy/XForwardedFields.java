package protocol.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import protocol.syntax.FieldLists;

/**
 * The de facto fields {@code X-Forwarded-For} (a list of addresses, the client's first, each
 * proxy appending the one it received from) and {@code X-Forwarded-Proto}, as one chain of
 * {@link ForwardedElement}s.
 */
public final class XForwardedFields {

    private XForwardedFields() {}

    /**
     * The hops of every {@code X-Forwarded-For} line, in order: an IPv4 or IPv6 address (bare, or an
     * IPv6 one in brackets), with a port after an IPv4 one or the brackets when the proxy gives it,
     * is an address; any other entry, {@code unknown} included, is a hop that cannot be followed. The
     * scheme is {@code X-Forwarded-Proto}'s when it names one per hop, or a single one (what a
     * proxy that overwrites the field received), which then counts whichever hop is the client;
     * in any other case no hop says a scheme, and only {@code http} and {@code https} count.
     * Without {@code X-Forwarded-For}, a single {@code X-Forwarded-Proto} is one element without a
     * node (the peer stays the client); with neither, empty.
     */
    public static Optional<List<ForwardedElement>> parse(List<String> forLines, List<String> protoLines) {
        var hops = new ArrayList<Node>();
        for (String line : forLines) {
            for (String entry : FieldLists.elements(line)) {
                hops.add(hop(entry));
            }
        }
        var protos = new ArrayList<String>();
        for (String line : protoLines) {
            protos.addAll(FieldLists.elements(line));
        }
        if (hops.isEmpty()) {
            // A proxy that sends only X-Forwarded-Proto: the peer is the client, over the scheme it names.
            return protos.size() == 1 ? Optional.of(List.of(new ForwardedElement(Optional.empty(),
                    scheme(protos.getFirst())))) : Optional.empty();
        }
        var elements = new ArrayList<ForwardedElement>(hops.size());
        for (int i = 0; i < hops.size(); i++) {
            Optional<String> proto;
            if (protos.size() == hops.size()) {
                proto = scheme(protos.get(i));
            } else if (protos.size() == 1) {
                proto = scheme(protos.getFirst());
            } else {
                proto = Optional.empty();
            }
            elements.add(new ForwardedElement(Optional.of(hops.get(i)), proto));
        }
        return Optional.of(List.copyOf(elements));
    }

    private static Node hop(String entry) {
        if (!entry.startsWith("[") && entry.indexOf(':') != entry.lastIndexOf(':')) {
            // Colons and no brackets: a bare IPv6 address, which leaves no room for a port.
            return IpLiteral.ipv6(entry, 0, entry.length())
                    .<Node>map(b -> new Node.Address(IpLiteral.address(b), OptionalInt.empty()))
                    .orElseGet(Node.Hidden::new);
        }
        // An IPv4 address or a bracketed IPv6 one, with or without the port some proxies add
        // ("192.0.2.1:4711", "[2001:db8::1]:4711"): a node as RFC 7239 §6 writes one.
        return ForwardedField.node(entry).orElseGet(Node.Hidden::new);
    }

    private static Optional<String> scheme(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.equals("http") || lower.equals("https") ? Optional.of(lower) : Optional.empty();
    }
}
