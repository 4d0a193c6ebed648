package app.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tls.TestCertificates.Algorithm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TlsPolicyTest {

    static {
        TlsPolicy.rejectRenegotiation();
    }

    private static HandshakeServer server;

    @BeforeAll
    static void start() throws IOException {
        var server = TestCertificates.server(Algorithm.RSA_2048);
        var policy = new TlsPolicy(new ReloadingKeyManager(new KeyMaterial(server.key(), server.chain())),
                TlsPolicy.HTTP_1_1);
        TlsPolicyTest.server = new HandshakeServer(policy);
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @Test
    void theParametersAreTls13And12WithForwardSecretAeadSuitesInOurOrder() {
        var policy = new TlsPolicy(new ReloadingKeyManager(material()), TlsPolicy.HTTP_1_1);
        var parameters = policy.parameters();
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), List.of(parameters.getProtocols()));
        assertEquals(TlsPolicy.CIPHER_SUITES, List.of(parameters.getCipherSuites()));
        assertTrue(parameters.getUseCipherSuitesOrder());
        assertEquals(List.of("http/1.1"), List.of(parameters.getApplicationProtocols()));
        for (String suite : parameters.getCipherSuites()) {
            assertTrue(suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")
                    || (suite.startsWith("TLS_ECDHE_") && (suite.contains("_GCM_") || suite.contains("_CHACHA20_"))),
                    suite);
        }
        assertTrue(String.join("\n", policy.description()).contains("protocols TLSv1.3, TLSv1.2"));
    }

    @Test
    void aDefaultClientGetsTls13AndNoAlpn() throws Exception {
        try (SSLSocket client = server.connect(p -> {})) {
            client.startHandshake();
            assertEquals("TLSv1.3", client.getSession().getProtocol());
            assertEquals("", client.getApplicationProtocol());
            HandshakeServer.echo(client);
        }
    }

    @Test
    void aTls12ClientGetsAnEcdheAeadSuite() throws Exception {
        try (SSLSocket client = server.connect(p -> p.setProtocols(new String[] {"TLSv1.2"}))) {
            client.startHandshake();
            assertEquals("TLSv1.2", client.getSession().getProtocol());
            assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", client.getSession().getCipherSuite());
        }
    }

    @Test
    void theServersOrderWins() throws Exception {
        try (SSLSocket client = server.connect(p -> p.setCipherSuites(new String[] {
                "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256"}))) {
            client.startHandshake();
            assertEquals("TLS_AES_128_GCM_SHA256", client.getSession().getCipherSuite());
        }
        try (SSLSocket client = server.connect(p -> {
            p.setProtocols(new String[] {"TLSv1.2"});
            p.setCipherSuites(new String[] {
                "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"});
        })) {
            client.startHandshake();
            assertEquals("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", client.getSession().getCipherSuite());
        }
    }

    @Test
    void aTls12ClientOfferingOnlyCbcIsRefused() throws Exception {
        assertRefused(new String[] {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"});
    }

    @Test
    void aTls12ClientOfferingOnlyFiniteFieldDheIsRefused() throws Exception {
        assertRefused(new String[] {"TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"});
    }

    private static void assertRefused(String[] suites) throws Exception {
        try (SSLSocket client = server.connect(p -> {
            p.setProtocols(new String[] {"TLSv1.2"});
            p.setCipherSuites(suites);
        })) {
            var e = assertThrows(SSLHandshakeException.class, client::startHandshake);
            assertTrue(e.getMessage().contains("handshake_failure"), e.getMessage());
        }
        assertTrue(server.nextFailure().getMessage().contains("no cipher suites in common"));
    }

    @Test
    void aTls11ClientIsRefused() throws Exception {
        // The JDK's own client will not even offer TLS 1.1, so this ClientHello is written by hand.
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(tls11ClientHello());
            socket.getOutputStream().flush();
            byte[] answer = socket.getInputStream().readNBytes(7);
            assertEquals(7, answer.length, "an alert record");
            assertEquals(21, answer[0], "content type alert (RFC 5246 §6.2.1)");
            assertEquals(2, answer[5], "fatal");
            assertEquals(70, answer[6], "protocol_version (RFC 5246 §7.2)");
        }
        assertTrue(server.nextFailure() instanceof SSLException);
    }

    @Test
    void alpnHttp11IsChosenFromH2AndHttp11() throws Exception {
        try (SSLSocket client = server.connect(p -> p.setApplicationProtocols(new String[] {"h2", "http/1.1"}))) {
            client.startHandshake();
            assertEquals("http/1.1", client.getApplicationProtocol());
            HandshakeServer.echo(client);
        }
    }

    @Test
    void alpnWithOnlyUnknownProtocolsEndsInNoApplicationProtocol() throws Exception {
        try (SSLSocket client = server.connect(p -> p.setApplicationProtocols(new String[] {"spdy/3"}))) {
            var e = assertThrows(SSLHandshakeException.class, client::startHandshake);
            assertTrue(e.getMessage().contains("no_application_protocol"), e.getMessage());
        }
        server.nextFailure();
    }

    @Test
    void anyServerNameGetsTheOneCertificate() throws Exception {
        try (SSLSocket client = server.connect(p -> {
            p.setServerNames(List.of(new javax.net.ssl.SNIHostName("other.example")));
            p.setEndpointIdentificationAlgorithm(null);
        })) {
            client.startHandshake();
            assertEquals(TestCertificates.server(Algorithm.RSA_2048).leaf(), client.getSession().getPeerCertificates()[0]);
        }
    }

    @Test
    void aClientsRenegotiationIsRefused() throws Exception {
        try (SSLSocket client = server.connect(p -> p.setProtocols(new String[] {"TLSv1.2"}))) {
            client.startHandshake();
            HandshakeServer.echo(client);
            client.startHandshake(); // TLS 1.2: a new ClientHello on the open connection
            assertThrows(IOException.class, () -> HandshakeServer.echo(client));
        }
        Exception failure = server.nextFailure();
        assertTrue(failure.getMessage().contains("renegotiation"), failure.getMessage());
    }

    @Test
    void theReloadingKeyManagerOnlyAnswersForItsKeyType() {
        var manager = new ReloadingKeyManager(material());
        assertEquals("gen-1", manager.chooseServerAlias("RSA", null, null));
        assertEquals(null, manager.chooseServerAlias("EC", null, null));
        assertFalse(manager.getPrivateKey("gen-1") == null);
        assertEquals(null, manager.getPrivateKey("gen-2"));
    }

    private static KeyMaterial material() {
        var server = TestCertificates.server(Algorithm.RSA_2048);
        return new KeyMaterial(server.key(), server.chain());
    }

    /** A TLS 1.1 ClientHello (RFC 4346 §7.4.1.2) offering ECDHE-RSA CBC suites, as old clients sent it. */
    private static byte[] tls11ClientHello() {
        var body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {3, 2}); // client_version TLS 1.1
        body.writeBytes(new byte[32]); // random
        body.write(0); // no session id
        body.writeBytes(new byte[] {0, 6, (byte) 0xc0, 0x13, (byte) 0xc0, 0x14, 0x00, 0x2f});
        body.writeBytes(new byte[] {1, 0}); // compression: null
        byte[] extensions = {
            0x00, 0x0a, 0x00, 0x04, 0x00, 0x02, 0x00, 0x17, // supported_groups: secp256r1
            0x00, 0x0b, 0x00, 0x02, 0x01, 0x00}; // ec_point_formats: uncompressed
        body.writeBytes(new byte[] {0, (byte) extensions.length});
        body.writeBytes(extensions);
        int length = body.size();
        var record = new ByteArrayOutputStream();
        record.writeBytes(new byte[] {22, 3, 1, (byte) ((length + 4) >> 8), (byte) (length + 4)});
        record.writeBytes(new byte[] {1, 0, (byte) (length >> 8), (byte) length});
        record.writeBytes(body.toByteArray());
        return record.toByteArray();
    }
}
