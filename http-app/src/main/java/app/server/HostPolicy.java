package app.server;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which {@code Host} values the server answers (SPEC "Host validation"): its own names on its
 * port, so that a page loaded through a rebound DNS name cannot read from it.
 */
public final class HostPolicy {

    private final Set<String> accepted;
    private final boolean any;

    private HostPolicy(Set<String> accepted, boolean any) {
        this.accepted = Set.copyOf(accepted);
        this.any = any;
    }

    /**
     * The policy for a server bound to {@code bound} on {@code port}: {@code localhost},
     * {@code 127.0.0.1} and {@code [::1]}, the configured host, the machine's addresses when
     * the bind is a wildcard, and every extra name (with or without the port; {@code *} accepts
     * anything).
     */
    public static HostPolicy of(String configuredHost, InetAddress bound, int port, List<String> extra) {
        var names = new HashSet<String>();
        addWithPort(names, "localhost", port);
        addWithPort(names, "127.0.0.1", port);
        addWithPort(names, "[::1]", port);
        addWithPort(names, literal(configuredHost), port);
        addWithPort(names, literal(bound), port);
        if (bound.isAnyLocalAddress()) {
            for (InetAddress address : machineAddresses()) {
                addWithPort(names, literal(address), port);
            }
        }
        boolean any = false;
        for (String name : extra) {
            if (name.equals("*")) {
                any = true;
            } else if (name.indexOf(':') > 0 && !name.startsWith("[")) {
                names.add(canonical(name));
            } else {
                addWithPort(names, name, port);
            }
        }
        return new HostPolicy(names, any);
    }

    /** Whether {@code host}, a syntactically valid Host field value, names this server. */
    public boolean accepts(String host) {
        return any || accepted.contains(canonical(host));
    }

    // IPv6 literals have many spellings ([::1], [0:0::1]); compare their expanded form.
    private static String canonical(String hostPort) {
        String lower = hostPort.toLowerCase(Locale.ROOT);
        int close = lower.indexOf(']');
        if (!lower.startsWith("[") || close < 0) {
            return lower;
        }
        String inside = lower.substring(1, close);
        if (!inside.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return lower;
        }
        try {
            // A literal: no name lookup happens.
            return literal(InetAddress.getByName(inside)) + lower.substring(close + 1);
        } catch (java.net.UnknownHostException e) {
            return lower;
        }
    }

    // "localhost" without a port stands for port 80 (RFC 9110 §7.2 with the http scheme's default).
    private static void addWithPort(Set<String> names, String host, int port) {
        String name = canonical(host);
        names.add(name + ":" + port);
        if (port == 80) {
            names.add(name);
        }
    }

    private static String literal(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static String literal(InetAddress address) {
        if (address instanceof Inet6Address) {
            String text = address.getHostAddress();
            int zone = text.indexOf('%');
            return "[" + (zone < 0 ? text : text.substring(0, zone)) + "]";
        }
        return address.getHostAddress();
    }

    private static List<InetAddress> machineAddresses() {
        try {
            return NetworkInterface.networkInterfaces()
                    .flatMap(NetworkInterface::inetAddresses)
                    .toList();
        } catch (SocketException e) {
            return List.of();
        }
    }
}
