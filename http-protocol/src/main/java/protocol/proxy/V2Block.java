package protocol.proxy;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The version 2 header: a 12-byte signature; version 2 and the command ({@code LOCAL} or
 * {@code PROXY}); the family and protocol; a 16-bit length; then the addresses of that family and
 * type-length-value records to the end of the length. The TLVs are skipped, but each must fit,
 * and a CRC32C one must match the header (the receiver that understands it must check it).
 */
final class V2Block {

    static final byte FIRST_BYTE = '\r';

    private static final byte[] SIGNATURE = {
        0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a
    };
    private static final int VERSION = 2;
    private static final int LOCAL = 0;
    private static final int PROXY = 1;
    private static final int FAMILY_UNSPEC = 0x00;
    private static final int TCP4 = 0x11;
    private static final int UDP4 = 0x12;
    private static final int TCP6 = 0x21;
    private static final int UDP6 = 0x22;
    private static final int UNIX_STREAM = 0x31;
    private static final int UNIX_DGRAM = 0x32;
    private static final int INET_ADDRESSES = 12;
    private static final int INET6_ADDRESSES = 36;
    private static final int UNIX_ADDRESSES = 216;
    private static final int TLV_HEADER = 3;
    private static final int TYPE_CRC32C = 0x03;
    private static final int CRC32C_LENGTH = 4;

    private V2Block() {}

    static ProxyResult parse(ByteBuffer in) {
        int start = in.position();
        int available = in.remaining();
        int signature = Math.min(available, SIGNATURE.length);
        for (int i = 0; i < signature; i++) {
            if (in.get(start + i) != SIGNATURE[i]) {
                return reject(ProxyRejection.NOT_PROXY);
            }
        }
        if (available < ProxyHeaderParser.V2_FIXED_LENGTH) {
            return prefixVerdict(in, start, available);
        }
        int versionCommand = in.get(start + 12) & 0xff;
        int family = in.get(start + 13) & 0xff;
        int length = u16(in, start + 14);
        if (versionCommand >>> 4 != VERSION) {
            return reject(ProxyRejection.V2_VERSION);
        }
        int command = versionCommand & 0x0f;
        if (command != LOCAL && command != PROXY) {
            return reject(ProxyRejection.V2_COMMAND);
        }
        // A LOCAL header's family is to be ignored; a PROXY header's must be one the protocol defines.
        if (command == PROXY && addressLength(family) < 0) {
            return reject(ProxyRejection.V2_FAMILY);
        }
        if (command == PROXY && (family == UDP4 || family == UDP6 || family == UNIX_DGRAM)) {
            return reject(ProxyRejection.V2_DATAGRAM);
        }
        if (length > ProxyHeaderParser.MAX_V2_LENGTH) {
            return reject(ProxyRejection.V2_TOO_LONG);
        }
        int total = ProxyHeaderParser.V2_FIXED_LENGTH + length;
        if (command == PROXY && length < addressLength(family)) {
            return reject(ProxyRejection.V2_ADDRESS_LENGTH);
        }
        if (available < total) {
            return new ProxyResult.NeedMore();
        }
        if (command == LOCAL) {
            return consumed(in, new ProxyHeader.Local(ProxyHeader.Version.V2), total);
        }
        int addresses = start + ProxyHeaderParser.V2_FIXED_LENGTH;
        Optional<ProxyRejection> tlvs = checkTlvs(in, start, addresses + addressLength(family), start + total);
        if (tlvs.isPresent()) {
            return reject(tlvs.get());
        }
        ProxyHeader header = switch (family) {
            case TCP4 -> proxied(in, ProxyHeader.Family.TCP4, addresses, 4);
            case TCP6 -> proxied(in, ProxyHeader.Family.TCP6, addresses, 16);
            // UNSPEC, or a UNIX socket: no IP address to carry.
            default -> new ProxyHeader.Local(ProxyHeader.Version.V2);
        };
        return consumed(in, header, total);
    }

    /** Fewer than the fixed 16 bytes: those after the signature may already be wrong. */
    private static ProxyResult prefixVerdict(ByteBuffer in, int start, int available) {
        if (available > 12 && (in.get(start + 12) & 0xff) >>> 4 != VERSION) {
            return reject(ProxyRejection.V2_VERSION);
        }
        if (available > 12) {
            int command = in.get(start + 12) & 0x0f;
            if (command != LOCAL && command != PROXY) {
                return reject(ProxyRejection.V2_COMMAND);
            }
        }
        return new ProxyResult.NeedMore();
    }

    /** The bytes of the addresses of {@code family}, or -1 for a family the protocol does not define. */
    private static int addressLength(int family) {
        return switch (family) {
            case FAMILY_UNSPEC -> 0;
            case TCP4, UDP4 -> INET_ADDRESSES;
            case TCP6, UDP6 -> INET6_ADDRESSES;
            case UNIX_STREAM, UNIX_DGRAM -> UNIX_ADDRESSES;
            default -> -1;
        };
    }

    private static ProxyHeader proxied(ByteBuffer in, ProxyHeader.Family family, int at, int size) {
        byte[] source = new byte[size];
        byte[] destination = new byte[size];
        in.get(at, source);
        in.get(at + size, destination);
        int sourcePort = u16(in, at + 2 * size);
        int destinationPort = u16(in, at + 2 * size + 2);
        return new ProxyHeader.Proxied(ProxyHeader.Version.V2, family,
                new InetSocketAddress(IpLiteral.address(source), sourcePort),
                new InetSocketAddress(IpLiteral.address(destination), destinationPort));
    }

    /** The first fault of the TLVs in {@code [from, end)}; empty when every one fits (and a checksum matches). */
    private static Optional<ProxyRejection> checkTlvs(ByteBuffer in, int start, int from, int end) {
        int at = from;
        while (at < end) {
            if (end - at < TLV_HEADER) {
                return Optional.of(ProxyRejection.V2_TLV);
            }
            int type = in.get(at) & 0xff;
            int length = u16(in, at + 1);
            int value = at + TLV_HEADER;
            if (length > end - value) {
                return Optional.of(ProxyRejection.V2_TLV);
            }
            if (type == TYPE_CRC32C) {
                if (length != CRC32C_LENGTH) {
                    return Optional.of(ProxyRejection.V2_TLV);
                }
                if ((u16(in, value) << 16 | u16(in, value + 2)) != checksum(in, start, end, value)) {
                    return Optional.of(ProxyRejection.V2_CHECKSUM);
                }
            }
            at = value + length;
        }
        return Optional.empty();
    }

    /** CRC32C of the whole header with the checksum's own four bytes taken as zero. */
    private static int checksum(ByteBuffer in, int start, int end, int checksumAt) {
        var crc = new CRC32C();
        crc.update(in.slice(start, checksumAt - start));
        crc.update(new byte[CRC32C_LENGTH]);
        crc.update(in.slice(checksumAt + CRC32C_LENGTH, end - checksumAt - CRC32C_LENGTH));
        return (int) crc.getValue();
    }

    /** An unsigned 16-bit number in network byte order, whatever the buffer's own order. */
    private static int u16(ByteBuffer in, int at) {
        return (in.get(at) & 0xff) << 8 | in.get(at + 1) & 0xff;
    }

    private static ProxyResult consumed(ByteBuffer in, ProxyHeader header, int total) {
        in.position(in.position() + total);
        return new ProxyResult.Parsed(header, total);
    }

    private static ProxyResult reject(ProxyRejection reason) {
        return new ProxyResult.Rejected(reason);
    }
}
