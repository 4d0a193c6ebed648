package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HAProxy recipe of {@code deploy/haproxy/} against the runtime image, through
 * {@code cluster.sh}: load spreads over every instance; a rolling restart under load loses no GET
 * and no upload; an instance killed under load costs no GET and rejoins; two instances uploading
 * into the shared folder while a third restarts over and over collide on no name and lose no file;
 * the instances log the client HAProxy names, never HAProxy, and never what a client claims.
 */
class ClusterIT {

    private static final int INSTANCES = 3;
    private static final Duration SETTLE = Duration.ofSeconds(30);
    /** How long the two instances upload in {@link #twoInstancesUploadIntoOneFolderWhileAThirdRestarts}. */
    private static final Duration UPLOAD_RUN = Duration.ofSeconds(Long.getLong("cluster.upload.seconds", 30));
    private static final byte[] SAMPLE = Cluster.sampleBytes();
    /** A loopback address of the client's own, so that it is told apart from HAProxy's 127.0.0.1. */
    private static final String CLIENT = "127.0.0.7";
    /** What a client claims to be in its own {@code X-Forwarded-For} (TEST-NET-3). */
    private static final String FORGED = "203.0.113.9";

    @TempDir
    Path dir;

    private Cluster cluster;
    private final List<ClusterLoad> loads = new ArrayList<>();

    /** Ends the client loops, stops the cluster (again: idempotent), checks that every process it started ended. */
    @AfterEach
    void everyProcessStopped() throws InterruptedException {
        for (ClusterLoad load : loads) {
            load.stop();
        }
        if (cluster != null) {
            cluster.close();
            assertTrue(cluster.allStopped(), "every process cluster.sh started has ended");
        }
    }

    private static List<ClusterLoad.Target> front(Cluster cluster, int threads) {
        return Collections.nCopies(threads, new ClusterLoad.Target(cluster.frontPort(), cluster.frontHost()));
    }

    /** Waits until {@code done} holds, at most {@link #SETTLE}; fails the test otherwise. */
    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what + " within " + SETTLE);
            Thread.sleep(20);
        }
    }

    private ClusterLoad load(byte[] sample, List<ClusterLoad.Target> readers, List<ClusterLoad.Target> uploaders) {
        ClusterLoad load = ClusterLoad.start(sample, readers, uploaders);
        loads.add(load);
        return load;
    }

    private static BooleanSupplier moreThan(ClusterLoad load, long more) {
        long target = load.progress() + more;
        return () -> load.progress() >= target;
    }

    @Test
    void loadThroughHaproxySpreadsOverEveryInstance() throws Exception {
        cluster = Cluster.start(dir, INSTANCES);
        var load = load(SAMPLE, front(cluster, 4), List.of());
        await("600 requests answered", moreThan(load, 600));
        ClusterLoad.Outcome outcome = load.stop();
        List<Double> counts = new ArrayList<>();
        for (int i = 1; i <= INSTANCES; i++) {
            counts.add(cluster.requests(i));
        }
        System.out.printf("spread: %s; requests per instance %s%n", outcome, counts);
        assertEquals(List.of(), outcome.failedGets());
        for (int i = 0; i < INSTANCES; i++) {
            assertTrue(counts.get(i) > 0, "instance " + (i + 1) + " answered requests: " + counts);
        }
        cluster.close();
    }

    /**
     * A client on another loopback address than HAProxy's (127.0.0.7; HAProxy connects to the
     * instances from 127.0.0.1, which they trust): every instance's request line names 127.0.0.7,
     * also for the requests that carry a forged {@code X-Forwarded-For}, which HAProxy passes on
     * with the real client appended.
     */
    @Test
    void theInstancesLogTheRealClientNeitherHaproxyNorAForgery() throws Exception {
        cluster = Cluster.start(dir, INSTANCES, "--log-level info");
        int requests = 30;
        for (int i = 0; i < requests; i++) {
            String forged = i % 2 == 0 ? "X-Forwarded-For: " + FORGED + "\r\n" : "";
            String request = "GET /about.html?client=" + i + " HTTP/1.1\r\nHost: " + cluster.frontHost() + "\r\n"
                    + forged + "Connection: close\r\n\r\n";
            String answer = fetchFrom(CLIENT, cluster.frontPort(), request);
            assertTrue(answer.startsWith("HTTP/1.1 200 "), answer.lines().findFirst().orElse(""));
        }
        // A request's line is logged after its answer is sent; stopping the instances (SIGTERM)
        // writes every line they logged before they exit, so the logs are complete after it.
        cluster.close();
        var lines = new ArrayList<String>();
        for (String log : cluster.logs().values()) {
            log.lines().filter(line -> line.contains(" request - ") && line.contains("/about.html?client="))
                    .forEach(lines::add);
        }
        assertEquals(requests, lines.size(), String.join("\n", lines));
        for (String line : lines) {
            assertTrue(line.contains(" - " + CLIENT + ":"), line);
            assertTrue(!line.contains(FORGED) && !line.contains(" - 127.0.0.1:"), line);
        }
    }

    /** Sends {@code request} from a socket bound to {@code source}; returns the whole answer (the server closes). */
    private static String fetchFrom(String source, int port, String request) throws IOException {
        try (var socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) SETTLE.toMillis());
            socket.setSoTimeout((int) SETTLE.toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void aRollingRestartUnderLoadLosesNoGetAndNoUpload() throws Exception {
        cluster = Cluster.start(dir, INSTANCES);
        Path uploads = cluster.uploads();
        List<Long> before = pids(cluster);
        var load = load(SAMPLE, front(cluster, 3), front(cluster, 2));
        await("load under way", moreThan(load, 200));
        long started = System.nanoTime();
        cluster.run("rolling-restart");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        await("load after the restarts", moreThan(load, 200));
        ClusterLoad.Outcome outcome = load.stop();
        List<Long> after = pids(cluster);
        System.out.printf("rolling restart of %d instances in %d ms under load: %s%n", INSTANCES, took.toMillis(),
                outcome);
        for (int i = 0; i < INSTANCES; i++) {
            assertNotEquals(before.get(i), after.get(i), "instance " + (i + 1) + " was restarted");
        }
        cluster.close();
        assertEquals(List.of(), outcome.failedGets(), "GETs during the rolling restart");
        assertEquals(List.of(), outcome.failedUploads(), "uploads without an answer");
        assertTrue(Set.of(201, 503).containsAll(outcome.uploadStatuses().keySet()), outcome.toString());
        assertTrue(outcome.answered(201) > 0, outcome.toString());
        assertEquals(0, outcome.collisions());
        assertEquals(List.of(), ClusterLoad.problems(uploads, outcome, false));
    }

    @Test
    void anInstanceKilledUnderLoadCostsNoGetAndRejoins() throws Exception {
        cluster = Cluster.start(dir, INSTANCES);
        Path uploads = cluster.uploads();
        var load = load(SAMPLE, front(cluster, 3), front(cluster, 2));
        await("load under way", moreThan(load, 200));
        long killed = cluster.pid(2);
        cluster.kill(2);
        await("load goes on without instance 2", moreThan(load, 300));
        cluster.run("revive");
        assertNotEquals(killed, cluster.pid(2));
        await("instance 2 answers requests again", () -> {
            try {
                return cluster.requests(2) > 0;
            } catch (IOException e) {
                return false;
            }
        });
        double rejoined = cluster.requests(2);
        ClusterLoad.Outcome outcome = load.stop();
        System.out.printf("SIGKILL of instance 2 under load: %s; instance 2 answered %.0f requests after it "
                + "came back; uploads without an answer: %s%n", outcome, rejoined, outcome.failedUploads());
        cluster.close();
        assertEquals(List.of(), outcome.failedGets(), "GETs while an instance died");
        assertTrue(outcome.answered(201) > 0, outcome.toString());
        assertEquals(0, outcome.collisions());
        assertEquals(List.of(), ClusterLoad.problems(uploads, outcome, false));
    }

    @Test
    void twoInstancesUploadIntoOneFolderWhileAThirdRestarts() throws Exception {
        int restarts = 0;
        cluster = Cluster.start(dir, INSTANCES);
        Path uploads = cluster.uploads();
        List<ClusterLoad.Target> direct = IntStream.rangeClosed(1, 2)
                .mapToObj(i -> new ClusterLoad.Target(cluster.port(i), "127.0.0.1:" + cluster.port(i)))
                .flatMap(target -> Stream.of(target, target, target))
                .toList();
        var load = load(SAMPLE, List.of(), direct);
        long end = System.nanoTime() + UPLOAD_RUN.toNanos();
        while (System.nanoTime() < end) {
            // Each start of instance 3 cleans up the shared folder while 1 and 2 write to it.
            cluster.kill(3);
            cluster.run("revive");
            restarts++;
        }
        ClusterLoad.Outcome outcome = load.stop();
        System.out.printf("two instances uploading for %d s while a third restarted %d times: %s%n",
                UPLOAD_RUN.toSeconds(), restarts, outcome);
        cluster.close();
        assertEquals(0, outcome.answered(500), "uploads answered 500 (a live instance's file removed)");
        assertEquals(Set.of(201), outcome.uploadStatuses().keySet(), outcome.toString());
        assertEquals(List.of(), outcome.failedUploads());
        assertEquals(0, outcome.collisions(), "two uploads answered with one name");
        assertTrue(restarts >= 3, "instance 3 restarted " + restarts + " times");
        assertEquals(List.of(), ClusterLoad.problems(uploads, outcome, false));
        try (Stream<Path> files = Files.list(uploads)) {
            assertEquals(outcome.acknowledged().size(),
                    files.filter(file -> file.getFileName().toString().startsWith("upload_")).count(),
                    "every stored upload was answered 201 and every 201 is one file");
        }
    }

    private static List<Long> pids(Cluster cluster) throws IOException {
        var pids = new ArrayList<Long>();
        for (int i = 1; i <= cluster.instances(); i++) {
            pids.add(cluster.pid(i));
        }
        return pids;
    }
}
