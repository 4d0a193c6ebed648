package protocol.syntax;

/**
 * Checks {@code uri-host [ ":" port ]} (RFC 9110 §7.2, RFC 3986 §3.2.2): an IP-literal in brackets, or a
 * reg-name (which covers IPv4 addresses). There is no userinfo in a Host (RFC 9110 §4.2.4), and '@' is
 * not a reg-name character, so {@code user@host} fails.
 */
public final class HostSyntax {

    private static final Decimal PORT = Decimal.upTo(5);
    private static final int MAX_PORT = 65535;

    private HostSyntax() {}

    /** Whether {@code s[from, to)} is a valid, non-empty host with an optional port. */
    public static boolean isValid(String s, int from, int to) {
        if (from >= to) {
            // An empty host is only sent when the target URI has no authority, which an "http" URI
            // must have (RFC 9110 §4.2.1); so it cannot name this server.
            return false;
        }
        int hostEnd;
        if (s.charAt(from) == '[') {
            int close = s.indexOf(']', from);
            if (close < 0 || close >= to || !isIpLiteral(s, from + 1, close)) {
                return false;
            }
            hostEnd = close + 1;
        } else {
            hostEnd = from;
            while (hostEnd < to && s.charAt(hostEnd) != ':') {
                hostEnd++;
            }
            if (hostEnd == from || !isRegName(s, from, hostEnd)) {
                return false;
            }
        }
        if (hostEnd == to) {
            return true;
        }
        return s.charAt(hostEnd) == ':' && isPort(s, hostEnd + 1, to);
    }

    private static boolean isRegName(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= to || !ByteClass.isChar(s.charAt(i + 1), ByteClass.HEX)
                        || !ByteClass.isChar(s.charAt(i + 2), ByteClass.HEX)) {
                    return false;
                }
                i += 2;
            } else if (!ByteClass.isChar(c, ByteClass.REG_NAME)) {
                return false;
            }
        }
        return true;
    }

    /** A non-empty port of at most five digits, at most 65535; an empty port is refused as useless. */
    private static boolean isPort(String s, int from, int to) {
        long port = PORT.parse(s, from, to);
        return port >= 0 && port <= MAX_PORT;
    }

    /** RFC 3986 IP-literal contents: an IPv6 address (loosely: hex, ':' and '.') or IPvFuture. */
    private static boolean isIpLiteral(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        char first = s.charAt(from);
        if (first == 'v' || first == 'V') {
            return isIpvFuture(s, from + 1, to);
        }
        int colons = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == ':') {
                colons++;
            } else if (c != '.' && !ByteClass.isChar(c, ByteClass.HEX)) {
                return false;
            }
        }
        return colons >= 2 && colons <= 7;
    }

    private static boolean isIpvFuture(String s, int from, int to) {
        int dot = s.indexOf('.', from);
        if (dot <= from || dot >= to - 1) {
            return false;
        }
        for (int i = from; i < dot; i++) {
            if (!ByteClass.isChar(s.charAt(i), ByteClass.HEX)) {
                return false;
            }
        }
        for (int i = dot + 1; i < to; i++) {
            char c = s.charAt(i);
            if (c != ':' && !ByteClass.isChar(c, ByteClass.REG_NAME)) {
                return false;
            }
        }
        return true;
    }
}
