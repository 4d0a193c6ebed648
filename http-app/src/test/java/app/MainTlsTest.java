package app;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import app.tls.CertificateWatcher;
import app.tls.KeyMaterial;
import app.tls.TestCertificates;
import app.tls.TestCertificates.Algorithm;
import app.tls.TestCertificates.Server;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way the key material can be wrong at start-up, through {@link Main#run}: one line on
 * standard error that names the file, no stack trace, exit code 1. A case that wrongly starts
 * would block in {@code Main.run}; the timeout turns that into a failure.
 */
class MainTlsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private record Outcome(int code, String out, String err) {}

    private Outcome run(String... tlsArgs) {
        var args = new ArrayList<>(List.of("--port", "0", "--host", "127.0.0.1", "--root", dir.toString()));
        args.addAll(List.of(tlsArgs));
        return assertTimeoutPreemptively(TIMEOUT, () -> {
            var out = new ByteArrayOutputStream();
            var err = new ByteArrayOutputStream();
            int code = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }, "Main.run did not return: the server started");
    }

    /** Exit 1, one line on standard error naming {@code file} and saying {@code what}, no trace. */
    private static void assertRefused(Outcome outcome, Path file, String what) {
        assertEquals(1, outcome.code(), outcome.err());
        assertEquals("", outcome.out());
        assertEquals(1, outcome.err().lines().count(), outcome.err());
        String line = outcome.err().strip();
        assertTrue(line.startsWith("http-server: "), line);
        assertTrue(line.contains(file.toString()), "names " + file + ": " + line);
        assertTrue(line.contains(what), "says '" + what + "': " + line);
        // Not a stack trace: no frames, no "Caused by" (a JDK message quoted inside may name its exception class).
        assertFalse(line.matches(".*\\bat [\\w.$/@]+\\(.*") || line.contains("Caused by"), line);
    }

    private static Server good() {
        return TestCertificates.server(Algorithm.EC_P256);
    }

    private Path chain(String name) {
        return TestCertificates.writeChain(good(), dir.resolve(name));
    }

    private Path key(String name) {
        return TestCertificates.writePkcs8(good(), dir.resolve(name));
    }

    private Outcome pem(Path certificate, Path key) {
        return run("--https-port", "0", "--tls-cert", certificate.toString(), "--tls-key", key.toString());
    }

    @Test
    void aMissingCertificateFile() {
        Path missing = dir.resolve("missing-chain.pem");
        assertRefused(pem(missing, key("key.pem")), missing, "does not exist");
    }

    @Test
    void aMissingKeyFile() {
        Path missing = dir.resolve("missing-key.pem");
        assertRefused(pem(chain("chain.pem"), missing), missing, "does not exist");
    }

    @Test
    void aFileThatCannotBeRead() throws Exception {
        // Root reads a file whatever its mode, so these are unreadable to anyone: a folder, a socket.
        Path folder = Files.createDirectories(dir.resolve("chain-folder.pem"));
        assertRefused(pem(folder, key("key.pem")), folder, "cannot be read");
        Path socketFile = dir.resolve("key.sock");
        try (var socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(socketFile));
            assertRefused(pem(chain("chain.pem"), socketFile), socketFile, "cannot be read");
        }
    }

    @Test
    void aFileWithoutReadPermission() throws Exception {
        Path key = key("locked-key.pem");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(key), "running as root: mode 000 does not stop root from reading");
        assertRefused(pem(chain("chain.pem"), key), key, "permission denied");
    }

    @Test
    void malformedPem() throws Exception {
        byte[] der = good().leaf().getEncoded();
        Map<String, String> certificates = Map.of(
                "not-base64.pem", "-----BEGIN CERTIFICATE-----\n!!!! not base64 !!!!\n-----END CERTIFICATE-----\n",
                "no-end.pem", TestCertificates.pem("CERTIFICATE", der).replace("-----END CERTIFICATE-----\n", ""),
                "not-a-certificate.pem", TestCertificates.pem("CERTIFICATE", "just some bytes".getBytes()),
                "empty.pem", "",
                "der.cer", new String(der, StandardCharsets.ISO_8859_1));
        List<Executable> checks = new ArrayList<>();
        for (var entry : certificates.entrySet()) {
            Path file = dir.resolve(entry.getKey());
            Files.writeString(file, entry.getValue(), StandardCharsets.ISO_8859_1);
            Outcome outcome = pem(file, key("key.pem"));
            checks.add(() -> assertRefused(outcome, file, ""));
            System.out.println("malformed certificate " + entry.getKey() + ": " + outcome.err().strip());
        }
        Map<String, String> keys = Map.of(
                "key-not-base64.pem", "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n",
                "key-not-pkcs8.pem", TestCertificates.pem("PRIVATE KEY", "just some bytes".getBytes()),
                "key-is-a-certificate.pem", TestCertificates.pem("CERTIFICATE", der));
        for (var entry : keys.entrySet()) {
            Path file = dir.resolve(entry.getKey());
            Files.writeString(file, entry.getValue(), StandardCharsets.ISO_8859_1);
            Outcome outcome = pem(chain("chain.pem"), file);
            checks.add(() -> assertRefused(outcome, file, ""));
            System.out.println("malformed key " + entry.getKey() + ": " + outcome.err().strip());
        }
        assertAll(checks);
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificate() {
        Path key = TestCertificates.writePkcs8(TestCertificates.fresh(Algorithm.EC_P256), dir.resolve("other-key.pem"));
        Outcome outcome = pem(chain("chain.pem"), key);
        assertRefused(outcome, key, "does not match");
        assertTrue(outcome.err().contains(dir.resolve("chain.pem").toString()), "names the certificate too");

        Path rsa = TestCertificates.writePkcs8(TestCertificates.server(Algorithm.RSA_2048), dir.resolve("rsa-key.pem"));
        Outcome other = pem(chain("chain.pem"), rsa);
        assertRefused(other, rsa, "the key (RSA 2048) does not match the certificate (EC P-256)");
    }

    @Test
    void anEncryptedKey() {
        Path pkcs8 = TestCertificates.writeEncryptedPkcs8(good(), dir.resolve("encrypted-key.pem"));
        Outcome outcome = pem(chain("chain.pem"), pkcs8);
        assertRefused(outcome, pkcs8, "encrypted");
        Path legacy = TestCertificates.writeLegacyEncryptedPkcs1(dir.resolve("legacy-encrypted-key.pem"));
        Outcome legacyOutcome = pem(chain("chain.pem"), legacy);
        assertRefused(legacyOutcome, legacy, "encrypted");
        System.out.println("encrypted: " + outcome.err().strip() + " / " + legacyOutcome.err().strip());
    }

    @Test
    void aKeystoreWithTheWrongPassword() throws Exception {
        Path keystore = TestCertificates.writePkcs12(good(), dir.resolve("server.p12"), TestCertificates.PASSWORD);
        Path password = Files.writeString(dir.resolve("password.txt"), "not-the-password\n");
        Outcome outcome = run("--https-port", "0", "--tls-keystore", keystore.toString(),
                "--tls-keystore-password-file", password.toString());
        assertRefused(outcome, keystore, "wrong keystore password");
        assertTrue(outcome.err().contains(password.toString()), "names where the password came from");
        assertFalse(outcome.err().contains("not-the-password"), "never prints the password");
    }

    @Test
    void theHttpsPortInUse() throws Exception {
        int cleartext;
        try (var probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            cleartext = probe.getLocalPort();
        }
        try (var taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String port = Integer.toString(taken.getLocalPort());
            var args = new ArrayList<>(List.of("--port", Integer.toString(cleartext), "--https-port", port,
                    "--tls-cert", chain("chain.pem").toString(), "--tls-key", key("key.pem").toString()));
            Outcome outcome = run(args.toArray(String[]::new));
            assertEquals(1, outcome.code(), outcome.err());
            assertEquals(1, outcome.err().lines().count(), outcome.err());
            assertTrue(outcome.err().startsWith("http-server: cannot listen on 127.0.0.1:" + port + ": "),
                    outcome.err());
            System.out.println("https port in use: " + outcome.err().strip());
        }
        // The cleartext listener, bound before the HTTPS one failed, was let go.
        try (var again = new ServerSocket(cleartext, 50, InetAddress.getLoopbackAddress())) {
            assertEquals(cleartext, again.getLocalPort());
        }
    }

    /**
     * An expired certificate does not stop the start: the server serves it, with a WARN. Not
     * through {@code Main.run}: once the server runs, {@code run} blocks until the JVM's shutdown
     * hook, which halts the JVM, so a test cannot stop it; this starts the same endpoint and
     * listener as {@code Main} does and reads the warning {@code Main} logs.
     */
    @Test
    void anExpiredCertificateStartsWithAWarningAndIsServed() throws Exception {
        Server expired = TestCertificates.expired(Algorithm.EC_P256);
        Path certificate = TestCertificates.writeChain(expired, dir.resolve("expired-chain.pem"));
        Path key = TestCertificates.writePkcs8(expired, dir.resolve("expired-key.pem"));
        Path root = TestServer.site(Files.createDirectories(dir.resolve("site")));
        try (var server = TestServer.startTls(root, UnaryOperator.identity(), CertificateWatcher.LOGGING,
                "--https-port", "0", "--tls-cert", certificate.toString(), "--tls-key", key.toString())) {
            List<String> warnings = server.tls.orElseThrow().warnings();
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.getFirst().contains("expired on " + expired.leaf().getNotAfter().toInstant()),
                    warnings.getFirst());
            assertEquals(1, warnings.getFirst().lines().count());

            // A client that checks the dates refuses it...
            try (var client = server.tlsClient()) {
                var refused = assertThrows(SSLHandshakeException.class, () -> ((SSLSocket) client.socket()).startHandshake());
                assertTrue(String.valueOf(refused.getMessage()).toLowerCase().contains("expired")
                        || String.valueOf(refused.getCause()).contains("Expired"), refused.toString());
            }
            // ...and one that does not is served it.
            var context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyServer()}, null);
            try (var client = new RawClient(context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                    server.securePort()))) {
                client.send("GET / HTTP/1.1\r\nHost: " + server.secureHost() + "\r\n\r\n");
                assertEquals(200, client.read().status());
                var served = (X509Certificate) ((SSLSocket) client.socket()).getSession().getPeerCertificates()[0];
                assertEquals(KeyMaterial.serial(expired.leaf()), KeyMaterial.serial(served));
            }
        }
    }

    /** Trusts any server: only to see what an expired certificate's server sends. */
    private static final class AnyServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a client only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
