package app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * TLS ClientHello records written byte by byte (RFC 5246 §7.4.1.2, RFC 8446 §4.1.2), so that a
 * test can offer exactly what no real client library offers any more (TLS 1.0, RC4, 3DES) or send
 * half of one; and the server's answer read back as an alert.
 */
final class ClientHello {

    /** Protocol versions as they appear on the wire. */
    static final int TLS_1_0 = 0x0301;
    static final int TLS_1_1 = 0x0302;
    static final int TLS_1_2 = 0x0303;
    private static final int TLS_1_3 = 0x0304;

    /** Suites the server offers: ECDHE with AEAD, and TLS 1.3's. */
    static final List<Integer> CURRENT_SUITES = List.of(0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030);
    /**
     * Suites the server has removed: RC4-SHA, DES-CBC3-SHA, AES128-SHA (static RSA, CBC),
     * ECDHE-ECDSA-AES128-SHA and ECDHE-RSA-AES128-SHA (CBC with SHA-1), ECDHE-ECDSA-AES128-SHA256.
     */
    static final List<Integer> REMOVED_SUITES = List.of(0x0005, 0x000a, 0x002f, 0xc009, 0xc013, 0xc023);

    /** Alert descriptions (RFC 8446 §6). */
    static final int HANDSHAKE_FAILURE = 40;
    static final int PROTOCOL_VERSION = 70;

    private static final int HANDSHAKE = 0x16;
    private static final int ALERT = 0x15;

    /** An alert record's level and description. */
    record Alert(int level, int description) {}

    private ClientHello() {}

    /** A ClientHello that offers TLS 1.3 and 1.2 (supported_versions) with the current suites. */
    static byte[] current() {
        return record(TLS_1_2, CURRENT_SUITES, List.of(TLS_1_3, TLS_1_2));
    }

    /** A ClientHello of {@code version} alone, without supported_versions: how TLS 1.0–1.2 clients speak. */
    static byte[] only(int version, List<Integer> suites) {
        return record(version, suites, List.of());
    }

    /** The first half of {@link #current()}: the record header promises more than comes. */
    static byte[] firstHalf() {
        byte[] whole = current();
        byte[] half = new byte[whole.length / 2];
        System.arraycopy(whole, 0, half, 0, half.length);
        return half;
    }

    private static byte[] record(int version, List<Integer> suites, List<Integer> supportedVersions) {
        var body = new ByteArrayOutputStream();
        u16(body, version);
        byte[] random = new byte[32];
        new Random(version).nextBytes(random);
        body.writeBytes(random);
        body.write(0); // no session id
        u16(body, suites.size() * 2);
        suites.forEach(suite -> u16(body, suite));
        body.write(1);
        body.write(0); // compression: null only
        var extensions = new ByteArrayOutputStream();
        byte[] host = "localhost".getBytes(StandardCharsets.US_ASCII);
        extension(extensions, 0x0000, length16(concat(new byte[] {0}, length16(host)))); // server_name
        extension(extensions, 0x000a, length16(u16s(0x001d, 0x0017))); // supported_groups: x25519, P-256
        extension(extensions, 0x000b, new byte[] {1, 0}); // ec_point_formats: uncompressed
        extension(extensions, 0x000d, length16(u16s(0x0403, 0x0804, 0x0401, 0x0503))); // signature_algorithms
        extension(extensions, 0xff01, new byte[] {0}); // renegotiation_info, empty
        if (!supportedVersions.isEmpty()) {
            byte[] versions = u16s(supportedVersions.stream().mapToInt(Integer::intValue).toArray());
            extension(extensions, 0x002b, concat(new byte[] {(byte) versions.length}, versions));
        }
        byte[] extensionBytes = extensions.toByteArray();
        u16(body, extensionBytes.length);
        body.writeBytes(extensionBytes);

        byte[] hello = body.toByteArray();
        var handshake = new ByteArrayOutputStream();
        handshake.write(1); // client_hello
        handshake.write(hello.length >>> 16);
        u16(handshake, hello.length & 0xffff);
        handshake.writeBytes(hello);
        byte[] message = handshake.toByteArray();
        var record = new ByteArrayOutputStream();
        record.write(HANDSHAKE);
        u16(record, TLS_1_0); // the record layer's legacy version (RFC 8446 §5.1)
        u16(record, message.length);
        record.writeBytes(message);
        return record.toByteArray();
    }

    /**
     * Reads the server's first record: an alert, or empty when it sent something else or closed
     * without a word.
     */
    static Optional<Alert> readAlert(InputStream in) throws IOException {
        byte[] header = in.readNBytes(7);
        if (header.length < 7 || header[0] != ALERT || header[3] != 0 || header[4] != 2) {
            return Optional.empty();
        }
        return Optional.of(new Alert(header[5], header[6] & 0xff));
    }

    private static void extension(ByteArrayOutputStream out, int type, byte[] data) {
        u16(out, type);
        u16(out, data.length);
        out.writeBytes(data);
    }

    private static byte[] length16(byte[] bytes) {
        var out = new ByteArrayOutputStream();
        u16(out, bytes.length);
        out.writeBytes(bytes);
        return out.toByteArray();
    }

    private static byte[] u16s(int... values) {
        var out = new ByteArrayOutputStream();
        for (int value : values) {
            u16(out, value);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8 & 0xff);
        out.write(value & 0xff);
    }
}
