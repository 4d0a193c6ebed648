package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tls.TestCertificates;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every command of {@link SeedCurlTest} over HTTPS: the server's HTTPS listener (beside its
 * cleartext one), {@code https://127.0.0.1:PORT}, and curl trusting the test CA with
 * {@code --cacert}, so that the certificate is verified (no {@code -k}). The same assertions hold:
 * the same bytes, saved files and header fields.
 *
 * <p>Named to match both surefire's default includes ({@code *Test}) and {@code -Dtest=SeedCurlTest*}.
 */
class SeedCurlTestOverTlsTest extends SeedCurlTest {

    @Override
    TestServer start(Path root, String... args) throws IOException {
        return TestServer.startTls(root, args);
    }

    @Override
    String base(TestServer server) {
        return server.secureBase();
    }

    @Override
    List<String> transportOptions() {
        // The seed's commands are HTTP/1.1 ones (100-continue, the status line they print).
        return List.of("--http1.1", "--cacert", TestCertificates.caPem().toString());
    }

    /** The commands above pass because curl trusts the test CA, not because it checks nothing. */
    @Test
    void withoutTheTestCaCurlRefusesTheCertificate() throws Exception {
        try (var server = start(dir)) {
            var result = ExternalCommand.run(downloads, List.of(CURL.toString(), "-sS", "-o", "/dev/null", base(server) + "/"));
            assertEquals(60, result.exitCode(), result.err()); // CURLE_PEER_FAILED_VERIFICATION
            assertTrue(result.err().contains("certificate"), result.err());
        }
    }
}
