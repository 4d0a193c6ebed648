package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.tls.TestCertificates;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTPS listener seen by {@code openssl s_client}: the chain verifies against the test CA,
 * the protocol versions and cipher suites of the policy (TLS 1.3 and 1.2, ECDHE with AEAD only,
 * the server's order), ALPN, client-initiated renegotiation refused, a TLS 1.3 key update
 * accepted, session resumption, and an HTTP exchange through the tunnel.
 *
 * <p>Every s_client run is bounded in time and killed at the end of its test. What a refusal looks
 * like is asserted from s_client's report of the alert the server sent ({@code SSL alert number N}
 * comes from {@code ssl3_read_bytes}, a received alert), so a client that could not even offer a
 * protocol would not pass for a server that refused it.
 */
class OpenSslClientTest {

    private static final Path OPENSSL = Path.of("/usr/bin/openssl");
    private static final long TIMEOUT_SECONDS = 30;

    /** s_client's summary line: {@code New, TLSv1.3, Cipher is TLS_AES_128_GCM_SHA256}. */
    private static final Pattern SUMMARY = Pattern.compile("^(New|Reused), (\\S+), Cipher is (\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;
    @TempDir
    Path work;
    TestServer server;
    byte[] index;

    @BeforeAll
    static void openssl() {
        assumeTrue(Files.isExecutable(OPENSSL), OPENSSL + " is not installed");
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

    // Handshake and verification

    @Test
    void aTls13HandshakeVerifiesTheChainAgainstTheTestCa() throws Exception {
        Run run = sClient(List.of("-tls1_3", "-verify_hostname", "localhost"), "");
        assertEquals(0, run.exitCode(), run.all());
        assertEquals("TLSv1.3", summary(run).group(2));
        assertEquals("TLS_AES_128_GCM_SHA256", summary(run).group(3), "the server's first TLS 1.3 suite");
        assertTrue(run.out().contains(" 0 s:CN = localhost\n   i:CN = http-server test CA\n"), run.out());
        assertTrue(run.out().contains("Verification: OK\n"), run.out());
        assertTrue(run.out().contains("Verify return code: 0 (ok)\n"), run.out());
    }

    @Test
    void withoutTheTestCaOrForAnotherNameVerificationFails() throws Exception {
        // The system's trust store does not know the test CA.
        Run untrusted = run(List.of(OPENSSL.toString(), "s_client", "-connect", "127.0.0.1:" + server.securePort(),
                "-servername", "localhost", "-verify_return_error"), null);
        assertEquals(1, untrusted.exitCode(), untrusted.all());
        assertTrue(untrusted.out().contains("Verify return code: 19 (self-signed certificate in certificate chain)"),
                untrusted.all());

        Run wrongName = sClient(List.of("-verify_hostname", "wrong.example"), "");
        assertEquals(1, wrongName.exitCode(), wrongName.all());
        assertTrue(wrongName.out().contains("Verify return code: 62 (hostname mismatch)"), wrongName.all());
    }

    @Test
    void tls12IsNegotiatedWithAnEcdheAeadSuite() throws Exception {
        Run run = sClient(List.of("-tls1_2"), "");
        assertEquals(0, run.exitCode(), run.all());
        Matcher summary = summary(run);
        assertEquals("TLSv1.2", summary.group(2));
        assertTrue(summary.group(3).matches("ECDHE-(ECDSA|RSA)-(AES(128|256)-GCM-SHA(256|384)|CHACHA20-POLY1305)"),
                summary.group(3));
        assertTrue(run.out().contains("Secure Renegotiation IS supported"), "RFC 5746 renegotiation_info, " + run.out());
        assertTrue(run.out().contains("Verify return code: 0 (ok)\n"), run.out());
    }

    @Test
    void tls11AndTls10AreRefusedWithProtocolVersion() throws Exception {
        for (String version : List.of("-tls1_1", "-tls1")) {
            // SECLEVEL=0: OpenSSL 3 would not offer TLS 1.0/1.1 at all at its default level.
            Run run = sClient(List.of(version, "-cipher", "DEFAULT@SECLEVEL=0"), "");
            assertEquals(1, run.exitCode(), version + ": " + run.all());
            assertEquals("(NONE)", summary(run).group(3), version + ": " + run.out());
            assertTrue(run.err().contains("alert protocol version") && run.err().contains("SSL alert number 70"),
                    version + ": " + run.err());
        }
    }

    @Test
    void cbcAndStaticRsaSuitesAreRefusedInTls12() throws Exception {
        for (String suite : List.of("AES128-SHA", "ECDHE-ECDSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA384")) {
            Run run = sClient(List.of("-tls1_2", "-cipher", suite), "");
            assertEquals(1, run.exitCode(), suite + ": " + run.all());
            assertEquals("(NONE)", summary(run).group(3), suite + ": " + run.out());
            assertTrue(run.err().contains("alert handshake failure") && run.err().contains("SSL alert number 40"),
                    suite + ": " + run.err());
        }
    }

    @Test
    void theServersCipherOrderWinsOverTheClients() throws Exception {
        // ChaCha20 alone: the server can do it, so choosing AES-GCM below is a preference, not a lack.
        Run chachaOnly = sClient(List.of("-tls1_2", "-cipher", "ECDHE-ECDSA-CHACHA20-POLY1305"), "");
        assertEquals(0, chachaOnly.exitCode(), chachaOnly.all());
        assertEquals("ECDHE-ECDSA-CHACHA20-POLY1305", summary(chachaOnly).group(3));

        Run tls12 = sClient(List.of("-tls1_2", "-cipher",
                "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256"), "");
        assertEquals(0, tls12.exitCode(), tls12.all());
        assertEquals("ECDHE-ECDSA-AES128-GCM-SHA256", summary(tls12).group(3), tls12.out());

        Run tls13 = sClient(List.of("-tls1_3", "-ciphersuites",
                "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256"), "");
        assertEquals(0, tls13.exitCode(), tls13.all());
        assertEquals("TLS_AES_128_GCM_SHA256", summary(tls13).group(3), tls13.out());
    }

    // ALPN

    @Test
    void alpnHttp11WhenOnlyItIsOfferedAndH2WhenBothAre() throws Exception {
        Run run = sClient(List.of("-alpn", "http/1.1", "-ign_eof"), get("/", true));
        assertEquals(0, run.exitCode(), run.all());
        assertTrue(run.out().contains("\nALPN protocol: http/1.1\n"), run.out());
        assertTrue(run.out().contains("\nHTTP/1.1 200 OK\r\n"), run.out());
        Run both = sClient(List.of("-alpn", "http/1.1,h2"), "");
        assertTrue(both.out().contains("\nALPN protocol: h2\n"), both.out());
    }

    @Test
    void onlyUnknownAlpnProtocolsGetNoApplicationProtocol() throws Exception {
        Run run = sClient(List.of("-alpn", "spdy/3"), "");
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.err().contains("alert no application protocol") && run.err().contains("SSL alert number 120"),
                run.err());
    }

    @Test
    void withoutAlpnHttp11IsSpoken() throws Exception {
        Run run = sClient(List.of("-ign_eof"), get("/", true));
        assertEquals(0, run.exitCode(), run.all());
        assertTrue(run.out().contains("\nNo ALPN negotiated\n"), run.out());
        assertTrue(run.out().contains("\nHTTP/1.1 200 OK\r\n"), run.out());
        assertTrue(run.out().contains(new String(index, StandardCharsets.UTF_8)), run.out());
    }

    // HTTP through the tunnel

    @Test
    void anHttpRequestThroughSClientGets200AndThePage() throws Exception {
        Run run = sClient(List.of("-quiet"), get("/", true));
        assertEquals(0, run.exitCode(), run.all());
        String response = run.out();
        assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
        int end = response.indexOf("\r\n\r\n");
        assertTrue(end > 0, response);
        assertTrue(response.substring(0, end).contains("\r\nContent-Length: " + index.length + "\r\n"), response);
        assertEquals(new String(index, StandardCharsets.UTF_8), response.substring(end + 4));
    }

    // Renegotiation and key update

    @Test
    void aClientRenegotiationInTls12IsRefusedAndTheServerGoesOn() throws Exception {
        try (var session = new Interactive(command(List.of("-tls1_2", "-msg")))) {
            session.type(get("/", false));
            session.awaitOut(new String(index, StandardCharsets.UTF_8));
            // s_client's R command: SSL_renegotiate, a new ClientHello on the established connection.
            session.type("R\n");
            session.awaitErr("RENEGOTIATING");
            int exit = session.awaitExit();
            assertEquals(1, exit, session.transcript());
            assertTrue(session.out().contains("<<< TLS 1.2, Alert [length 0002], fatal handshake_failure"),
                    session.transcript());
            assertTrue(session.err().contains("SSL alert number 40"), session.transcript());
            // Two ClientHellos went out: the handshake's and the renegotiation's.
            assertEquals(2, session.out().lines().filter(line -> line.startsWith(">>> ") && line.endsWith(", ClientHello"))
                    .count(), session.transcript());
        }
        try (var fresh = server.tlsClient()) {
            assertEquals(200, fresh.send(get("/", false)).read().status());
        }
        Run again = sClient(List.of("-tls1_2", "-quiet"), get("/", true));
        assertTrue(again.out().startsWith("HTTP/1.1 200 OK\r\n"), again.all());
    }

    @Test
    void aTls13KeyUpdateIsAnsweredAndTheConnectionGoesOn() throws Exception {
        try (var session = new Interactive(command(List.of("-tls1_3", "-msg")))) {
            session.type(get("/", false));
            session.awaitOut(new String(index, StandardCharsets.UTF_8));
            // K: KeyUpdate with update_requested; RFC 8446 §4.6.3 makes the server send its own.
            session.type("K\n");
            session.awaitErr("KEYUPDATE");
            session.awaitOut(">>> TLS 1.3, Handshake [length 0005], KeyUpdate");
            session.awaitOut("<<< TLS 1.3, Handshake [length 0005], KeyUpdate");
            session.type("GET /about.html HTTP/1.1\r\nHost: " + server.secureHost() + "\r\nConnection: close\r\n\r\n");
            session.awaitOut(Files.readString(dir.resolve("about.html")));
            assertEquals(0, session.awaitExit(), session.transcript());
            assertEquals(2, count(session.out(), "HTTP/1.1 200 OK\r\n"), session.transcript());
        }
    }

    // Resumption

    @Test
    void aSecondConnectionResumesTheTls13SessionFromItsTicket() throws Exception {
        Path saved = work.resolve("session.pem");
        // -ign_eof: s_client stays until the server closes, so it reads the NewSessionTicket.
        Run first = sClient(List.of("-tls1_3", "-ign_eof", "-sess_out", saved.toString()), get("/", true));
        assertEquals(0, first.exitCode(), first.all());
        assertEquals("New", summary(first).group(1));
        assertTrue(first.out().contains("\nHTTP/1.1 200 OK\r\n"), first.out());
        assertTrue(Files.size(saved) > 0);

        Run second = sClient(List.of("-tls1_3", "-ign_eof", "-sess_in", saved.toString()), get("/", true));
        assertEquals(0, second.exitCode(), second.all());
        assertEquals("Reused, TLSv1.3", summary(second).group(1) + ", " + summary(second).group(2), second.out());
        assertTrue(second.out().contains("\nHTTP/1.1 200 OK\r\n"), second.out());
    }

    // Helpers

    private String get(String path, boolean close) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + server.secureHost() + "\r\n"
                + (close ? "Connection: close\r\n" : "") + "\r\n";
    }

    private static Matcher summary(Run run) {
        Matcher matcher = SUMMARY.matcher(run.out());
        if (!matcher.find()) {
            fail("no summary line in s_client's output: " + run.all());
        }
        return matcher;
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            count++;
        }
        return count;
    }

    /** s_client against the HTTPS port, trusting the test CA, verification errors fatal. */
    private List<String> command(List<String> options) {
        var command = new ArrayList<>(List.of(OPENSSL.toString(), "s_client",
                "-connect", "127.0.0.1:" + server.securePort(), "-servername", "localhost",
                "-CAfile", TestCertificates.caPem().toString(), "-verify_return_error"));
        command.addAll(options);
        return command;
    }

    /** Runs s_client with {@code stdin} as its whole input (empty: it ends after the handshake). */
    private Run sClient(List<String> options, String stdin) throws IOException, InterruptedException {
        return run(command(options), stdin);
    }

    /** What s_client did; standard output as text too (the HTTP bytes here are ASCII). */
    private record Run(int exitCode, String out, String err) {
        String all() {
            return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
        }
    }

    /** Runs {@code command} with {@code stdin} from a file (none: /dev/null), bounded, output to files. */
    private Run run(List<String> command, String stdin) throws IOException, InterruptedException {
        Path in = work.resolve("stdin");
        Files.writeString(in, stdin == null ? "" : stdin, StandardCharsets.ISO_8859_1);
        Path out = Files.createTempFile(work, "s_client", ".out");
        Path err = Files.createTempFile(work, "s_client", ".err");
        Process process = new ProcessBuilder(command).directory(work.toFile())
                .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("still running after " + TIMEOUT_SECONDS + " s: " + command + "\n" + Files.readString(out,
                        StandardCharsets.ISO_8859_1) + Files.readString(err, StandardCharsets.ISO_8859_1));
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
                    Files.readString(err, StandardCharsets.ISO_8859_1));
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** s_client in its interactive mode: what is typed goes to the server, except its one-letter commands. */
    private static final class Interactive implements AutoCloseable {
        private final Process process;
        private final Path out;
        private final Path err;
        private final OutputStream stdin;

        Interactive(List<String> command) throws IOException {
            out = Files.createTempFile("s_client", ".out");
            err = Files.createTempFile("s_client", ".err");
            process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            stdin = process.getOutputStream();
        }

        /** One write: s_client reads it in one piece and looks at its first letter for a command. */
        void type(String text) throws IOException {
            stdin.write(text.getBytes(StandardCharsets.ISO_8859_1));
            stdin.flush();
        }

        String out() throws IOException {
            return Files.readString(out, StandardCharsets.ISO_8859_1);
        }

        String err() throws IOException {
            return Files.readString(err, StandardCharsets.ISO_8859_1);
        }

        String transcript() throws IOException {
            return "--- out\n" + out() + "\n--- err\n" + err();
        }

        void awaitOut(String text) throws IOException, InterruptedException {
            await(out, text);
        }

        void awaitErr(String text) throws IOException, InterruptedException {
            await(err, text);
        }

        private void await(Path file, String text) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (!Files.readString(file, StandardCharsets.ISO_8859_1).contains(text)) {
                if (System.nanoTime() > deadline || !process.isAlive()
                        && !Files.readString(file, StandardCharsets.ISO_8859_1).contains(text)) {
                    fail("s_client did not print " + text + (process.isAlive() ? "" : " and exited") + "\n" + transcript());
                }
                Thread.sleep(20);
            }
        }

        int awaitExit() throws IOException, InterruptedException {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("s_client still running after " + TIMEOUT_SECONDS + " s\n" + transcript());
            }
            return process.exitValue();
        }

        @Override
        public void close() throws IOException, InterruptedException {
            try {
                stdin.close();
            } catch (IOException e) {
                // s_client has gone; nothing to tell it
            }
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
