package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tls.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import protocol.http2.ErrorCode;
import protocol.http2.Frame;

/**
 * Attacks on the HTTPS listener of the image: handshakes that never finish, a flood of full
 * handshakes beside established keep-alive clients, records and hellos the server must refuse,
 * and key files replaced with garbage while clients keep connecting.
 */
class TlsAttackIT {

    /** Connections that send half a ClientHello and then nothing. */
    static final int STALLED_HANDSHAKES = 1_000;
    /** The image's --head-timeout for the stalled handshakes. */
    static final Duration HEAD_TIMEOUT = Duration.ofSeconds(2);
    /** How late past the head timeout a busy two-core machine may cut a stalled handshake. */
    private static final Duration CUT_OFF_SLACK = Duration.ofSeconds(5);
    /** Threads that open full handshakes as fast as they can, and for how long. */
    static final int FLOOD_THREADS = 2;
    static final Duration FLOOD_DURATION = Duration.ofSeconds(15);
    /** Established keep-alive clients served during the flood, and their bound. */
    static final int KEEP_ALIVE_CLIENTS = 4;
    static final Duration KEEP_ALIVE_P99_BOUND = Duration.ofMillis(100);
    private static final Duration KEEP_ALIVE_PAUSE = Duration.ofMillis(10);
    /** Clients handshaking while the key files are replaced, and for how long after. */
    static final int RELOAD_CLIENTS = 2;
    private static final Duration LOAD_AFTER_REFUSAL = Duration.ofSeconds(5);
    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(20);
    /** How long a refused connection may take to be closed by the server. */
    private static final int CLOSE_TIMEOUT_MILLIS = 10_000;

    @TempDir
    Path dir;

    @Test
    void halfClientHellosAreCutAtTheHeadTimeoutWhileFreshClientsAreServed() throws Exception {
        try (var server = start("--head-timeout", Long.toString(HEAD_TIMEOUT.toSeconds()))) {
            List<SlowLoris.Outcome> outcomes;
            var watch = AttackWatch.start(server, "tls attack: half ClientHellos", () -> FreshClient.getTls(server, "/index.html"));
            ProcessStats.Sample held;
            try (watch) {
                try (var stall = SlowLoris.stall(server.securePort(), STALLED_HANDSHAKES, 2, ClientHello.firstHalf(),
                        Duration.ofSeconds(30))) {
                    outcomes = stall.await();
                }
                held = watch.peak();
            } finally {
                watch.attackEnded();
            }
            Duration shortest = outcomes.stream().map(SlowLoris.Outcome::lifetime).min(Duration::compareTo).orElseThrow();
            Duration longest = outcomes.stream().map(SlowLoris.Outcome::lifetime).max(Duration::compareTo).orElseThrow();
            long silent = outcomes.stream().filter(o -> o.answer().isEmpty()).count();
            System.out.println(watch.summary(String.format("%d connections with half a ClientHello, cut after %d..%d ms"
                            + " (%d without a word, %d with an alert, %d reset)", outcomes.size(), shortest.toMillis(),
                    longest.toMillis(), silent, outcomes.size() - silent,
                    outcomes.stream().filter(SlowLoris.Outcome::reset).count())));

            assertEquals(STALLED_HANDSHAKES, outcomes.size(), "every stalled handshake was ended by the server");
            assertTrue(outcomes.stream().allMatch(o -> o.answer().isEmpty() || o.answer().charAt(0) == 0x15),
                    "a close, or a TLS alert: nothing else");
            assertTrue(shortest.compareTo(HEAD_TIMEOUT.minusMillis(300)) >= 0, "none cut before the head timeout");
            assertTrue(longest.compareTo(HEAD_TIMEOUT.plus(CUT_OFF_SLACK)) <= 0, "all cut near the head timeout");
            assertTrue(held.sockets() >= watch.baseline().sockets() + STALLED_HANDSHAKES / 2, "the server held them");
            watch.assertBounded();
        }
    }

    @Test
    void aHandshakeFloodLeavesEstablishedClientsServed() throws Exception {
        // One worker: were a handshake ever to hold it, the keep-alive clients would wait behind it.
        try (var server = start("--pool", "1", "--max-requests", "1000000")) {
            var latencies = new CopyOnWriteArrayList<Long>();
            var failures = new CopyOnWriteArrayList<String>();
            var handshakes = new AtomicInteger();
            var running = new AtomicBoolean(true);
            var clients = new ArrayList<Thread>();
            var keepAlive = new ArrayList<RawClient>();
            // The baseline before the keep-alive clients connect: their sockets are gone again at the end.
            var watch = AttackWatch.start(server, "tls attack: handshake flood", () -> FreshClient.getTls(server, "/index.html"));
            long started;
            try (watch) {
                for (int i = 0; i < KEEP_ALIVE_CLIENTS; i++) {
                    RawClient client = server.tlsClient("http/1.1");
                    assertEquals(200, client.send(get(server, "/index.html")).read().status());
                    keepAlive.add(client);
                }
                for (RawClient client : keepAlive) {
                    clients.add(Thread.ofPlatform().name("keep-alive").start(
                            () -> keepAsking(server, client, running, latencies, failures)));
                }
                started = System.nanoTime();
                for (int i = 0; i < FLOOD_THREADS; i++) {
                    clients.add(Thread.ofPlatform().name("handshake-flood").start(
                            () -> handshakeFlood(server, started + FLOOD_DURATION.toNanos(), handshakes, failures)));
                }
                ImageServer.sleep(FLOOD_DURATION);
                running.set(false);
                for (Thread client : clients) {
                    client.join(Duration.ofSeconds(30));
                }
                for (RawClient client : keepAlive) {
                    client.close();
                }
            } finally {
                watch.attackEnded();
            }
            double seconds = Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0;
            var sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            long p50 = percentile(sorted, 50);
            long p99 = percentile(sorted, 99);
            System.out.println(watch.summary(String.format("%d full handshakes in %.1f s (%.0f/s) from %d threads;"
                            + " %d keep-alive requests beside them, p50 %d ms, p99 %d ms, max %d ms; %d failures",
                    handshakes.get(), seconds, handshakes.get() / seconds, FLOOD_THREADS, sorted.size(), p50, p99,
                    sorted.isEmpty() ? -1 : sorted.getLast(), failures.size())));

            assertEquals(List.of(), failures.stream().limit(5).toList(), "no request or handshake failed");
            assertTrue(handshakes.get() >= FLOOD_DURATION.toSeconds() * 10, "the flood really ran: " + handshakes);
            assertTrue(sorted.size() >= 100, "the keep-alive clients were served: " + sorted.size());
            assertTrue(p99 <= KEEP_ALIVE_P99_BOUND.toMillis(), "keep-alive p99 " + p99 + " ms");
            watch.assertBounded();
        }
    }

    private static void keepAsking(ImageServer server, RawClient client, AtomicBoolean running, List<Long> latencies,
            List<String> failures) {
        try {
            while (running.get()) {
                long start = System.nanoTime();
                int status = client.send(get(server, "/index.html")).read().status();
                latencies.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
                if (status != 200) {
                    failures.add("keep-alive status " + status);
                }
                ImageServer.sleep(KEEP_ALIVE_PAUSE);
            }
        } catch (IOException e) {
            failures.add("keep-alive client: " + e);
        }
    }

    /** Full handshakes, one after another: each session is dropped so that the next cannot resume it. */
    private static void handshakeFlood(ImageServer server, long until, AtomicInteger handshakes, List<String> failures) {
        var factory = TestCertificates.clientContext().getSocketFactory();
        while (System.nanoTime() < until) {
            try (var socket = (SSLSocket) factory.createSocket(InetAddress.getLoopbackAddress(), server.securePort())) {
                socket.setSoTimeout(10_000);
                socket.startHandshake();
                socket.getSession().invalidate();
                handshakes.incrementAndGet();
            } catch (IOException e) {
                failures.add("handshake: " + e);
                return;
            }
        }
    }

    @Test
    void refusedRecordsAndHellosAreClosedCleanlyAndLoggedAtDebugOnly() throws Exception {
        try (var server = start("--log-level", "debug")) {
            var cases = new ArrayList<String>();
            ProcessStats.Sample baseline = server.sample();
            refusal(server, baseline, cases, "garbage bytes after the handshake", () -> {
                try (var plain = new Socket(InetAddress.getLoopbackAddress(), server.securePort());
                        var tls = layered(plain, server, "TLSv1.3")) {
                    tls.startHandshake();
                    byte[] garbage = new byte[1024];
                    new Random(1).nextBytes(garbage);
                    plain.getOutputStream().write(garbage);
                    return closedBy(plain.getInputStream());
                }
            });
            refusal(server, baseline, cases, "a truncated record after the handshake", () -> {
                try (var plain = new Socket(InetAddress.getLoopbackAddress(), server.securePort());
                        var tls = layered(plain, server, "TLSv1.3")) {
                    tls.startHandshake();
                    // Application data, TLS 1.2 on the record layer, promising 4 000 bytes; 100 come.
                    byte[] record = new byte[5 + 100];
                    record[0] = 0x17;
                    record[1] = 3;
                    record[2] = 3;
                    record[3] = (byte) (4000 >>> 8);
                    record[4] = (byte) (4000 & 0xff);
                    plain.getOutputStream().write(record);
                    plain.shutdownOutput();
                    return closedBy(plain.getInputStream());
                }
            });
            refusal(server, baseline, cases, "a truncated ClientHello", () -> {
                try (var plain = new Socket(InetAddress.getLoopbackAddress(), server.securePort())) {
                    plain.getOutputStream().write(ClientHello.firstHalf());
                    plain.shutdownOutput();
                    return closedBy(plain.getInputStream());
                }
            });
            refusal(server, baseline, cases, "HTTP/2 garbage inside TLS", () -> {
                try (var client = H2Client.tls(server.securePort())) {
                    client.raw("GET / HTTP/1.1\r\nHost: x\r\n\r\n".repeat(3).getBytes(StandardCharsets.US_ASCII));
                    Frame.GoAway away = client.await(Frame.GoAway.class);
                    assertEquals(ErrorCode.PROTOCOL_ERROR, away.code());
                    assertTrue(client.closedWithin(CLOSE_TIMEOUT_MILLIS));
                    return "GOAWAY " + away.code() + ", closed";
                }
            });
            refusal(server, baseline, cases, "a client renegotiation (TLS 1.2)", () -> {
                try (var plain = new Socket(InetAddress.getLoopbackAddress(), server.securePort());
                        var tls = layered(plain, server, "TLSv1.2")) {
                    var client = new RawClient(tls);
                    assertEquals(200, client.send(get(server, "/index.html")).read().status());
                    assertEquals("TLSv1.2", tls.getSession().getProtocol());
                    // A second handshake on the established connection: a new ClientHello.
                    SSLException refused = assertThrows(SSLException.class, () -> {
                        tls.startHandshake();
                        client.send(get(server, "/index.html")).read();
                    });
                    return "refused: " + refused.getMessage();
                }
            });
            for (int version : List.of(ClientHello.TLS_1_0, ClientHello.TLS_1_1)) {
                String name = version == ClientHello.TLS_1_0 ? "TLS 1.0" : "TLS 1.1";
                refusal(server, baseline, cases, "a " + name + "-only client", () -> alertFor(server,
                        ClientHello.only(version, ClientHello.CURRENT_SUITES), ClientHello.PROTOCOL_VERSION));
            }
            refusal(server, baseline, cases, "a client offering only removed suites (RC4, 3DES, CBC-SHA1)",
                    () -> alertFor(server, ClientHello.only(ClientHello.TLS_1_2, ClientHello.REMOVED_SUITES),
                            ClientHello.HANDSHAKE_FAILURE));
            cases.forEach(line -> System.out.println("tls refusal: " + line));
        }
    }

    @FunctionalInterface
    private interface Refusal {
        /** Mounts the case; returns what the client saw. */
        String mount() throws Exception;
    }

    /**
     * Runs one refusal, waits until the server has let go of its socket, then asserts that
     * nothing above DEBUG was logged for it (an access-log line of a request answered is INFO)
     * and that a fresh client is served.
     */
    private static void refusal(ImageServer server, ProcessStats.Sample baseline, List<String> cases, String name,
            Refusal refusal) throws Exception {
        long mark = server.logMark();
        String seen = refusal.mount();
        ProcessStats.Sample after = ProcessStats.awaitAtMost(server.pid(), ProcessStats.Sample::sockets,
                baseline.sockets(), Duration.ofSeconds(10));
        assertEquals(baseline.sockets(), after.sockets(), name + ": the server closed the connection");
        List<String> lines = server.logSince(mark).lines().toList();
        List<String> above = lines.stream()
                .filter(line -> !line.contains(" [DEBUG] ") && !line.contains(" [INFO] request - ")).toList();
        assertEquals(List.of(), above, name + ": logged above DEBUG");
        assertEquals(200, FreshClient.getTls(server, "/index.html"), name + ": a fresh client is served after");
        cases.add(String.format("%s: %s; %d DEBUG lines, none above", name, seen, lines.size()));
    }

    /** Sends {@code hello} on a new connection; asserts the fatal alert {@code description}, then the close. */
    private static String alertFor(ImageServer server, byte[] hello, int description) throws IOException {
        try (var plain = new Socket(InetAddress.getLoopbackAddress(), server.securePort())) {
            plain.setSoTimeout(CLOSE_TIMEOUT_MILLIS);
            plain.getOutputStream().write(hello);
            Optional<ClientHello.Alert> alert = ClientHello.readAlert(plain.getInputStream());
            assertEquals(Optional.of(new ClientHello.Alert(2, description)), alert, "a fatal alert " + description);
            return "fatal alert " + description + ", then " + closedBy(plain.getInputStream());
        }
    }

    /** How the server ended the connection: what it still sent, then end of stream or reset. */
    private static String closedBy(InputStream in) throws IOException {
        byte[] rest;
        try {
            rest = in.readAllBytes();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection within " + CLOSE_TIMEOUT_MILLIS + " ms");
        } catch (IOException e) {
            return "reset";
        }
        return rest.length == 0 ? "closed" : "closed after " + rest.length + " more bytes";
    }

    /** A TLS client over {@code plain} (whose raw stream a test may write to), trusting the test CA. */
    private static SSLSocket layered(Socket plain, ImageServer server, String protocol) throws IOException {
        plain.setSoTimeout(CLOSE_TIMEOUT_MILLIS);
        var tls = (SSLSocket) TestCertificates.clientContext().getSocketFactory()
                .createSocket(plain, "127.0.0.1", server.securePort(), false);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setProtocols(new String[] {protocol});
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        tls.setSSLParameters(parameters);
        return tls;
    }

    @Test
    void keyFilesReplacedWithGarbageUnderLoadLeaveTheOldCertificateServing() throws Exception {
        var certificate = TestCertificates.server(TestCertificates.Algorithm.EC_P256);
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Path chain = TestCertificates.writeChain(certificate, keys.resolve("chain.pem"));
        Path key = TestCertificates.writePkcs8(certificate, keys.resolve("key.pem"));
        BigInteger serial = certificate.leaf().getSerialNumber();
        try (var server = start(List.of("--https-port", "0", "--tls-cert", chain.toString(), "--tls-key", key.toString()))) {
            long mark = server.logMark();
            var running = new AtomicBoolean(true);
            var served = new AtomicInteger();
            var failures = new CopyOnWriteArrayList<String>();
            var serials = ConcurrentHashMap.<BigInteger>newKeySet();
            var clients = new ArrayList<Thread>();
            for (int i = 0; i < RELOAD_CLIENTS; i++) {
                clients.add(Thread.ofPlatform().name("reload-client").start(() -> {
                    while (running.get()) {
                        try (var client = server.tlsClient("http/1.1")) {
                            int status = client.send(get(server, "/index.html")).read().status();
                            var socket = (SSLSocket) client.socket();
                            serials.add(((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber());
                            if (status == 200) {
                                served.incrementAndGet();
                            } else {
                                failures.add("status " + status);
                            }
                        } catch (IOException e) {
                            failures.add(e.toString());
                        }
                    }
                }));
            }
            ImageServer.sleep(Duration.ofSeconds(1));
            int before = served.get();
            Files.writeString(chain, "-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n");
            Files.write(key, new byte[] {0, 1, 2, 3, 'g', 'a', 'r', 'b', 'a', 'g', 'e'});
            long deadline = System.nanoTime() + RELOAD_TIMEOUT.toNanos();
            while (!server.logSince(mark).contains("[ERROR]") && System.nanoTime() < deadline) {
                ImageServer.sleep(Duration.ofMillis(100));
            }
            int atRefusal = served.get();
            ImageServer.sleep(LOAD_AFTER_REFUSAL);
            running.set(false);
            for (Thread client : clients) {
                client.join(Duration.ofSeconds(30));
            }
            List<String> errors = server.logSince(mark).lines().filter(line -> line.contains(" [ERROR] ")).toList();
            System.out.printf("tls attack: key files replaced with garbage under load: %d handshakes served (%d before"
                            + " the replacement, %d after the refusal), serials seen %s (the original %s), ERROR lines %s,"
                            + " %d failures%n", served.get(), before, served.get() - atRefusal, serials, serial, errors,
                    failures.size());

            assertEquals(List.of(), failures.stream().limit(5).toList(), "every client was served");
            assertEquals(1, errors.size(), "exactly one ERROR line: " + errors);
            assertTrue(errors.getFirst().contains("TLS certificate not reloaded"), errors.getFirst());
            assertEquals(java.util.Set.of(serial), serials, "only the original certificate served");
            assertTrue(served.get() - atRefusal >= 10, "clients kept being served after the refusal");
            assertFalse(server.logSince(mark).contains("TLS certificate reloaded"), "nothing was swapped in");
        }
    }

    // Helpers

    private ImageServer start(String... args) throws Exception {
        var all = new ArrayList<>(ImageServer.tlsArguments());
        all.addAll(List.of(args));
        return start(all);
    }

    private ImageServer start(List<String> args) throws Exception {
        Path root = ImageServer.copyOfResources(dir.resolve("root"));
        ImageServer server = ImageServer.start(root, dir.resolve("server.log"), args.toArray(String[]::new));
        try {
            FreshClient.warmUp(server);
            for (int i = 0; i < 20; i++) {
                if (FreshClient.getTls(server, "/index.html") != 200) {
                    throw new IllegalStateException("HTTPS warm-up failed");
                }
            }
            ImageServer.sleep(Duration.ofMillis(500));
            return server;
        } catch (Exception e) {
            server.close();
            throw e;
        }
    }

    private static String get(ImageServer server, String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + server.secureHost() + "\r\n\r\n";
    }

    private static long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * percent / 100.0) - 1));
    }
}
