package app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.tls.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * curl over HTTPS, verifying the server against the test CA (never {@code -k}): the protocol
 * bounds it can negotiate, and the certificate's names (localhost and 127.0.0.1 are in its SAN, a
 * wrong name is not). The smoke itself (GET, HEAD, Range, upload) is in {@link ClientsTest}.
 */
class CurlTlsTest {

    /** curl's exit codes (libcurl's CURLcode). */
    private static final int SSL_CONNECT_ERROR = 35;
    private static final int PEER_FAILED_VERIFICATION = 60;

    private static Path curl;

    @TempDir
    Path dir;
    @TempDir
    Path work;
    TestServer server;
    byte[] index;

    @BeforeAll
    static void installed() {
        curl = ExternalCommand.find("curl").orElse(null);
        assumeTrue(curl != null, "curl is not installed");
        // Before the first server handshake in this JVM: the JDK reads the property once.
        TestCertificates.caPem();
    }

    @BeforeEach
    void start() throws IOException {
        TestServer.site(dir);
        index = Files.readAllBytes(dir.resolve("index.html"));
        server = TestServer.startTls(dir);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aGetOverHttpsGets200AndTheExactBytes() throws Exception {
        var result = curl(List.of(), server.secureBase() + "/");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("200", result.outText());
        assertArrayEquals(index, Files.readAllBytes(work.resolve("body")));
        assertTrue(result.err().contains("SSL certificate verify ok."), result.err());
    }

    @Test
    void tls13IsNegotiatedWhenRequired() throws Exception {
        var result = curl(List.of("--tlsv1.3"), server.secureBase() + "/");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("200", result.outText());
        assertTrue(result.err().contains("SSL connection using TLSv1.3 / TLS_AES_128_GCM_SHA256"), result.err());
        assertTrue(result.err().contains("ALPN: server accepted h2"), result.err());
    }

    @Test
    void curlSpeaksHttp2OverTlsAndByPriorKnowledgeOnCleartext() throws Exception {
        var tls = curl(List.of("--http2", "--write-out", "%{http_code} %{http_version}"), server.secureBase() + "/");
        assertEquals(0, tls.exitCode(), tls.err());
        assertEquals("200 2", tls.outText());
        assertArrayEquals(index, Files.readAllBytes(work.resolve("body")));
        // One URL per run: curl 7.88 reusing a prior-knowledge connection fails against any server.
        var cleartext = curl(List.of("--http2-prior-knowledge", "--write-out", "%{http_code} %{http_version}"),
                server.base() + "/");
        assertEquals(0, cleartext.exitCode(), cleartext.err());
        assertEquals("200 2", cleartext.outText());
        assertArrayEquals(index, Files.readAllBytes(work.resolve("body")));
        var http11 = curl(List.of("--http1.1", "--write-out", "%{http_code} %{http_version}"), server.secureBase() + "/");
        assertEquals("200 1.1", http11.outText());
    }

    @Test
    void tls12IsNegotiatedWhenItIsTheMost() throws Exception {
        var result = curl(List.of("--tls-max", "1.2"), server.secureBase() + "/");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("200", result.outText());
        assertArrayEquals(index, Files.readAllBytes(work.resolve("body")));
        assertTrue(result.err().contains("SSL connection using TLSv1.2 / ECDHE-ECDSA-AES128-GCM-SHA256"), result.err());
    }

    @Test
    void tls11AtMostIsRefusedWithProtocolVersion() throws Exception {
        var result = curl(List.of("--tlsv1.0", "--tls-max", "1.1"), server.secureBase() + "/");
        assertEquals(SSL_CONNECT_ERROR, result.exitCode(), result.err());
        // The alert the server sent, not a client that declined to offer old versions.
        assertTrue(result.err().contains("tlsv1 alert protocol version"), result.err());
    }

    @Test
    void localhostIsInTheCertificateAndVerifies() throws Exception {
        var result = curl(List.of(), "https://localhost:" + server.securePort() + "/");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("200", result.outText());
        assertTrue(result.err().contains("subjectAltName: host \"localhost\" matched cert's \"localhost\""), result.err());
    }

    @Test
    void aNameNotInTheCertificateFailsVerification() throws Exception {
        int port = server.securePort();
        var result = curl(List.of("--resolve", "wrong.example:" + port + ":127.0.0.1"),
                "https://wrong.example:" + port + "/");
        assertEquals(PEER_FAILED_VERIFICATION, result.exitCode(), result.err());
        assertTrue(result.err().contains("no alternative certificate subject name matches target host name 'wrong.example'"),
                result.err());
    }

    /** curl --cacert (the test CA), verbose on standard error, the status on standard output, the body to a file. */
    private ExternalCommand.Result curl(List<String> options, String url) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(curl.toString(), "--silent", "--show-error", "--verbose",
                "--max-time", "20", "--cacert", TestCertificates.caPem().toString(),
                "--output", work.resolve("body").toString(), "--write-out", "%{http_code}"));
        command.addAll(options);
        command.add(url);
        return ExternalCommand.run(work, command);
    }
}
