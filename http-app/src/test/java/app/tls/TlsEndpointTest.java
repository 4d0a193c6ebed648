package app.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tls.TestCertificates.Algorithm;
import app.tls.TestCertificates.Server;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

class TlsEndpointTest {

    static {
        TlsPolicy.rejectRenegotiation();
    }

    @Test
    void anEndpointFromAKeystoreServesHttps() throws Exception {
        Server server = TestCertificates.server(Algorithm.RSA_2048);
        Path dir = TestCertificates.directory("endpoint");
        Path store = TestCertificates.writePkcs12(server, dir.resolve("server.p12"), "pw");
        var config = new TlsConfig(new KeySource.Pkcs12(store,
                new KeySource.PasswordSource.Environment(KeySource.PasswordSource.VARIABLE)), 0, false,
                Optional.of(Duration.ofDays(365)), Duration.ofMillis(50));
        try (var endpoint = TlsEndpoint.open(config, TlsPolicy.HTTP_1_1,
                Map.of(KeySource.PasswordSource.VARIABLE, "pw"));
                var tls = new HandshakeServer(endpoint);
                SSLSocket client = tls.connect(p -> p.setApplicationProtocols(new String[] {"http/1.1"}))) {
            client.startHandshake();
            assertEquals("http/1.1", client.getApplicationProtocol());
            assertEquals(server.leaf(), client.getSession().getPeerCertificates()[0]);
            String description = String.join("\n", endpoint.description());
            assertTrue(description.contains("certificate CN=localhost"), description);
            assertTrue(description.contains("cipher suites TLS_AES_128_GCM_SHA256"), description);
            assertEquals(java.util.List.of(), endpoint.warnings());
            assertEquals(Optional.of("max-age=31536000"), endpoint.config().hstsHeaderValue());
        }
    }

    @Test
    void anExpiredCertificateIsServedWithAWarning() throws Exception {
        Server expired = TestCertificates.expired(Algorithm.EC_P256);
        Path dir = TestCertificates.directory("endpoint-expired");
        var config = TlsConfig.of(new KeySource.PemFiles(TestCertificates.writeChain(expired, dir.resolve("c.pem")),
                TestCertificates.writeSec1(expired, dir.resolve("k.pem"))));
        try (var endpoint = TlsEndpoint.open(config, TlsPolicy.HTTP_1_1, Map.of())) {
            assertEquals(1, endpoint.warnings().size());
            assertTrue(endpoint.warnings().getFirst().contains("expired"), endpoint.warnings().getFirst());
        }
    }

    @Test
    void aBadKeyStopsTheStartWithOneLine() {
        Path dir = TestCertificates.directory("endpoint-bad");
        Path missing = dir.resolve("missing.pem");
        var config = TlsConfig.of(new KeySource.PemFiles(missing, missing));
        var e = assertThrows(TlsSetupException.class, () -> TlsEndpoint.open(config, TlsPolicy.HTTP_1_1, Map.of()));
        assertEquals(missing + ": does not exist", e.getMessage());
    }
}
