package app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.tls.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * nghttp (nghttp2's client) over h2 (TLS, ALPN) and h2c (prior knowledge): one GET with the exact
 * bytes, ten streams at once on one connection, and an upload larger than a stream's window.
 *
 * <p>nghttp has no CA option; it verifies against OpenSSL's default paths, so {@code SSL_CERT_FILE}
 * names the test CA, and a failed verification is only a warning on standard error, which the
 * tests assert is absent. nghttp 1.52 warns "hostname mismatch" for {@code https://127.0.0.1}
 * although the certificate has that iPAddress in its SAN (curl verifies it; see {@link
 * CurlTlsTest}); observed, not traced in nghttp's source: its own host check seems not to match an
 * IP literal against iPAddress entries. So verification is shown on {@code https://localhost},
 * which is in the SAN too and resolves to the loopback listener.
 */
class NghttpTest {

    private static final Path NGHTTP = Path.of("/usr/bin/nghttp");
    private static final String VERIFY_WARNING = "Certificate verification failed";

    enum Wire { H2, H2C }

    @TempDir
    static Path dir;
    @TempDir
    Path work;
    static TestServer server;
    static byte[] big;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Files.isExecutable(NGHTTP), NGHTTP + " is not installed (Debian package nghttp2-client)");
        TestServer.site(dir);
        big = TestServer.randomFile(dir, "big.bin", 300_000, 11);
        server = TestServer.startTls(dir);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The URL of {@code path}: over TLS to localhost (the name nghttp can verify), over h2c to 127.0.0.1. */
    private static String url(Wire wire, String path) {
        return (wire == Wire.H2 ? "https://localhost:" + server.securePort() : server.base()) + path;
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aGetIs200WithTheExactBytesOverHttp2(Wire wire) throws Exception {
        var verbose = nghttp(List.of("-v"), url(wire, "/"));
        assertEquals(0, verbose.exitCode(), verbose.err());
        String trace = verbose.outText();
        assertTrue(trace.contains("recv (stream_id=13) :status: 200"), trace);
        assertTrue(trace.contains("recv (stream_id=13) content-type: text/html; charset=utf-8"), trace);
        if (wire == Wire.H2) {
            assertTrue(trace.contains("The negotiated protocol: h2\n"), trace);
            assertTrue(trace.contains(":scheme: https"), trace);
            assertFalse(verbose.err().contains(VERIFY_WARNING), verbose.err());
        } else {
            // Prior knowledge: the preface and SETTINGS straight away, no ALPN, no Upgrade.
            assertFalse(trace.contains("The negotiated protocol"), trace);
            assertTrue(trace.contains(":scheme: http\n"), trace);
            assertTrue(trace.contains("recv SETTINGS frame"), trace);
        }
        assertTrue(trace.contains("send GOAWAY frame"), trace);

        // Without -v standard output is the body alone.
        var plain = nghttp(List.of(), url(wire, "/"));
        assertEquals(0, plain.exitCode(), plain.err());
        assertArrayEquals(Files.readAllBytes(dir.resolve("index.html")), plain.out());
    }

    @Test
    void overTlsTo127001ItNegotiatesH2AndGetsTheExactBytes() throws Exception {
        String url = server.secureBase() + "/";
        var verbose = nghttp(List.of("-v"), url);
        assertEquals(0, verbose.exitCode(), verbose.err());
        assertTrue(verbose.outText().contains("The negotiated protocol: h2\n"), verbose.outText());
        assertTrue(verbose.outText().contains("recv (stream_id=13) :status: 200"), verbose.outText());
        // nghttp's own warning for an IP literal ("hostname mismatch", see the class comment) is not asserted.
        var plain = nghttp(List.of(), url);
        assertEquals(0, plain.exitCode(), plain.err());
        assertArrayEquals(Files.readAllBytes(dir.resolve("index.html")), plain.out());
    }

    @Test
    void withoutTheTestCaNghttpWarnsThatVerificationFailed() throws Exception {
        // The control for the absent warning above: the CA in SSL_CERT_FILE is what makes it verify.
        var result = ExternalCommand.run(work, List.of("/usr/bin/env", "SSL_CERT_FILE=/dev/null", "SSL_CERT_DIR=/dev/null",
                NGHTTP.toString(), "--timeout=20", "-n", url(Wire.H2, "/")));
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.err().contains(VERIFY_WARNING), result.err());
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void tenStreamsAtOnceOnOneConnectionAreAll200(Wire wire) throws Exception {
        var stats = nghttp(List.of("-n", "-s", "-m", "10"), url(wire, "/sample.txt"));
        assertEquals(0, stats.exitCode(), stats.err());
        List<Row> rows = rows(stats.outText());
        assertEquals(10, rows.size(), stats.outText());
        assertEquals(10, rows.stream().map(Row::stream).distinct().count(), stats.outText());
        for (Row row : rows) {
            assertEquals(200, row.code(), stats.outText());
            assertEquals("/sample.txt", row.path(), stats.outText());
        }
        // All ten were sent before the first answer ended: they were in flight together.
        double firstEnd = rows.stream().mapToDouble(Row::responseEnd).min().orElseThrow();
        assertTrue(rows.stream().allMatch(row -> row.requestStart() <= firstEnd), stats.outText());

        // The bodies: ten times the file (each fits in one DATA frame, so nothing interleaves).
        byte[] sample = Files.readAllBytes(dir.resolve("sample.txt"));
        var small = nghttp(List.of("-m", "10"), url(wire, "/sample.txt"));
        assertEquals(0, small.exitCode(), small.err());
        var expected = new ByteArrayOutputStream();
        for (int i = 0; i < 10; i++) {
            expected.write(sample);
        }
        assertArrayEquals(expected.toByteArray(), small.out());

        // Ten 300 kB bodies at once, far past the connection's and each stream's 64 KiB window.
        var large = nghttp(List.of("-m", "10", "-s"), url(wire, "/big.bin"));
        assertEquals(0, large.exitCode(), large.err());
        byte[] out = large.out();
        int bodies = 10 * big.length;
        assertTrue(out.length > bodies, "short: " + out.length);
        String statistics = new String(out, bodies, out.length - bodies, StandardCharsets.ISO_8859_1);
        // The bodies end exactly where the statistics begin: 10 x 300,000 bytes, no more, no less.
        assertTrue(statistics.startsWith("***** Statistics *****"), statistics);
        List<Row> bigRows = rows(statistics);
        assertEquals(10, bigRows.size(), statistics);
        assertTrue(bigRows.stream().allMatch(row -> row.code() == 200), statistics);
        // Their DATA frames interleave on standard output, but every byte value occurs ten times as often.
        long[] seen = new long[256];
        for (int i = 0; i < bodies; i++) {
            seen[out[i] & 0xff]++;
        }
        long[] want = new long[256];
        for (byte b : big) {
            want[b & 0xff] += 10;
        }
        assertArrayEquals(want, seen);
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void anUploadIs201AndStoredByteExact(Wire wire) throws Exception {
        // 200 kB: more than the 64 KiB stream window the server grants at first, so it must open it.
        var json = new StringBuilder("{\"client\":\"nghttp\",\"wire\":\"" + wire + "\",\"filler\":\"");
        var random = new Random(5);
        while (json.length() < 200_000) {
            json.append((char) ('a' + random.nextInt(26)));
        }
        json.append("\"}");
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        Path file = work.resolve("upload.json");
        Files.write(file, body);

        var result = nghttp(List.of("-v", "-d", file.toString(), "-H", "content-type: application/json"),
                url(wire, "/upload"));
        assertEquals(0, result.exitCode(), result.err());
        String trace = result.outText();
        assertTrue(trace.contains(":method: POST"), trace);
        assertTrue(trace.contains("recv (stream_id=13) :status: 201"), trace);
        Matcher location = Pattern.compile("recv \\(stream_id=13\\) location: (/uploads/upload_\\d{8}_\\d{6}_[a-z0-9]{4}\\.json)\n")
                .matcher(trace);
        assertTrue(location.find(), trace);
        assertArrayEquals(body, Files.readAllBytes(dir.resolve(location.group(1).substring(1))));
    }

    /** One row of nghttp's {@code -s} table: times in milliseconds from connectEnd. */
    record Row(int stream, double responseEnd, double requestStart, int code, String path) {}

    private static final Pattern ROW = Pattern.compile(
            "^\\s*(\\d+)\\s+\\+([\\d.]+)(us|ms|s)\\s+\\+([\\d.]+)(us|ms|s)\\s+\\S+\\s+(\\d{3})\\s+\\S+\\s+(\\S+)\\s*$",
            Pattern.MULTILINE);

    private static List<Row> rows(String statistics) {
        var rows = new ArrayList<Row>();
        Matcher row = ROW.matcher(statistics);
        while (row.find()) {
            rows.add(new Row(Integer.parseInt(row.group(1)), millis(row.group(2), row.group(3)),
                    millis(row.group(4), row.group(5)), Integer.parseInt(row.group(6)), row.group(7)));
        }
        return rows;
    }

    private static double millis(String value, String unit) {
        double number = Double.parseDouble(value);
        return switch (unit) {
            case "us" -> number / 1000;
            case "ms" -> number;
            default -> number * 1000;
        };
    }

    /** nghttp trusting the test CA (and nothing else), each request bounded by its own timeout too. */
    private ExternalCommand.Result nghttp(List<String> options, String url) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("/usr/bin/env", "SSL_CERT_FILE=" + TestCertificates.caPem(),
                "SSL_CERT_DIR=/dev/null", NGHTTP.toString(), "--timeout=20"));
        command.addAll(options);
        command.add(url);
        return ExternalCommand.run(work, command);
    }
}
