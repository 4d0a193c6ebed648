package protocol.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * IP address literals, read strictly and without any name lookup: IPv4 as exactly four decimal
 * numbers 0..255 without leading zeros (a leading zero reads as octal elsewhere), IPv6 as RFC 4291
 * §2.2 writes it: eight groups of one to four hex digits, at most one {@code ::}, optionally ending
 * in an IPv4 address; no zone.
 */
final class IpLiteral {

    private static final int IPV4_BYTES = 4;
    private static final int IPV6_BYTES = 16;
    private static final int IPV6_GROUPS = 8;
    private static final int MAX_GROUP_DIGITS = 4;
    private static final int MAX_OCTET = 255;

    private IpLiteral() {}

    /** The four bytes of an IPv4 literal spanning {@code s[from, to)}. */
    static Optional<byte[]> ipv4(CharSequence s, int from, int to) {
        byte[] bytes = new byte[IPV4_BYTES];
        int at = from;
        for (int part = 0; part < IPV4_BYTES; part++) {
            if (part > 0) {
                if (at >= to || s.charAt(at) != '.') {
                    return Optional.empty();
                }
                at++;
            }
            int start = at;
            int value = 0;
            while (at < to && at - start < 3 && isDigit(s.charAt(at))) {
                value = value * 10 + (s.charAt(at) - '0');
                at++;
            }
            int digits = at - start;
            if (digits == 0 || value > MAX_OCTET || digits > 1 && s.charAt(start) == '0') {
                return Optional.empty();
            }
            bytes[part] = (byte) value;
        }
        return at == to ? Optional.of(bytes) : Optional.empty();
    }

    /** The sixteen bytes of an IPv6 literal (without brackets) spanning {@code s[from, to)}. */
    static Optional<byte[]> ipv6(CharSequence s, int from, int to) {
        int[] groups = new int[IPV6_GROUPS];
        int count = 0;
        int gap = -1;
        int at = from;
        if (to - from >= 2 && s.charAt(from) == ':' && s.charAt(from + 1) == ':') {
            gap = 0;
            at = from + 2;
            if (at == to) {
                return Optional.of(new byte[IPV6_BYTES]);
            }
        } else if (at < to && s.charAt(at) == ':') {
            return Optional.empty();
        }
        while (true) {
            int start = at;
            int value = 0;
            while (at < to && at - start <= MAX_GROUP_DIGITS && hex(s.charAt(at)) >= 0) {
                value = value << 4 | hex(s.charAt(at));
                at++;
            }
            int digits = at - start;
            if (at < to && s.charAt(at) == '.') {
                // An embedded IPv4 address takes the last two groups.
                if (count + 2 > IPV6_GROUPS || gap < 0 && count != IPV6_GROUPS - 2) {
                    return Optional.empty();
                }
                Optional<byte[]> v4 = ipv4(s, start, to);
                if (v4.isEmpty()) {
                    return Optional.empty();
                }
                byte[] b = v4.get();
                groups[count++] = (b[0] & 0xff) << 8 | b[1] & 0xff;
                groups[count++] = (b[2] & 0xff) << 8 | b[3] & 0xff;
                break;
            }
            if (digits == 0 || digits > MAX_GROUP_DIGITS || count == IPV6_GROUPS) {
                return Optional.empty();
            }
            groups[count++] = value;
            if (at == to) {
                break;
            }
            if (s.charAt(at) != ':') {
                return Optional.empty();
            }
            at++;
            if (at < to && s.charAt(at) == ':') {
                if (gap >= 0) {
                    return Optional.empty();
                }
                gap = count;
                at++;
                if (at == to) {
                    break;
                }
            } else if (at == to) {
                return Optional.empty();
            }
        }
        // "::" stands for one or more zero groups (RFC 4291 §2.2), so it needs room for at least one.
        if (gap < 0 ? count != IPV6_GROUPS : count > IPV6_GROUPS - 1) {
            return Optional.empty();
        }
        byte[] bytes = new byte[IPV6_BYTES];
        int zeros = IPV6_GROUPS - count;
        for (int i = 0, g = 0; i < count; i++, g++) {
            if (i == gap) {
                g += zeros;
            }
            bytes[2 * g] = (byte) (groups[i] >>> 8);
            bytes[2 * g + 1] = (byte) groups[i];
        }
        return Optional.of(bytes);
    }

    /** An address of raw bytes: no lookup happens. IPv4-mapped IPv6 bytes give an IPv4 address, as Java does. */
    static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not 4 or 16 bytes", e);
        }
    }

    /** The sixteen bytes of {@code address} as IPv6: an IPv4 one as its IPv4-mapped form. */
    static byte[] sixteen(InetAddress address) {
        byte[] raw = address.getAddress();
        if (raw.length == IPV6_BYTES) {
            return raw;
        }
        byte[] mapped = new byte[IPV6_BYTES];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(raw, 0, mapped, 12, IPV4_BYTES);
        return mapped;
    }

    /** {@code address} as text: dotted IPv4, or RFC 5952 IPv6 (lower case, the longest zero run compressed). */
    static String text(InetAddress address) {
        byte[] raw = address.getAddress();
        if (raw.length == IPV4_BYTES) {
            return (raw[0] & 0xff) + "." + (raw[1] & 0xff) + "." + (raw[2] & 0xff) + "." + (raw[3] & 0xff);
        }
        return ipv6Text(raw);
    }

    /** Sixteen bytes as RFC 5952 text. */
    static String ipv6Text(byte[] raw) {
        int[] groups = new int[IPV6_GROUPS];
        for (int i = 0; i < IPV6_GROUPS; i++) {
            groups[i] = (raw[2 * i] & 0xff) << 8 | raw[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < IPV6_GROUPS; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < IPV6_GROUPS && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        var text = new StringBuilder(39);
        for (int i = 0; i < IPV6_GROUPS; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
