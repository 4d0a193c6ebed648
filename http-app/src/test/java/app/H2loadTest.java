package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * h2load (nghttp2) as a correctness smoke, not a benchmark: 400 requests over 4 connections, 10
 * streams at a time on each, over h2 (TLS, ALPN) and h2c (prior knowledge); every one must
 * succeed with a 2xx and the exact amount of data. h2load has no certificate verification to
 * configure (it does not verify); the certificate is verified by the other clients' tests.
 */
class H2loadTest {

    private static final Path H2LOAD = Path.of("/usr/bin/h2load");

    enum Wire { H2, H2C }

    @TempDir
    static Path dir;
    @TempDir
    Path work;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Files.isExecutable(H2LOAD), H2LOAD + " is not installed (Debian package nghttp2-client)");
        TestServer.site(dir);
        server = TestServer.startTls(dir);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void fourHundredRequestsOnFourConnectionsTenStreamsEachAllSucceed(Wire wire) throws Exception {
        String base = wire == Wire.H2 ? server.secureBase() : server.base();
        long size = Files.size(dir.resolve("sample.txt"));
        // -N: h2load gives up on a connection silent for 20 s, well inside ExternalCommand's bound.
        var result = ExternalCommand.run(work, List.of(H2LOAD.toString(), "-n", "400", "-c", "4", "-m", "10",
                "-N", "20", base + "/sample.txt"));
        String out = result.outText();
        assertEquals(0, result.exitCode(), out + result.err());
        assertTrue(out.contains("\nApplication protocol: " + (wire == Wire.H2 ? "h2" : "h2c") + "\n"), out);
        if (wire == Wire.H2) {
            assertTrue(out.contains("\nTLS Protocol: TLSv1.3\n"), out);
        }
        assertTrue(out.contains("\nrequests: 400 total, 400 started, 400 done, 400 succeeded, 0 failed, 0 errored, 0 timeout\n"),
                out);
        assertTrue(out.contains("\nstatus codes: 400 2xx, 0 3xx, 0 4xx, 0 5xx\n"), out);
        // The bodies: 400 times the file, to the byte.
        assertTrue(out.contains(" (" + 400 * size + ") data\n"), out);
    }
}
