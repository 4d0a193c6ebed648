package protocol.proxy;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Writes a {@link ProxyHeader} as a proxy sends it, in the version it names: the line of version 1,
 * the block of version 2 (without TLVs). What it writes, {@link ProxyHeaderParser} reads back as
 * the same header.
 */
public final class ProxyHeaderEncoder {

    private static final byte[] V2_SIGNATURE = {
        0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a
    };
    private static final byte V2_LOCAL = 0x20;
    private static final byte V2_PROXY = 0x21;
    private static final byte V2_TCP4 = 0x11;
    private static final byte V2_TCP6 = 0x21;

    private ProxyHeaderEncoder() {}

    /**
     * The bytes of {@code header}.
     *
     * @throws IllegalArgumentException for a {@code TCP4} header whose addresses are not IPv4
     */
    public static byte[] encode(ProxyHeader header) {
        return switch (header.version()) {
            case V1 -> line(header).getBytes(US_ASCII);
            case V2 -> block(header);
        };
    }

    private static String line(ProxyHeader header) {
        return switch (header) {
            case ProxyHeader.Local local -> "PROXY UNKNOWN\r\n";
            case ProxyHeader.Proxied p -> "PROXY " + p.family().name() + " " + text(p.family(), p.source()) + " "
                    + text(p.family(), p.destination()) + " " + p.source().getPort() + " "
                    + p.destination().getPort() + "\r\n";
        };
    }

    private static String text(ProxyHeader.Family family, InetSocketAddress address) {
        return family == ProxyHeader.Family.TCP4 ? IpLiteral.text(ipv4(address))
                : IpLiteral.ipv6Text(IpLiteral.sixteen(address.getAddress()));
    }

    private static byte[] block(ProxyHeader header) {
        return switch (header) {
            case ProxyHeader.Local local -> ByteBuffer.allocate(ProxyHeaderParser.V2_FIXED_LENGTH)
                    .put(V2_SIGNATURE).put(V2_LOCAL).put((byte) 0).putShort((short) 0).array();
            case ProxyHeader.Proxied p -> {
                boolean v4 = p.family() == ProxyHeader.Family.TCP4;
                byte[] source = v4 ? ipv4(p.source()).getAddress() : IpLiteral.sixteen(p.source().getAddress());
                byte[] destination = v4 ? ipv4(p.destination()).getAddress()
                        : IpLiteral.sixteen(p.destination().getAddress());
                int length = 2 * source.length + 4;
                yield ByteBuffer.allocate(ProxyHeaderParser.V2_FIXED_LENGTH + length)
                        .put(V2_SIGNATURE).put(V2_PROXY).put(v4 ? V2_TCP4 : V2_TCP6).putShort((short) length)
                        .put(source).put(destination)
                        .putShort((short) p.source().getPort()).putShort((short) p.destination().getPort())
                        .array();
            }
        };
    }

    private static Inet4Address ipv4(InetSocketAddress address) {
        if (address.getAddress() instanceof Inet4Address v4) {
            return v4;
        }
        throw new IllegalArgumentException("a TCP4 header carries IPv4 addresses, not " + address);
    }
}
