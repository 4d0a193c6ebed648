package protocol.proxy;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The version 1 header: one line {@code PROXY TCP4|TCP6 src dst sport dport\r\n}, single spaces,
 * addresses in their family's form, ports in decimal without leading zeros; or
 * {@code PROXY UNKNOWN}, after which anything up to the CRLF is ignored.
 */
final class V1Line {

    static final byte FIRST_BYTE = 'P';

    private static final byte[] PREFIX = "PROXY ".getBytes(US_ASCII);
    private static final String TCP4 = "TCP4";
    private static final String TCP6 = "TCP6";
    private static final String UNKNOWN = "UNKNOWN";
    private static final int FIELDS = 6;
    private static final int MAX_PORT_DIGITS = 5;
    private static final int MAX_PORT = 65_535;
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private V1Line() {}

    static ProxyResult parse(ByteBuffer in) {
        int start = in.position();
        int available = in.remaining();
        int prefix = Math.min(available, PREFIX.length);
        for (int i = 0; i < prefix; i++) {
            if (in.get(start + i) != PREFIX[i]) {
                return reject(ProxyRejection.NOT_PROXY);
            }
        }
        int scan = Math.min(available, ProxyHeaderParser.MAX_V1_LENGTH);
        for (int i = PREFIX.length; i < scan; i++) {
            byte b = in.get(start + i);
            if (b == CR) {
                if (i + 2 > ProxyHeaderParser.MAX_V1_LENGTH) {
                    return reject(ProxyRejection.V1_TOO_LONG);
                }
                if (i + 1 == available) {
                    return new ProxyResult.NeedMore();
                }
                if (in.get(start + i + 1) != LF) {
                    return reject(ProxyRejection.V1_BAD_BYTE);
                }
                ProxyResult result = line(ascii(in, start, i));
                if (result instanceof ProxyResult.Parsed) {
                    in.position(start + i + 2);
                }
                return result;
            }
            if (b < 0x20 || b > 0x7e) {
                return reject(ProxyRejection.V1_BAD_BYTE);
            }
        }
        return available >= ProxyHeaderParser.MAX_V1_LENGTH ? reject(ProxyRejection.V1_TOO_LONG)
                : new ProxyResult.NeedMore();
    }

    /** Judges the line without its CRLF, every byte printable ASCII. */
    private static ProxyResult line(String line) {
        String[] fields = line.split(" ", -1);
        String protocol = fields[1];
        if (protocol.equals(UNKNOWN)) {
            return parsed(new ProxyHeader.Local(ProxyHeader.Version.V1), line);
        }
        ProxyHeader.Family family;
        if (protocol.equals(TCP4)) {
            family = ProxyHeader.Family.TCP4;
        } else if (protocol.equals(TCP6)) {
            family = ProxyHeader.Family.TCP6;
        } else {
            return reject(ProxyRejection.V1_PROTOCOL);
        }
        if (fields.length != FIELDS) {
            return reject(ProxyRejection.V1_FIELDS);
        }
        Optional<byte[]> source = address(family, fields[2]);
        Optional<byte[]> destination = address(family, fields[3]);
        if (source.isEmpty() || destination.isEmpty()) {
            return reject(ProxyRejection.V1_ADDRESS);
        }
        int sourcePort = port(fields[4]);
        int destinationPort = port(fields[5]);
        if (sourcePort < 0 || destinationPort < 0) {
            return reject(ProxyRejection.V1_PORT);
        }
        return parsed(new ProxyHeader.Proxied(ProxyHeader.Version.V1, family,
                new InetSocketAddress(IpLiteral.address(source.get()), sourcePort),
                new InetSocketAddress(IpLiteral.address(destination.get()), destinationPort)), line);
    }

    private static Optional<byte[]> address(ProxyHeader.Family family, String text) {
        return family == ProxyHeader.Family.TCP4 ? IpLiteral.ipv4(text, 0, text.length())
                : IpLiteral.ipv6(text, 0, text.length());
    }

    /** The port, or -1 unless it is 0..65535 written without leading zeros. */
    private static int port(String text) {
        int length = text.length();
        if (length == 0 || length > MAX_PORT_DIGITS || length > 1 && text.charAt(0) == '0') {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= MAX_PORT ? value : -1;
    }

    private static ProxyResult parsed(ProxyHeader header, String line) {
        return new ProxyResult.Parsed(header, line.length() + 2);
    }

    private static String ascii(ByteBuffer in, int from, int to) {
        byte[] bytes = new byte[to - from];
        in.get(from, bytes);
        return new String(bytes, US_ASCII);
    }

    private static ProxyResult reject(ProxyRejection reason) {
        return new ProxyResult.Rejected(reason);
    }
}
