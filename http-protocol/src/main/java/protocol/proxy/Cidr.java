package protocol.proxy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;

/**
 * A range of IP addresses, {@code 192.0.2.0/24} or {@code 2001:db8::/32}; a bare address is the
 * range of that address alone ({@code /32} or {@code /128}). The address must be the range's first
 * one: {@code 10.0.0.1/8} is refused rather than read as {@code 10.0.0.0/8}, since it is more
 * likely a mistake than a wish, and this decides whom the server trusts.
 *
 * @param network the first address of the range
 * @param prefix  the bits of {@code network} every address in the range shares
 */
public record Cidr(InetAddress network, int prefix) {

    private static final int MAX_PREFIX_DIGITS = 3;

    public Cidr {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix must be 0 to " + bits + ", not " + prefix);
        }
    }

    /**
     * Reads {@code ADDRESS[/PREFIX]}.
     *
     * @throws IllegalArgumentException with a message for a person when it is no such range
     */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        boolean v6 = address.indexOf(':') >= 0;
        Optional<byte[]> bytes = v6 ? IpLiteral.ipv6(address, 0, address.length())
                : IpLiteral.ipv4(address, 0, address.length());
        if (bytes.isEmpty()) {
            throw new IllegalArgumentException("'" + printable(text) + "' is no IPv4 or IPv6 address or CIDR range");
        }
        int bits = bytes.get().length * 8;
        int prefix = slash < 0 ? bits : prefix(text.substring(slash + 1), bits, text);
        byte[] raw = bytes.get();
        for (int bit = prefix; bit < bits; bit++) {
            if ((raw[bit / 8] & 0x80 >>> bit % 8) != 0) {
                throw new IllegalArgumentException("'" + printable(text) + "' has bits set past its prefix /" + prefix);
            }
        }
        // IPv6 text of an IPv4-mapped address stays IPv6 here, so that its prefix counts 128 bits.
        return new Cidr(v6 ? ipv6(raw) : IpLiteral.address(raw), prefix);
    }

    private static int prefix(String digits, int bits, String text) {
        boolean plain = !digits.isEmpty() && digits.length() <= MAX_PREFIX_DIGITS
                && digits.chars().allMatch(c -> c >= '0' && c <= '9') && (digits.length() == 1 || digits.charAt(0) != '0');
        int value = plain ? Integer.parseInt(digits) : -1;
        if (value < 0 || value > bits) {
            throw new IllegalArgumentException("'" + printable(text) + "' needs a prefix length of 0 to " + bits);
        }
        return value;
    }

    /** {@code text} with control characters shown as {@code ?}: the message is one line for a person. */
    private static String printable(String text) {
        var out = new StringBuilder(text.length());
        text.chars().forEach(c -> out.append(c < 0x20 || c == 0x7f ? '?' : (char) c));
        return out.toString();
    }

    private static InetAddress ipv6(byte[] raw) {
        try {
            return Inet6Address.getByAddress(null, raw, -1);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not 16 bytes", e);
        }
    }

    /**
     * Whether {@code address} is in the range. An IPv4 address is also looked for in an IPv6 range
     * as its IPv4-mapped form, which is how a dual-stack socket may have seen it.
     */
    public boolean contains(InetAddress address) {
        byte[] range = network.getAddress();
        byte[] candidate = address.getAddress();
        if (candidate.length != range.length) {
            if (range.length != 16) {
                return false;
            }
            candidate = IpLiteral.sixteen(address);
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (range[i] != candidate[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (range[whole] & mask) == (candidate[whole] & mask);
    }

    @Override
    public String toString() {
        String text = network.getAddress().length == 16 ? IpLiteral.ipv6Text(network.getAddress())
                : IpLiteral.text(network);
        return text + "/" + prefix;
    }
}
