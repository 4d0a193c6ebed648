package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import app.tls.CertificateWatcher;
import app.tls.KeyMaterial;
import app.tls.TestCertificates;
import app.tls.TestCertificates.Algorithm;
import app.tls.TestCertificates.Server;
import app.tls.TlsConfig;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate reload end to end: a real server over HTTPS, three client threads looping requests
 * (one handshake per request on one, keep-alive connections on two), while the test replaces the
 * key files under it. No request may fail; new handshakes must get the new certificate once it
 * is in place, a connection opened before keeps working with the old one, and a broken
 * replacement leaves the old certificate in service.
 *
 * <p>Nothing here sleeps to show that nothing happened: the test waits (bounded) for what must
 * happen (the new serial on a fresh handshake, the watcher's one report of a broken pair, the
 * load making progress after it), and what must not happen is read off the client loop's record
 * of every request and handshake.
 */
class CertificateReloadTest {

    /** Short, so a swap is seen within a fraction of a second (the default is 2 s). */
    private static final Duration RELOAD_INTERVAL = Duration.ofMillis(100);
    /** The client loop stops at whichever comes first: the test's end, this long, or this many requests. */
    private static final Duration LOAD_LIMIT = Duration.ofSeconds(20);
    private static final int MAX_REQUESTS = 100_000;
    /** The bound on every wait for something that must happen. */
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Path chain;
    private Path key;
    private Server first;
    private final Recorder recorder = new Recorder();
    private TestServer server;
    private Load load;
    private byte[] index;

    /** What the watcher concludes; each report is logged as the server would, too. */
    static final class Recorder implements CertificateWatcher.Listener {
        final List<BigInteger> reloads = new CopyOnWriteArrayList<>();
        final List<String> failures = new CopyOnWriteArrayList<>();

        @Override
        public void reloaded(KeyMaterial material) {
            reloads.add(material.leaf().getSerialNumber());
            CertificateWatcher.LOGGING.reloaded(material);
        }

        @Override
        public void failed(String message) {
            failures.add(message);
            CertificateWatcher.LOGGING.failed(message);
        }
    }

    @BeforeEach
    void start() throws IOException, InterruptedException {
        first = TestCertificates.server(Algorithm.EC_P256);
        Path tls = Files.createDirectories(dir.resolve("tls"));
        chain = TestCertificates.writeChain(first, tls.resolve("fullchain.pem"));
        key = TestCertificates.writePkcs8(first, tls.resolve("privkey.pem"));
        Path root = TestServer.site(Files.createDirectories(dir.resolve("site")));
        index = Files.readAllBytes(root.resolve("index.html"));
        server = TestServer.startTls(root,
                c -> new TlsConfig(c.keys(), c.httpsPort(), c.redirectHttp(), c.hsts(), RELOAD_INTERVAL),
                recorder, "--https-port", "0", "--tls-cert", chain.toString(), "--tls-key", key.toString());
        load = new Load();
        // The loop is under way, on the old certificate, before anything is replaced.
        await("the client loop's first handshakes", () -> load.handshakes.size() >= 3 && load.requests.get() >= 10);
    }

    @AfterEach
    void stop() {
        if (load != null) {
            load.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPairRenamedIntoPlaceIsServedToNewHandshakesWhileOpenConnectionsKeepTheOld() throws Exception {
        try (var early = server.tlsClient()) {
            assertEquals(200, early.send(get()).read().status());
            assertEquals(first.leaf().getSerialNumber(), serial(early));

            Server second = TestCertificates.fresh(Algorithm.EC_P256);
            Path newChain = TestCertificates.writeChain(second, chain.resolveSibling(".fullchain.pem.tmp"));
            Path newKey = TestCertificates.writePkcs8(second, key.resolveSibling(".privkey.pem.tmp"));
            int requestsBefore = load.requests.get();
            Files.move(newChain, chain, StandardCopyOption.ATOMIC_MOVE);
            Files.move(newKey, key, StandardCopyOption.ATOMIC_MOVE);
            long swapped = System.nanoTime();

            long seen = awaitSerial(second.leaf().getSerialNumber());
            awaitHandshakesSince(seen, 5);
            RawClient.Reply reply = early.send(get()).read();
            assertEquals(200, reply.status(), "the connection opened before the swap");
            assertEquals(first.leaf().getSerialNumber(), serial(early), "it keeps the certificate it was given");

            load.close();
            report("rename into place", requestsBefore, swapped, seen);
            load.assertNoFailures();
            load.assertNewHandshakesSince(seen, second.leaf().getSerialNumber());
            assertEquals(List.of(second.leaf().getSerialNumber()), recorder.reloads);
            assertEquals(List.of(), recorder.failures, "both renames fall within one poll: no half-swapped pair");
        }
    }

    @Test
    void aPairOverwrittenInPlaceCertificateFirstIsLoadedOnceTheKeyFollows() throws Exception {
        try (var early = server.tlsClient()) {
            assertEquals(200, early.send(get()).read().status());
            Server second = TestCertificates.fresh(Algorithm.EC_P256);
            int requestsBefore = load.requests.get();

            // The naive way: the certificate overwritten, and the key only a while later. The
            // watcher sees the new certificate with the old key, refuses the pair and says so.
            TestCertificates.writeChain(second, chain);
            await("the watcher's report of the new certificate with the old key", () -> !recorder.failures.isEmpty());
            assertTrue(recorder.failures.getFirst().contains("does not match"), recorder.failures.getFirst());
            long refused = System.nanoTime();
            awaitHandshakesSince(refused, 5);
            assertEquals(first.leaf().getSerialNumber(), serialOfANewConnection(), "the old pair stays in service");

            TestCertificates.writePkcs8(second, key);
            long swapped = System.nanoTime();
            long seen = awaitSerial(second.leaf().getSerialNumber());
            awaitHandshakesSince(seen, 5);
            assertEquals(200, early.send(get()).read().status());
            assertEquals(first.leaf().getSerialNumber(), serial(early));

            // And overwritten in place one right after the other, as cp does.
            Server third = TestCertificates.fresh(Algorithm.EC_P256);
            TestCertificates.writeChain(third, chain);
            TestCertificates.writePkcs8(third, key);
            long swappedAgain = System.nanoTime();
            long seenAgain = awaitSerial(third.leaf().getSerialNumber());
            awaitHandshakesSince(seenAgain, 5);
            assertEquals(200, early.send(get()).read().status(), "two swaps later");
            assertEquals(first.leaf().getSerialNumber(), serial(early));

            load.close();
            report("overwrite, key later", requestsBefore, swapped, seen);
            report("overwrite, key at once", requestsBefore, swappedAgain, seenAgain);
            load.assertNoFailures();
            load.assertNewHandshakesSince(refused, first.leaf().getSerialNumber(), swapped);
            load.assertNewHandshakesSince(seenAgain, third.leaf().getSerialNumber());
            assertEquals(List.of(second.leaf().getSerialNumber(), third.leaf().getSerialNumber()), recorder.reloads);
            assertEquals(1, recorder.failures.size(), recorder.failures.toString());
        }
    }

    @Test
    void aClientThatResumesSessionsGetsTheNewCertificateAfterTheSwapToo() throws Exception {
        // One client context for every connection: its session cache offers the old session's ticket.
        SSLContext context = TestCertificates.clientContext();
        long before;
        try (var client = resumingClient(context)) {
            assertEquals(200, client.send(get()).read().status());
            before = session(client).getCreationTime();
        }
        try (var client = resumingClient(context)) {
            assertEquals(200, client.send(get()).read().status());
            assertEquals(before, session(client).getCreationTime(), "the client resumes its session");
            assertEquals(first.leaf().getSerialNumber(), serial(client));
        }
        Server second = TestCertificates.fresh(Algorithm.EC_P256);
        renameIntoPlace(chain, Files.readString(TestCertificates.writeChain(second, dir.resolve("second.pem"))));
        renameIntoPlace(key, Files.readString(TestCertificates.writePkcs8(second, dir.resolve("second-key.pem"))));
        awaitSerial(second.leaf().getSerialNumber());
        try (var client = resumingClient(context)) {
            assertEquals(200, client.send(get()).read().status());
            // JSSE does not resume a session made under the replaced certificate: a full handshake.
            assertEquals(second.leaf().getSerialNumber(), serial(client), "a session offered from before the swap");
            assertTrue(session(client).getCreationTime() != before, "a new session");
        }
        load.close();
        load.assertNoFailures();
    }

    private RawClient resumingClient(SSLContext context) throws IOException {
        var socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                server.securePort());
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        return new RawClient(socket);
    }

    private static SSLSession session(RawClient client) {
        return ((SSLSocket) client.socket()).getSession();
    }

    @Test
    void garbageInPlaceOfBothFilesLeavesTheOldCertificateInService() throws Exception {
        assertABrokenReplacementIsRefused("garbage", () -> {
            renameIntoPlace(chain, "this is not a certificate\n");
            renameIntoPlace(key, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        }, message -> message.startsWith(chain + ":"));
    }

    @Test
    void aMismatchedPairLeavesTheOldCertificateInService() throws Exception {
        Server other = TestCertificates.fresh(Algorithm.EC_P256);
        Server another = TestCertificates.fresh(Algorithm.EC_P256);
        assertABrokenReplacementIsRefused("mismatched pair", () -> {
            renameIntoPlace(chain, Files.readString(TestCertificates.writeChain(other, dir.resolve("other.pem"))));
            renameIntoPlace(key, Files.readString(TestCertificates.writePkcs8(another, dir.resolve("another.pem"))));
        }, message -> message.contains("does not match") && message.contains(key.toString()));
    }

    private interface Replacement {
        void run() throws IOException;
    }

    private interface MessageCheck {
        boolean test(String message);
    }

    private void assertABrokenReplacementIsRefused(String name, Replacement replacement, MessageCheck expected)
            throws Exception {
        try (var early = server.tlsClient()) {
            assertEquals(200, early.send(get()).read().status());
            int requestsBefore = load.requests.get();
            replacement.run();
            long replaced = System.nanoTime();
            await("the watcher's report of the " + name, () -> !recorder.failures.isEmpty());
            long refused = System.nanoTime();
            String message = recorder.failures.getFirst();
            assertTrue(expected.test(message), message);
            assertEquals(1, message.lines().count(), message);
            // The loop goes on for a while after the refusal: requests and new handshakes.
            int requestsAtRefusal = load.requests.get();
            awaitHandshakesSince(refused, 10);
            await("more requests after the refusal", () -> load.requests.get() >= requestsAtRefusal + 100);
            assertEquals(first.leaf().getSerialNumber(), serialOfANewConnection());
            assertEquals(200, early.send(get()).read().status(), "the connection opened before");

            // Mended: a good pair is picked up, so the watcher did not give up after the failure.
            Server mended = TestCertificates.fresh(Algorithm.EC_P256);
            Path newChain = TestCertificates.writeChain(mended, chain.resolveSibling(".fullchain.pem.tmp"));
            Path newKey = TestCertificates.writePkcs8(mended, key.resolveSibling(".privkey.pem.tmp"));
            Files.move(newChain, chain, StandardCopyOption.ATOMIC_MOVE);
            Files.move(newKey, key, StandardCopyOption.ATOMIC_MOVE);
            long swapped = System.nanoTime();
            long seen = awaitSerial(mended.leaf().getSerialNumber());
            awaitHandshakesSince(seen, 5);
            assertEquals(200, early.send(get()).read().status());
            assertEquals(first.leaf().getSerialNumber(), serial(early));

            load.close();
            System.out.printf("reload[%s]: refused %d ms after the files were replaced; %d handshakes begun between"
                    + " the refusal and the mend, all on the old serial; %d requests from the refusal to the end%n",
                    name, millis(replaced, refused), load.handshakesBetween(refused, swapped),
                    load.requests.get() - requestsAtRefusal);
            report(name + ", then mended", requestsBefore, swapped, seen);
            load.assertNoFailures();
            load.assertNewHandshakesSince(0, first.leaf().getSerialNumber(), swapped);
            load.assertNewHandshakesSince(seen, mended.leaf().getSerialNumber());
            assertEquals(1, recorder.failures.size(), "reported once: " + recorder.failures);
            assertEquals(List.of(mended.leaf().getSerialNumber()), recorder.reloads);
        }
    }

    // The client loop

    /** A handshake the loop made: when it started, which certificate it got, on which thread. */
    private record Handshake(long startNanos, BigInteger serial, String thread) {}

    /** Three threads requesting {@code /index.html} until closed, recording every failure and handshake. */
    private final class Load implements AutoCloseable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger requests = new AtomicInteger();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        final List<Handshake> handshakes = new CopyOnWriteArrayList<>();
        final long deadline = System.nanoTime() + LOAD_LIMIT.toNanos();
        final List<Thread> threads = new ArrayList<>();
        long stoppedNanos;

        Load() {
            threads.add(Thread.ofPlatform().name("load-handshakes").start(() -> loop(1)));
            threads.add(Thread.ofPlatform().name("load-keep-alive-1").start(() -> loop(Integer.MAX_VALUE)));
            threads.add(Thread.ofPlatform().name("load-keep-alive-2").start(() -> loop(Integer.MAX_VALUE)));
        }

        private boolean going() {
            return !stop.get() && requests.get() < MAX_REQUESTS && System.nanoTime() < deadline;
        }

        /** Connections of up to {@code perConnection} requests (the server's --max-requests ends them sooner). */
        private void loop(int perConnection) {
            String thread = Thread.currentThread().getName();
            while (going()) {
                long start = System.nanoTime();
                try (var client = server.tlsClient()) {
                    var socket = (SSLSocket) client.socket();
                    socket.startHandshake();
                    handshakes.add(new Handshake(start, serial(client), thread));
                    for (int i = 0; i < perConnection && going(); i++) {
                        RawClient.Reply reply = client.send(get()).read();
                        int n = requests.incrementAndGet();
                        if (reply.status() != 200 || !java.util.Arrays.equals(index, reply.body())) {
                            failures.add(thread + " request " + n + ": " + reply.statusLine());
                        }
                        if ("close".equals(reply.header("Connection"))) {
                            break;
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    failures.add(thread + ": " + e);
                }
            }
        }

        int handshakesBetween(long from, long to) {
            return (int) handshakes.stream().filter(h -> h.startNanos() > from && h.startNanos() < to).count();
        }

        void assertNoFailures() {
            assertTrue(requests.get() > 0);
            assertEquals(List.of(), List.copyOf(failures), failures.size() + " of " + requests.get() + " failed");
        }

        /** Every handshake the loop began after {@code from} got {@code serial}. */
        void assertNewHandshakesSince(long from, BigInteger serial) {
            assertNewHandshakesSince(from, serial, Long.MAX_VALUE);
        }

        /** Every handshake the loop began between {@code from} and {@code to} got {@code serial}. */
        void assertNewHandshakesSince(long from, BigInteger serial, long to) {
            List<Handshake> others = handshakes.stream()
                    .filter(h -> h.startNanos() > from && h.startNanos() < to && !h.serial().equals(serial))
                    .toList();
            assertEquals(List.of(), others, "handshakes begun in the window with another serial than " + serial);
        }

        @Override
        public void close() {
            if (stop.compareAndSet(false, true)) {
                stoppedNanos = System.nanoTime();
            }
            for (Thread thread : threads) {
                try {
                    if (!thread.join(Duration.ofSeconds(15))) {
                        failures.add(thread.getName() + " did not stop");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    // Helpers

    private String get() {
        return "GET /index.html HTTP/1.1\r\nHost: " + server.secureHost() + "\r\n\r\n";
    }

    private static BigInteger serial(RawClient client) throws IOException {
        var socket = (SSLSocket) client.socket();
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    }

    private BigInteger serialOfANewConnection() throws IOException {
        try (var client = server.tlsClient()) {
            assertEquals(200, client.send(get()).read().status());
            return serial(client);
        }
    }

    /**
     * Fresh connections until one gets {@code expected}; returns when that exchange ended: every
     * handshake begun later must get {@code expected} (or a later one).
     */
    private long awaitSerial(BigInteger expected) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<BigInteger> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            BigInteger serial = serialOfANewConnection();
            if (serial.equals(expected)) {
                return System.nanoTime();
            }
            seen.add(serial);
            Thread.sleep(10);
        }
        Map<BigInteger, Long> counts = seen.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        return fail("no new handshake got serial " + expected + " within " + WAIT + "; got " + counts
                + "; watcher: " + recorder.failures);
    }

    private void awaitHandshakesSince(long from, int count) throws InterruptedException {
        await(count + " handshakes of the loop after the change",
                () -> load.handshakes.stream().filter(h -> h.startNanos() > from).count() >= count);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + WAIT + ": " + what);
            }
            Thread.sleep(10);
        }
    }

    /** As certbot and most tools do: write a temporary file beside the target, then rename it over. */
    private static void renameIntoPlace(Path target, String content) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.US_ASCII);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private void report(String scenario, int requestsBefore, long swapped, long seen) {
        System.out.printf("reload[%s]: %d requests in all (%d since the first change), %d handshakes, %d failures;"
                + " new serial on a fresh handshake %d ms after the files were in place%n", scenario,
                load.requests.get(), load.requests.get() - requestsBefore, load.handshakes.size(),
                load.failures.size(), millis(swapped, seen));
    }

    private static long millis(long from, long to) {
        return Math.max(0, (to - from) / 1_000_000);
    }
}
