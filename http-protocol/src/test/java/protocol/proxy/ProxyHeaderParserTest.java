package protocol.proxy;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProxyHeaderParserTest {

    private static final byte[] SIGNATURE = {
        0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a
    };

    // ---- version 1 ----

    @Test
    void v1Tcp4() {
        String line = "PROXY TCP4 192.0.2.1 10.0.0.1 56324 443\r\n";
        assertEquals(parsed(proxied(ProxyHeader.Version.V1, ProxyHeader.Family.TCP4, "192.0.2.1", 56324, "10.0.0.1", 443),
                line.length()), parseAll(line));
    }

    @Test
    void v1Tcp6() {
        String line = "PROXY TCP6 2001:db8::1 ::1 0 65535\r\n";
        assertEquals(parsed(proxied(ProxyHeader.Version.V1, ProxyHeader.Family.TCP6, "2001:db8::1", 0, "::1", 65535),
                line.length()), parseAll(line));
    }

    @Test
    void v1Tcp6FullFormUpperCaseAndMapped() {
        var header = ProxyHeaderParser.parse(ascii(
                "PROXY TCP6 2001:0DB8:0000:0000:0000:0000:0000:0001 ::ffff:192.0.2.7 1 2\r\n"));
        var proxied = (ProxyHeader.Proxied) ((ProxyResult.Parsed) header).header();
        assertEquals(address("2001:db8::1"), proxied.source().getAddress());
        assertEquals(address("192.0.2.7"), proxied.destination().getAddress());
        assertEquals(ProxyHeader.Family.TCP6, proxied.family());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PROXY UNKNOWN\r\n", "PROXY UNKNOWN 192.0.2.1 10.0.0.1 1 2\r\n", "PROXY UNKNOWN anything at all\r\n"})
    void v1UnknownKeepsThePeer(String line) {
        assertEquals(parsed(new ProxyHeader.Local(ProxyHeader.Version.V1), line.length()), parseAll(line));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GET / HTTP/1.1\\r\\n|NOT_PROXY",
        "proxy TCP4 1.2.3.4 5.6.7.8 1 2\\r\\n|NOT_PROXY",
        "PROXY  TCP4 1.2.3.4 5.6.7.8 1 2\\r\\n|V1_PROTOCOL",
        "PROXY TCP5 1.2.3.4 5.6.7.8 1 2\\r\\n|V1_PROTOCOL",
        "PROXY tcp4 1.2.3.4 5.6.7.8 1 2\\r\\n|V1_PROTOCOL",
        "PROXY UNKNOWNX\\r\\n|V1_PROTOCOL",
        "PROXY \\r\\n|V1_PROTOCOL",
        "PROXY TCP4 1.2.3.4 5.6.7.8 1\\r\\n|V1_FIELDS",
        "PROXY TCP4 1.2.3.4 5.6.7.8 1 2 \\r\\n|V1_FIELDS",
        "PROXY TCP4 1.2.3.4  5.6.7.8 1 2\\r\\n|V1_FIELDS",
        "PROXY TCP4 1.2.3.4 5.6.7.8 1 2 3\\r\\n|V1_FIELDS",
        "PROXY TCP4 1.2.3.04 5.6.7.8 1 2\\r\\n|V1_ADDRESS",
        "PROXY TCP4 1.2.3.256 5.6.7.8 1 2\\r\\n|V1_ADDRESS",
        "PROXY TCP4 1.2.3 5.6.7.8 1 2\\r\\n|V1_ADDRESS",
        "PROXY TCP4 1.2.3.4.5 5.6.7.8 1 2\\r\\n|V1_ADDRESS",
        "PROXY TCP4 ::1 5.6.7.8 1 2\\r\\n|V1_ADDRESS",
        "PROXY TCP6 1.2.3.4 ::1 1 2\\r\\n|V1_ADDRESS",
        "PROXY TCP6 1::2::3 ::1 1 2\\r\\n|V1_ADDRESS",
        "PROXY TCP6 12345::1 ::1 1 2\\r\\n|V1_ADDRESS",
        "PROXY TCP6 1:2:3:4:5:6:7:8:9 ::1 1 2\\r\\n|V1_ADDRESS",
        "PROXY TCP6 1:2:3:4:5:6:7 ::1 1 2\\r\\n|V1_ADDRESS",
        "PROXY TCP6 1:2:3:4::5:6:7:8 ::1 1 2\\r\\n|V1_ADDRESS",
        "PROXY TCP6 fe80::1%eth0 ::1 1 2\\r\\n|V1_ADDRESS",
        "PROXY TCP6 [::1] ::1 1 2\\r\\n|V1_ADDRESS",
        "PROXY TCP6 :1 ::1 1 2\\r\\n|V1_ADDRESS",
        "PROXY TCP6 1: ::1 1 2\\r\\n|V1_ADDRESS",
        "PROXY TCP4 1.2.3.4 5.6.7.8 01 2\\r\\n|V1_PORT",
        "PROXY TCP4 1.2.3.4 5.6.7.8 1 65536\\r\\n|V1_PORT",
        "PROXY TCP4 1.2.3.4 5.6.7.8 1 -1\\r\\n|V1_PORT",
        "PROXY TCP4 1.2.3.4 5.6.7.8 1 +1\\r\\n|V1_PORT",
        "PROXY TCP4 1.2.3.4 5.6.7.8 1 100000\\r\\n|V1_PORT",
        "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\\n|V1_BAD_BYTE",
        "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\\rX|V1_BAD_BYTE",
        "PROXY TCP4 1.2.3.4\\t5.6.7.8 1 2\\r\\n|V1_BAD_BYTE",
        "PROXY UNKNOWN \\u00e9\\r\\n|V1_BAD_BYTE",
    })
    void v1Rejections(String escaped, ProxyRejection reason) {
        assertEquals(new ProxyResult.Rejected(reason), parseAll(unescape(escaped)));
    }

    @Test
    void v1AtItsLimitAndOneByteOver() {
        String atLimit = padded(ProxyHeaderParser.MAX_V1_LENGTH);
        assertEquals(ProxyHeaderParser.MAX_V1_LENGTH, atLimit.length());
        assertEquals(parsed(new ProxyHeader.Local(ProxyHeader.Version.V1), ProxyHeaderParser.MAX_V1_LENGTH),
                parseAll(atLimit));
        assertEquals(new ProxyResult.Rejected(ProxyRejection.V1_TOO_LONG),
                parseAll(padded(ProxyHeaderParser.MAX_V1_LENGTH + 1)));
        // Without any CRLF, the verdict comes once the limit is reached.
        String endless = "PROXY UNKNOWN " + "x".repeat(200);
        assertEquals(new ProxyResult.NeedMore(),
                ProxyHeaderParser.parse(ascii(endless.substring(0, ProxyHeaderParser.MAX_V1_LENGTH - 1))));
        assertEquals(new ProxyResult.Rejected(ProxyRejection.V1_TOO_LONG),
                ProxyHeaderParser.parse(ascii(endless.substring(0, ProxyHeaderParser.MAX_V1_LENGTH))));
    }

    @Test
    void longestTcp6LineFits() {
        String max = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";
        String line = "PROXY TCP6 " + max + " " + max + " 65535 65535\r\n";
        assertInstanceOf(ProxyResult.Parsed.class, parseAll(line));
    }

    private static String padded(int length) {
        String start = "PROXY UNKNOWN ";
        return start + "x".repeat(length - start.length() - 2) + "\r\n";
    }

    // ---- version 2 ----

    @Test
    void v2Tcp4() {
        byte[] header = v2(0x21, 0x11, concat(bytes(192, 0, 2, 1), bytes(10, 0, 0, 1), port(56324), port(443)));
        assertEquals(parsed(proxied(ProxyHeader.Version.V2, ProxyHeader.Family.TCP4, "192.0.2.1", 56324, "10.0.0.1", 443),
                28), parseAll(header));
    }

    @Test
    void v2Tcp6() {
        byte[] source = new byte[16];
        source[0] = 0x20;
        source[1] = 0x01;
        source[2] = 0x0d;
        source[3] = (byte) 0xb8;
        source[15] = 1;
        byte[] destination = new byte[16];
        destination[15] = 1;
        byte[] header = v2(0x21, 0x21, concat(source, destination, port(1), port(65535)));
        assertEquals(parsed(proxied(ProxyHeader.Version.V2, ProxyHeader.Family.TCP6, "2001:db8::1", 1, "::1", 65535),
                52), parseAll(header));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x11, 0x21, 0x31, 0x12, 0xff})
    void v2LocalKeepsThePeerWhateverTheFamily(int family) {
        byte[] header = v2(0x20, family, new byte[7]);
        assertEquals(parsed(new ProxyHeader.Local(ProxyHeader.Version.V2), 23), parseAll(header));
    }

    @Test
    void v2UnspecAndUnixKeepThePeer() {
        assertEquals(parsed(new ProxyHeader.Local(ProxyHeader.Version.V2), 16), parseAll(v2(0x21, 0x00, new byte[0])));
        assertEquals(parsed(new ProxyHeader.Local(ProxyHeader.Version.V2), 16 + 216),
                parseAll(v2(0x21, 0x31, new byte[216])));
    }

    @Test
    void v2TlvsAreSkipped() {
        byte[] addresses = concat(bytes(192, 0, 2, 1), bytes(10, 0, 0, 1), port(1), port(2));
        byte[] tlvs = concat(tlv(0x01, "h2".getBytes(US_ASCII)), tlv(0x04, new byte[10]), tlv(0x20, new byte[0]));
        var result = parseAll(v2(0x21, 0x11, concat(addresses, tlvs)));
        assertEquals(parsed(proxied(ProxyHeader.Version.V2, ProxyHeader.Family.TCP4, "192.0.2.1", 1, "10.0.0.1", 2),
                16 + 12 + tlvs.length), result);
    }

    @Test
    void v2ChecksumIsChecked() {
        byte[] addresses = concat(bytes(192, 0, 2, 1), bytes(10, 0, 0, 1), port(1), port(2));
        byte[] header = v2(0x21, 0x11, concat(addresses, tlv(0x03, new byte[4])));
        var crc = new CRC32C();
        crc.update(header);
        int value = (int) crc.getValue();
        int at = header.length - 4;
        header[at] = (byte) (value >>> 24);
        header[at + 1] = (byte) (value >>> 16);
        header[at + 2] = (byte) (value >>> 8);
        header[at + 3] = (byte) value;
        assertInstanceOf(ProxyResult.Parsed.class, parseAll(header));
        header[16] ^= 1;
        assertEquals(new ProxyResult.Rejected(ProxyRejection.V2_CHECKSUM), parseAll(header));
    }

    @Test
    void v2Rejections() {
        byte[] inet = concat(bytes(192, 0, 2, 1), bytes(10, 0, 0, 1), port(1), port(2));
        assertEquals(rejected(ProxyRejection.V2_VERSION), parseAll(v2(0x11, 0x11, inet)));
        assertEquals(rejected(ProxyRejection.V2_VERSION), parseAll(v2(0x31, 0x11, inet)));
        assertEquals(rejected(ProxyRejection.V2_COMMAND), parseAll(v2(0x22, 0x11, inet)));
        assertEquals(rejected(ProxyRejection.V2_FAMILY), parseAll(v2(0x21, 0x41, inet)));
        assertEquals(rejected(ProxyRejection.V2_FAMILY), parseAll(v2(0x21, 0x13, inet)));
        assertEquals(rejected(ProxyRejection.V2_FAMILY), parseAll(v2(0x21, 0x01, inet)));
        assertEquals(rejected(ProxyRejection.V2_DATAGRAM), parseAll(v2(0x21, 0x12, inet)));
        assertEquals(rejected(ProxyRejection.V2_DATAGRAM), parseAll(v2(0x21, 0x22, new byte[36])));
        assertEquals(rejected(ProxyRejection.V2_ADDRESS_LENGTH), parseAll(v2(0x21, 0x11, new byte[11])));
        assertEquals(rejected(ProxyRejection.V2_ADDRESS_LENGTH), parseAll(v2(0x21, 0x21, new byte[35])));
        assertEquals(rejected(ProxyRejection.V2_ADDRESS_LENGTH), parseAll(v2(0x21, 0x31, new byte[215])));
        assertEquals(rejected(ProxyRejection.V2_TLV), parseAll(v2(0x21, 0x11, concat(inet, new byte[2]))));
        assertEquals(rejected(ProxyRejection.V2_TLV), parseAll(v2(0x21, 0x11, concat(inet, bytes(0x01, 0, 5, 'h', '2')))));
        assertEquals(rejected(ProxyRejection.V2_TLV), parseAll(v2(0x21, 0x11, concat(inet, tlv(0x03, new byte[3])))));
        byte[] badSignature = v2(0x21, 0x11, inet);
        badSignature[11] = 0x0b;
        assertEquals(rejected(ProxyRejection.NOT_PROXY), parseAll(badSignature));
    }

    @Test
    void v2LengthAtItsLimitAndOneByteOver() {
        byte[] inet = concat(bytes(192, 0, 2, 1), bytes(10, 0, 0, 1), port(1), port(2));
        int padding = ProxyHeaderParser.MAX_V2_LENGTH - inet.length - 3;
        byte[] atLimit = v2(0x21, 0x11, concat(inet, tlv(0x04, new byte[padding])));
        assertEquals(ProxyHeaderParser.MAX_LENGTH, atLimit.length);
        assertInstanceOf(ProxyResult.Parsed.class, parseAll(atLimit));
        byte[] over = v2(0x21, 0x11, concat(inet, tlv(0x04, new byte[padding + 1])));
        assertEquals(rejected(ProxyRejection.V2_TOO_LONG), parseAll(over));
        // The length alone decides: the 16 fixed bytes suffice to refuse.
        assertEquals(rejected(ProxyRejection.V2_TOO_LONG), ProxyHeaderParser.parse(ByteBuffer.wrap(over, 0, 16)));
        assertEquals(rejected(ProxyRejection.V2_TOO_LONG),
                parseAll(v2(0x20, 0x00, new byte[ProxyHeaderParser.MAX_V2_LENGTH + 1])));
        assertInstanceOf(ProxyResult.Parsed.class, parseAll(v2(0x20, 0x00, new byte[ProxyHeaderParser.MAX_V2_LENGTH])));
    }

    // ---- both ----

    @Test
    void theBytesAfterTheHeaderStayInTheBuffer() {
        byte[] header = "PROXY TCP4 192.0.2.1 10.0.0.1 1 2\r\n".getBytes(US_ASCII);
        byte[] rest = "GET / HTTP/1.1\r\n".getBytes(US_ASCII);
        var in = ByteBuffer.wrap(concat(header, rest));
        assertInstanceOf(ProxyResult.Parsed.class, ProxyHeaderParser.parse(in));
        assertEquals(header.length, in.position());
        byte[] v2 = v2(0x21, 0x11, concat(bytes(1, 2, 3, 4), bytes(5, 6, 7, 8), port(1), port(2)));
        in = ByteBuffer.wrap(concat(v2, rest));
        assertInstanceOf(ProxyResult.Parsed.class, ProxyHeaderParser.parse(in));
        assertEquals(v2.length, in.position());
    }

    @Test
    void aRejectedOrIncompleteHeaderLeavesTheBufferAlone() {
        var in = ByteBuffer.wrap("PROXY TCP4 1.2.3.4".getBytes(US_ASCII));
        assertEquals(new ProxyResult.NeedMore(), ProxyHeaderParser.parse(in));
        assertEquals(0, in.position());
        in = ByteBuffer.wrap("PROXY TCP9 1.2.3.4 5.6.7.8 1 2\r\n".getBytes(US_ASCII));
        assertInstanceOf(ProxyResult.Rejected.class, ProxyHeaderParser.parse(in));
        assertEquals(0, in.position());
    }

    @Test
    void everyPrefixOfAValidHeaderNeedsMore() {
        for (byte[] header : new byte[][] {
            "PROXY TCP6 2001:db8::1 ::1 1 2\r\n".getBytes(US_ASCII),
            v2(0x21, 0x11, concat(bytes(1, 2, 3, 4), bytes(5, 6, 7, 8), port(1), port(2), tlv(1, new byte[3]))),
        }) {
            for (int n = 0; n < header.length; n++) {
                assertEquals(new ProxyResult.NeedMore(), ProxyHeaderParser.parse(ByteBuffer.wrap(header, 0, n)),
                        "prefix of " + n);
            }
        }
    }

    @Test
    void anEarlyWrongByteIsRefusedAtOnce() {
        assertEquals(rejected(ProxyRejection.NOT_PROXY), ProxyHeaderParser.parse(ascii("PRI")));
        assertEquals(rejected(ProxyRejection.NOT_PROXY), ProxyHeaderParser.parse(ascii("\r\n\r\nX")));
        assertEquals(rejected(ProxyRejection.NOT_PROXY), ProxyHeaderParser.parse(ByteBuffer.wrap(new byte[] {0x16, 3, 1})));
        assertEquals(rejected(ProxyRejection.V1_BAD_BYTE), ProxyHeaderParser.parse(ascii("PROXY TCP4\n")));
        byte[] v2 = Arrays.copyOf(SIGNATURE, 13);
        v2[12] = 0x10;
        assertEquals(rejected(ProxyRejection.V2_VERSION), ProxyHeaderParser.parse(ByteBuffer.wrap(v2)));
    }

    @Test
    void encodedHeadersParseBack() {
        for (ProxyHeader header : new ProxyHeader[] {
            proxied(ProxyHeader.Version.V1, ProxyHeader.Family.TCP4, "192.0.2.1", 1, "10.0.0.1", 2),
            proxied(ProxyHeader.Version.V1, ProxyHeader.Family.TCP6, "2001:db8::1", 0, "::ffff:1.2.3.4", 65535),
            proxied(ProxyHeader.Version.V2, ProxyHeader.Family.TCP4, "0.0.0.0", 0, "255.255.255.255", 65535),
            proxied(ProxyHeader.Version.V2, ProxyHeader.Family.TCP6, "::", 80, "1:2:3:4:5:6:7:8", 443),
            new ProxyHeader.Local(ProxyHeader.Version.V1),
            new ProxyHeader.Local(ProxyHeader.Version.V2),
        }) {
            byte[] bytes = ProxyHeaderEncoder.encode(header);
            assertEquals(parsed(header, bytes.length), parseAll(bytes));
        }
    }

    // ---- helpers ----

    /** Parses the bytes whole, one byte at a time, and split at every offset: the same verdict each way. */
    static ProxyResult parseAll(byte[] bytes) {
        ProxyResult whole = ProxyHeaderParser.parse(ByteBuffer.wrap(bytes));
        for (int n = 0; n <= bytes.length; n++) {
            ProxyResult step = ProxyHeaderParser.parse(ByteBuffer.wrap(bytes, 0, n));
            if (step instanceof ProxyResult.NeedMore) {
                continue;
            }
            // Once the prefix gives a verdict, every longer input gives the same.
            assertEquals(whole, step, "verdict of the first " + n + " bytes");
            break;
        }
        return whole;
    }

    private static ProxyResult parseAll(String text) {
        return parseAll(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(US_ASCII));
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t").replace("\\u00e9", "\u00e9");
    }

    private static ProxyResult parsed(ProxyHeader header, int length) {
        return new ProxyResult.Parsed(header, length);
    }

    private static ProxyResult rejected(ProxyRejection reason) {
        return new ProxyResult.Rejected(reason);
    }

    static ProxyHeader.Proxied proxied(ProxyHeader.Version version, ProxyHeader.Family family, String source,
            int sourcePort, String destination, int destinationPort) {
        return new ProxyHeader.Proxied(version, family, new InetSocketAddress(address(source), sourcePort),
                new InetSocketAddress(address(destination), destinationPort));
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] v2(int versionCommand, int family, byte[] block) {
        return concat(SIGNATURE, bytes(versionCommand, family, block.length >>> 8, block.length & 0xff), block);
    }

    static byte[] tlv(int type, byte[] value) {
        return concat(bytes(type, value.length >>> 8, value.length & 0xff), value);
    }

    static byte[] port(int port) {
        return bytes(port >>> 8, port & 0xff);
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
