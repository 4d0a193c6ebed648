package app.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tls.TestCertificates.Algorithm;
import app.tls.TestCertificates.Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeyLoaderTest {

    static {
        TlsPolicy.rejectRenegotiation();
    }

    private static final KeyLoader LOADER = new KeyLoader(Map.of());

    static Stream<Arguments> formats() {
        BiFunction<Server, Path, Path> pkcs8 = TestCertificates::writePkcs8;
        BiFunction<Server, Path, Path> pkcs1 = TestCertificates::writePkcs1;
        BiFunction<Server, Path, Path> sec1 = TestCertificates::writeSec1;
        return Stream.of(
                Arguments.of(Algorithm.RSA_2048, "PKCS#8", pkcs8),
                Arguments.of(Algorithm.RSA_2048, "PKCS#1", pkcs1),
                Arguments.of(Algorithm.EC_P256, "PKCS#8", pkcs8),
                Arguments.of(Algorithm.EC_P256, "SEC1", sec1),
                Arguments.of(Algorithm.EC_P384, "PKCS#8", pkcs8),
                Arguments.of(Algorithm.EC_P384, "SEC1", sec1),
                Arguments.of(Algorithm.ED25519, "PKCS#8", pkcs8));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formats")
    void everyFormatLoadsAndHandshakes(Algorithm algorithm, String format, BiFunction<Server, Path, Path> writer)
            throws Exception {
        Server server = TestCertificates.server(algorithm);
        Path dir = TestCertificates.directory("formats");
        var source = new KeySource.PemFiles(TestCertificates.writeChain(server, dir.resolve("chain.pem")),
                writer.apply(server, dir.resolve("key.pem")));
        KeyMaterial material = LOADER.load(source);
        assertEquals(server.chain(), material.chain());
        // A SEC1 key read back keeps its curve inside, so its encoding differs: compare the secret.
        if (server.key() instanceof java.security.interfaces.ECPrivateKey ec) {
            assertEquals(ec.getS(), ((java.security.interfaces.ECPrivateKey) material.privateKey()).getS());
        } else {
            assertEquals(server.key(), material.privateKey());
        }
        assertHandshakes(material, server);
    }

    @Test
    void pkcs12LoadsWithThePasswordFromAFileOrTheEnvironment() throws Exception {
        Server server = TestCertificates.server(Algorithm.EC_P256);
        Path dir = TestCertificates.directory("pkcs12");
        Path store = TestCertificates.writePkcs12(server, dir.resolve("server.p12"), "s3cret");
        Path passwordFile = TestCertificates.write(dir.resolve("password"), "s3cret\n");
        var fromFile = LOADER.load(new KeySource.Pkcs12(store, new KeySource.PasswordSource.File(passwordFile)));
        assertEquals(server.chain(), fromFile.chain());
        var environment = new KeyLoader(Map.of(KeySource.PasswordSource.VARIABLE, "s3cret"));
        var fromEnvironment = environment.load(new KeySource.Pkcs12(store,
                new KeySource.PasswordSource.Environment(KeySource.PasswordSource.VARIABLE)));
        assertEquals(server.key(), fromEnvironment.privateKey());
        assertHandshakes(fromEnvironment, server);
        TestCertificates.write(passwordFile, "s3cret\r\n");
        assertEquals(server.chain(),
                LOADER.load(new KeySource.Pkcs12(store, new KeySource.PasswordSource.File(passwordFile))).chain());
    }

    @Test
    void aCombinedFileServesAsBothCertificateAndKey() throws Exception {
        Server server = TestCertificates.server(Algorithm.EC_P256);
        Path dir = TestCertificates.directory("combined");
        Path combined = TestCertificates.write(dir.resolve("both.pem"), "subject=CN=localhost\n"
                + Files.readString(TestCertificates.writeChain(server, dir.resolve("chain.pem")))
                + Files.readString(TestCertificates.writePkcs8(server, dir.resolve("key.pem"))));
        assertEquals(server.chain(), LOADER.load(new KeySource.PemFiles(combined, combined)).chain());
    }

    // The one-line refusals, each naming the file.

    @Test
    void encryptedKeysAreRefused() throws Exception {
        Server server = TestCertificates.server(Algorithm.RSA_2048);
        Path dir = TestCertificates.directory("encrypted");
        Path chain = TestCertificates.writeChain(server, dir.resolve("chain.pem"));
        Path pkcs8 = TestCertificates.writeEncryptedPkcs8(server, dir.resolve("encrypted.pem"));
        assertRefused(new KeySource.PemFiles(chain, pkcs8), pkcs8, "is encrypted");
        Path legacy = TestCertificates.writeLegacyEncryptedPkcs1(dir.resolve("legacy.pem"));
        assertRefused(new KeySource.PemFiles(chain, legacy), legacy, "is encrypted");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        Path dir = TestCertificates.directory("mismatch");
        Path chain = TestCertificates.writeChain(TestCertificates.server(Algorithm.EC_P256), dir.resolve("chain.pem"));
        Path key = TestCertificates.writePkcs8(TestCertificates.fresh(Algorithm.EC_P256), dir.resolve("key.pem"));
        assertRefused(new KeySource.PemFiles(chain, key), key, "does not match the certificate");
        Path rsa = TestCertificates.writePkcs8(TestCertificates.server(Algorithm.RSA_2048), dir.resolve("rsa.pem"));
        assertRefused(new KeySource.PemFiles(chain, rsa), rsa, "does not match the certificate");
    }

    @Test
    void missingAndUnreadableFilesAreNamed() throws Exception {
        Path dir = TestCertificates.directory("unreadable");
        Server server = TestCertificates.server(Algorithm.EC_P256);
        Path chain = TestCertificates.writeChain(server, dir.resolve("chain.pem"));
        Path missing = dir.resolve("missing.pem");
        assertRefused(new KeySource.PemFiles(chain, missing), missing, "does not exist");
        assertRefused(new KeySource.PemFiles(missing, chain), missing, "does not exist");
        assertRefused(new KeySource.PemFiles(chain, dir), dir, "cannot be read");
        Path locked = TestCertificates.writePkcs8(server, dir.resolve("locked.pem"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        if (!Files.isReadable(locked)) { // root reads anything
            assertRefused(new KeySource.PemFiles(chain, locked), locked, "permission denied");
        }
    }

    @Test
    void malformedPemIsRefused() throws Exception {
        Path dir = TestCertificates.directory("malformed");
        Server server = TestCertificates.server(Algorithm.EC_P256);
        Path chain = TestCertificates.writeChain(server, dir.resolve("chain.pem"));
        String key = Files.readString(TestCertificates.writePkcs8(server, dir.resolve("key.pem")));
        Path noEnd = TestCertificates.write(dir.resolve("no-end.pem"), key.substring(0, key.indexOf("-----END")));
        assertRefused(new KeySource.PemFiles(chain, noEnd), noEnd, "has no END");
        Path badBase64 = TestCertificates.write(dir.resolve("bad-base64.pem"), key.replaceFirst("\n.", "\n*"));
        assertRefused(new KeySource.PemFiles(chain, badBase64), badBase64, "not Base64");
        Path wrongEnd = TestCertificates.write(dir.resolve("wrong-end.pem"), key.replace("END PRIVATE", "END PUBLIC"));
        assertRefused(new KeySource.PemFiles(chain, wrongEnd), wrongEnd, "closes BEGIN PRIVATE KEY");
        Path garbage = TestCertificates.write(dir.resolve("garbage.pem"),
                TestCertificates.pem("PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}));
        assertRefused(new KeySource.PemFiles(chain, garbage), garbage, "malformed private key");
        Path binary = dir.resolve("binary.der");
        Files.write(binary, server.leaf().getEncoded());
        assertRefused(new KeySource.PemFiles(binary, garbage), binary, "malformed PEM");
        Path truncatedCertificate = TestCertificates.write(dir.resolve("truncated.pem"),
                TestCertificates.pem("CERTIFICATE", java.util.Arrays.copyOf(server.leaf().getEncoded(), 100)));
        assertRefused(new KeySource.PemFiles(truncatedCertificate, garbage), truncatedCertificate, "is malformed");
    }

    @Test
    void aFileWithoutTheExpectedBlocksIsRefused() throws Exception {
        Path dir = TestCertificates.directory("empty");
        Server server = TestCertificates.server(Algorithm.EC_P256);
        Path chain = TestCertificates.writeChain(server, dir.resolve("chain.pem"));
        Path key = TestCertificates.writePkcs8(server, dir.resolve("key.pem"));
        assertRefused(new KeySource.PemFiles(key, key), key, "holds no certificate");
        assertRefused(new KeySource.PemFiles(chain, chain), chain, "holds no private key");
        Path text = TestCertificates.write(dir.resolve("text.pem"), "hello\n");
        assertRefused(new KeySource.PemFiles(text, key), text, "holds no certificate");
        Path twoKeys = TestCertificates.write(dir.resolve("two.pem"), Files.readString(key) + Files.readString(key));
        assertRefused(new KeySource.PemFiles(chain, twoKeys), twoKeys, "holds 2 private keys");
    }

    @Test
    void aSec1KeyWithoutItsCurveIsRefused() throws Exception {
        Path dir = TestCertificates.directory("sec1");
        Server server = TestCertificates.server(Algorithm.EC_P256);
        Path chain = TestCertificates.writeChain(server, dir.resolve("chain.pem"));
        Path key = TestCertificates.writeSec1WithoutCurve(server, dir.resolve("key.pem"));
        assertRefused(new KeySource.PemFiles(chain, key), key, "names no curve");
    }

    @Test
    void rsa1024IsTooWeak() throws Exception {
        Path dir = TestCertificates.directory("weak");
        Server server = TestCertificates.fresh(Algorithm.RSA_1024);
        Path chain = TestCertificates.writeChain(server, dir.resolve("chain.pem"));
        Path key = TestCertificates.writePkcs8(server, dir.resolve("key.pem"));
        assertRefused(new KeySource.PemFiles(chain, key), key, "1024 bits is too weak");
    }

    @Test
    void keystoreProblemsAreNamed() throws Exception {
        Path dir = TestCertificates.directory("keystores");
        Server server = TestCertificates.server(Algorithm.EC_P256);
        Path store = TestCertificates.writePkcs12(server, dir.resolve("server.p12"), "right");
        Path wrong = TestCertificates.write(dir.resolve("wrong"), "wrong\n");
        assertRefused(new KeySource.Pkcs12(store, new KeySource.PasswordSource.File(wrong)), store,
                "wrong keystore password (from " + wrong + ")");
        var noEnvironment = new KeySource.Pkcs12(store,
                new KeySource.PasswordSource.Environment(KeySource.PasswordSource.VARIABLE));
        var e = assertThrows(TlsSetupException.class, () -> LOADER.load(noEnvironment));
        assertTrue(e.getMessage().contains(KeySource.PasswordSource.VARIABLE), e.getMessage());
        Path trustOnly = TestCertificates.trustStore();
        Path password = TestCertificates.write(dir.resolve("password"), TestCertificates.PASSWORD);
        assertRefused(new KeySource.Pkcs12(trustOnly, new KeySource.PasswordSource.File(password)), trustOnly,
                "holds no private key entry");
        Path two = TestCertificates.writePkcs12WithTwoKeys(server, TestCertificates.server(Algorithm.RSA_2048),
                dir.resolve("two.p12"), TestCertificates.PASSWORD);
        assertRefused(new KeySource.Pkcs12(two, new KeySource.PasswordSource.File(password)), two,
                "2 private key entries [other, server]");
        Path notAStore = TestCertificates.writeChain(server, dir.resolve("chain.pem"));
        assertRefused(new KeySource.Pkcs12(notAStore, new KeySource.PasswordSource.File(password)), notAStore,
                "is not a PKCS#12 keystore");
        Path missingPassword = dir.resolve("no-password");
        assertRefused(new KeySource.Pkcs12(store, new KeySource.PasswordSource.File(missingPassword)),
                missingPassword, "does not exist");
    }

    @Test
    void anExpiredOrFutureCertificateLoadsWithAWarning() throws Exception {
        Path dir = TestCertificates.directory("expired");
        Server expired = TestCertificates.expired(Algorithm.EC_P256);
        var material = LOADER.load(new KeySource.PemFiles(TestCertificates.writeChain(expired, dir.resolve("e.pem")),
                TestCertificates.writePkcs8(expired, dir.resolve("e-key.pem"))));
        List<String> warnings = material.warnings(java.time.Instant.now());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.getFirst().contains("expired on"), warnings.getFirst());
        Server future = TestCertificates.notYetValid(Algorithm.EC_P256);
        var later = LOADER.load(new KeySource.PemFiles(TestCertificates.writeChain(future, dir.resolve("f.pem")),
                TestCertificates.writePkcs8(future, dir.resolve("f-key.pem"))));
        assertTrue(later.warnings(java.time.Instant.now()).getFirst().contains("is not valid before"));
        Server valid = TestCertificates.server(Algorithm.EC_P256);
        assertEquals(List.of(), new KeyMaterial(valid.key(), valid.chain()).warnings(java.time.Instant.now()));
    }

    @Test
    void aChainOutOfOrderIsAWarning() {
        Server server = TestCertificates.server(Algorithm.EC_P256);
        var material = new KeyMaterial(server.key(), List.of(server.leaf(), server.leaf()));
        assertTrue(material.warnings(java.time.Instant.now()).getFirst().contains("leaf first"));
    }

    @Test
    void theDescriptionNamesSubjectNamesIssuerAndExpiry() {
        Server server = TestCertificates.server(Algorithm.EC_P256);
        String text = String.join("\n", new KeyMaterial(server.key(), server.chain()).description());
        assertTrue(text.contains("CN=localhost"), text);
        assertTrue(text.contains("DNS:localhost, IP:127.0.0.1, IP:0:0:0:0:0:0:0:1"), text);
        assertTrue(text.contains("issuer CN=http-server test CA"), text);
        assertTrue(text.contains(server.leaf().getNotAfter().toInstant().toString()), text);
        assertTrue(text.contains("EC P-256"), text);
    }

    private static void assertRefused(KeySource source, Path named, String problem) {
        var e = assertThrows(TlsSetupException.class, () -> LOADER.load(source));
        assertTrue(e.getMessage().contains(named.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    private static void assertHandshakes(KeyMaterial material, Server server) throws Exception {
        var policy = new TlsPolicy(new ReloadingKeyManager(material), TlsPolicy.HTTP_1_1);
        try (var tls = new HandshakeServer(policy); SSLSocket client = tls.connect(p -> {})) {
            client.startHandshake();
            assertEquals(server.leaf(), client.getSession().getPeerCertificates()[0]);
            assertEquals("TLSv1.3", client.getSession().getProtocol());
            HandshakeServer.echo(client);
        }
    }
}
