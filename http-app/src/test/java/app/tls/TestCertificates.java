package app.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Throwaway keys and certificates made at test time with the JDK's {@code keytool}: one test CA
 * per JVM, server certificates signed by it for {@code localhost}, {@code 127.0.0.1} and
 * {@code ::1}, and writers for every file format the server reads. Nothing is committed.
 */
public final class TestCertificates {

    /** The password of every keystore made here. */
    public static final String PASSWORD = "changeit";

    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Map<Algorithm, Server> CACHE = new EnumMap<>(Algorithm.class);
    private static Ca ca;

    static {
        TlsPolicy.rejectRenegotiation();
    }

    private TestCertificates() {}

    /** A server key kind and the keytool arguments that make it. */
    public enum Algorithm {
        RSA_2048("-keyalg", "RSA", "-keysize", "2048"),
        RSA_1024("-keyalg", "RSA", "-keysize", "1024"),
        EC_P256("-keyalg", "EC", "-groupname", "secp256r1"),
        EC_P384("-keyalg", "EC", "-groupname", "secp384r1"),
        ED25519("-keyalg", "Ed25519");

        private final List<String> keytoolArguments;

        Algorithm(String... keytoolArguments) {
            this.keytoolArguments = List.of(keytoolArguments);
        }
    }

    /** A server's private key and chain (leaf, then the test CA). */
    public record Server(PrivateKey key, List<X509Certificate> chain) {
        public X509Certificate leaf() {
            return chain.getFirst();
        }
    }

    private record Ca(Path directory, Path keystore, X509Certificate certificate, Path pem, Path trustStore) {}

    /** A server certificate of {@code algorithm}, valid now for 30 days; the same one for the whole JVM. */
    public static synchronized Server server(Algorithm algorithm) {
        return CACHE.computeIfAbsent(algorithm, a -> issue(a, List.of()));
    }

    /** A new server certificate of {@code algorithm} (another key and serial each call). */
    public static Server fresh(Algorithm algorithm) {
        return issue(algorithm, List.of());
    }

    /** A certificate that expired 29 days ago. */
    public static Server expired(Algorithm algorithm) {
        return issue(algorithm, List.of("-startdate", "-30d", "-validity", "1"));
    }

    /** A certificate valid only from ten days from now. */
    public static Server notYetValid(Algorithm algorithm) {
        return issue(algorithm, List.of("-startdate", "+10d", "-validity", "30"));
    }

    /** The test CA's certificate. */
    public static X509Certificate caCertificate() {
        return ca().certificate();
    }

    /** The test CA's certificate as a PEM file. */
    public static Path caPem() {
        return ca().pem();
    }

    /** A PKCS#12 trust store holding the test CA (password {@link #PASSWORD}). */
    public static Path trustStore() {
        return ca().trustStore();
    }

    /** A client context that trusts the test CA only. */
    public static SSLContext clientContext() {
        try {
            var store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("test-ca", caCertificate());
            var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            var context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A folder that lives as long as the JVM, for a test's files. */
    public static Path directory(String name) {
        try {
            return Files.createDirectories(ca().directory().resolve(name + "-" + SEQUENCE.incrementAndGet()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Writers

    /** The chain as PEM, leaf first. */
    public static Path writeChain(Server server, Path file) {
        var text = new StringBuilder();
        for (X509Certificate certificate : server.chain()) {
            text.append(pem("CERTIFICATE", encoded(certificate)));
        }
        return write(file, text.toString());
    }

    /** Only the leaf, no intermediates. */
    public static Path writeLeaf(Server server, Path file) {
        return write(file, pem("CERTIFICATE", encoded(server.leaf())));
    }

    /** {@code BEGIN PRIVATE KEY}: PKCS#8, as the JDK encodes it. */
    public static Path writePkcs8(Server server, Path file) {
        return write(file, pem("PRIVATE KEY", server.key().getEncoded()));
    }

    /** {@code BEGIN RSA PRIVATE KEY}: the PKCS#1 RSAPrivateKey inside the PKCS#8 envelope. */
    public static Path writePkcs1(Server server, Path file) {
        require(server.key().getAlgorithm().equals("RSA"), "PKCS#1 is for RSA keys");
        return write(file, pem("RSA PRIVATE KEY", TinyDer.value(privateKeyInfo(server).get(2))));
    }

    /**
     * {@code BEGIN EC PRIVATE KEY}: the SEC1 ECPrivateKey inside the PKCS#8 envelope, with the
     * curve's OID as its {@code [0] parameters} (RFC 5915 §3) whether or not the JDK put it there.
     */
    public static Path writeSec1(Server server, Path file) {
        return write(file, pem("EC PRIVATE KEY", sec1(server, true)));
    }

    /** A SEC1 key without {@code [0] parameters}: which curve it is on cannot be known. */
    public static Path writeSec1WithoutCurve(Server server, Path file) {
        return write(file, pem("EC PRIVATE KEY", sec1(server, false)));
    }

    /** {@code BEGIN ENCRYPTED PRIVATE KEY}: PKCS#8 under PBES2 with AES-256 and the password "x". */
    public static Path writeEncryptedPkcs8(Server server, Path file) {
        try {
            var random = new SecureRandom();
            byte[] salt = new byte[16];
            byte[] iv = new byte[16];
            random.nextBytes(salt);
            random.nextBytes(iv);
            String algorithm = "PBEWithHmacSHA256AndAES_256";
            var secret = SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec("x".toCharArray()));
            var cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.ENCRYPT_MODE, secret, new PBEParameterSpec(salt, 10_000, new IvParameterSpec(iv)));
            byte[] encrypted = cipher.doFinal(server.key().getEncoded());
            // EncryptedPrivateKeyInfo knows the parameters by their scheme's name, PBES2 (RFC 8018 §6.2).
            var pbes2 = AlgorithmParameters.getInstance("PBES2");
            pbes2.init(cipher.getParameters().getEncoded());
            var info = new EncryptedPrivateKeyInfo(pbes2, encrypted);
            return write(file, pem("ENCRYPTED PRIVATE KEY", info.getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * OpenSSL's legacy encrypted PKCS#1 form: the RFC 1421 headers over bytes that stand in for
     * the ciphertext (the server refuses on the header; what follows is never decrypted).
     */
    public static Path writeLegacyEncryptedPkcs1(Path file) {
        byte[] body = new byte[1216];
        new SecureRandom().nextBytes(body);
        String text = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF\n\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(body)
                + "\n-----END RSA PRIVATE KEY-----\n";
        return write(file, text);
    }

    /** A PKCS#12 keystore with the one key entry "server", key and store under {@code password}. */
    public static Path writePkcs12(Server server, Path file, String password) {
        try {
            var store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", server.key(), password.toCharArray(),
                    server.chain().toArray(X509Certificate[]::new));
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return file;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS#12 keystore with two key entries, "server" and "other". */
    public static Path writePkcs12WithTwoKeys(Server server, Server other, Path file, String password) {
        try {
            var store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", server.key(), password.toCharArray(),
                    server.chain().toArray(X509Certificate[]::new));
            store.setKeyEntry("other", other.key(), password.toCharArray(),
                    other.chain().toArray(X509Certificate[]::new));
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return file;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    // Making them

    private static synchronized Ca ca() {
        if (ca == null) {
            try {
                Path directory = Files.createTempDirectory("test-certificates");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(directory)));
                Path keystore = directory.resolve("ca.p12");
                keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-dname", "CN=http-server test CA", "-ext", "bc:c", "-validity", "60",
                        "-keystore", keystore.toString(), "-storetype", "PKCS12",
                        "-storepass", PASSWORD, "-keypass", PASSWORD);
                var store = load(keystore);
                var certificate = (X509Certificate) store.getCertificate("ca");
                Path pem = write(directory.resolve("ca.pem"), pem("CERTIFICATE", encoded(certificate)));
                var trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                trust.setCertificateEntry("test-ca", certificate);
                Path trustStore = directory.resolve("trust.p12");
                try (OutputStream out = Files.newOutputStream(trustStore)) {
                    trust.store(out, PASSWORD.toCharArray());
                }
                ca = new Ca(directory, keystore, certificate, pem, trustStore);
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return ca;
    }

    /** keytool -genkeypair -signer: key, certificate and CA signature in one launch (JDK 20+). */
    private static Server issue(Algorithm algorithm, List<String> validity) {
        Ca authority = ca();
        try {
            Path keystore = authority.directory().resolve("server-" + SEQUENCE.incrementAndGet() + ".p12");
            Files.copy(authority.keystore(), keystore);
            List<String> arguments = new ArrayList<>(List.of("-genkeypair", "-alias", "server"));
            arguments.addAll(algorithm.keytoolArguments);
            arguments.addAll(List.of("-dname", "CN=localhost", "-signer", "ca", "-signerkeypass", PASSWORD,
                    "-ext", "san=dns:localhost,ip:127.0.0.1,ip:::1", "-ext", "eku=serverAuth",
                    "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
            arguments.addAll(validity.isEmpty() ? List.of("-validity", "30") : validity);
            keytool(arguments.toArray(String[]::new));
            var store = load(keystore);
            var key = (PrivateKey) store.getKey("server", PASSWORD.toCharArray());
            var chain = Arrays.stream(store.getCertificateChain("server")).map(X509Certificate.class::cast).toList();
            require(chain.size() == 2, "keytool should chain the server certificate to the CA");
            return new Server(key, chain);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        var output = new ByteArrayOutputStream();
        var reader = Thread.ofVirtual().start(() -> {
            try (InputStream in = process.getInputStream()) {
                in.transferTo(output);
            } catch (IOException e) {
                // the process went away; its exit code tells
            }
        });
        try {
            if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool did not finish in " + KEYTOOL_TIMEOUT_SECONDS + " s");
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while keytool ran", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", arguments) + " exited with "
                    + process.exitValue() + ": " + output.toString(StandardCharsets.UTF_8));
        }
    }

    private static KeyStore load(Path keystore) throws GeneralSecurityException, IOException {
        var store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PrivateKeyInfo's three first elements: version, AlgorithmIdentifier, the OCTET STRING privateKey. */
    private static List<byte[]> privateKeyInfo(Server server) {
        return TinyDer.children(server.key().getEncoded());
    }

    private static byte[] sec1(Server server, boolean withCurve) {
        require(server.key().getAlgorithm().equals("EC"), "SEC1 is for EC keys");
        List<byte[]> info = privateKeyInfo(server);
        byte[] curveOid = TinyDer.children(info.get(1)).get(1);
        List<byte[]> ecPrivateKey = TinyDer.children(TinyDer.value(info.get(2)));
        // ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] parameters, [1] publicKey }
        List<byte[]> parts = new ArrayList<>(List.of(ecPrivateKey.get(0), ecPrivateKey.get(1)));
        if (withCurve) {
            parts.add(TinyDer.tlv(0xa0, curveOid));
        }
        ecPrivateKey.stream().skip(2).filter(part -> (part[0] & 0xff) == 0xa1).forEach(parts::add);
        return TinyDer.tlv(0x30, parts.toArray(byte[][]::new));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    /** Just enough DER to take PKCS#8 apart; independent of the code under test. */
    private static final class TinyDer {
        static List<byte[]> children(byte[] tlv) {
            byte[] value = value(tlv);
            List<byte[]> children = new ArrayList<>();
            int at = 0;
            while (at < value.length) {
                int end = at + headerLength(value, at) + length(value, at);
                children.add(Arrays.copyOfRange(value, at, end));
                at = end;
            }
            return children;
        }

        static byte[] value(byte[] tlv) {
            return Arrays.copyOfRange(tlv, headerLength(tlv, 0), tlv.length);
        }

        static byte[] tlv(int tag, byte[]... parts) {
            var body = new ByteArrayOutputStream();
            for (byte[] part : parts) {
                body.writeBytes(part);
            }
            var out = new ByteArrayOutputStream();
            out.write(tag);
            int length = body.size();
            if (length < 0x80) {
                out.write(length);
            } else if (length < 0x100) {
                out.write(0x81);
                out.write(length);
            } else {
                out.write(0x82);
                out.write(length >> 8);
                out.write(length);
            }
            out.writeBytes(body.toByteArray());
            return out.toByteArray();
        }

        private static int headerLength(byte[] bytes, int at) {
            int first = bytes[at + 1] & 0xff;
            return first < 0x80 ? 2 : 2 + (first & 0x7f);
        }

        private static int length(byte[] bytes, int at) {
            int first = bytes[at + 1] & 0xff;
            if (first < 0x80) {
                return first;
            }
            int length = 0;
            for (int i = 0; i < (first & 0x7f); i++) {
                length = (length << 8) | (bytes[at + 2 + i] & 0xff);
            }
            return length;
        }
    }
}
