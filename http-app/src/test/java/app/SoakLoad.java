package app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * A soak: mixed load against the runtime image for a set time (GETs, ranges, conditional
 * requests, uploads, malformed requests, idle connections) while the server's RSS, OS threads
 * and open descriptors are sampled. Used by {@code SoakIT} (60 s, in CI) and by
 * {@code bench/soak.sh} (10 minutes):
 * {@code java -cp http-app/target/test-classes -Dimage.dir=... -Dresources.dir=... app.SoakLoad SECONDS}.
 */
final class SoakLoad {

    private static final int LOAD_CLIENTS = 12;
    private static final int IDLE_CLIENTS = 4;
    private static final String KEEP_ALIVE_TIMEOUT = "5";

    /** What the soak saw. */
    record Report(Duration duration, List<ProcessStats.Sample> series, long requests, long unexpected,
            long serverErrors, List<String> firstUnexpected, boolean alive) {

        /**
         * A series is flat when, after the first quarter (the JVM's warm-up: JIT, heap sizing), its
         * later half never exceeds its earlier half's peak by more than a margin.
         */
        boolean flat() {
            List<ProcessStats.Sample> settled = series.subList(series.size() / 4, series.size());
            int half = settled.size() / 2;
            List<ProcessStats.Sample> first = settled.subList(0, half);
            List<ProcessStats.Sample> second = settled.subList(half, settled.size());
            long rss = peak(first, s -> s.rssKib());
            long threads = peak(first, s -> s.threads());
            long fds = peak(first, s -> s.fds());
            return peak(second, s -> s.rssKib()) <= rss + rss / 5 + 16 * 1024
                    && peak(second, s -> s.threads()) <= threads + 4
                    && peak(second, s -> s.fds()) <= fds + fds / 5 + 8;
        }

        boolean passed() {
            return alive && unexpected == 0 && serverErrors == 0 && series.size() >= 4 && flat();
        }

        private static long peak(List<ProcessStats.Sample> samples, ToLongFunction<ProcessStats.Sample> f) {
            return samples.stream().mapToLong(f).max().orElse(0);
        }

        String text() {
            var out = new StringBuilder();
            out.append(String.format("soak: %d s, %d requests, %d unexpected answers (%d of them 5xx)%n",
                    duration.toSeconds(), requests, unexpected, serverErrors));
            firstUnexpected.forEach(line -> out.append("soak: unexpected: ").append(line).append('\n'));
            out.append("soak: RSS MiB  ").append(series(s -> s.rssKib() / 1024)).append('\n');
            out.append("soak: threads  ").append(series(s -> s.threads())).append('\n');
            out.append("soak: fds      ").append(series(s -> s.fds())).append('\n');
            out.append("soak: verdict: ").append(passed() ? "PASS" : "FAIL")
                    .append(flat() ? " (RSS, threads and fds flat)" : " (a series grew)")
                    .append(alive ? "" : " (the server died)").append('\n');
            return out.toString();
        }

        private String series(ToLongFunction<ProcessStats.Sample> f) {
            return String.join(" ", series.stream().map(s -> Long.toString(f.applyAsLong(s))).toList());
        }
    }

    private final ImageServer server;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong unexpected = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final List<String> firstUnexpected = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentHashMap<String, String> etags = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    private SoakLoad(ImageServer server) {
        this.server = server;
    }

    /** The command-line arguments the soak's server runs with (a short keep-alive, to see idle closes). */
    static String[] serverArgs() {
        return new String[] {"--keep-alive-timeout", KEEP_ALIVE_TIMEOUT, "--head-timeout", "3"};
    }

    /** Runs the mix against {@code server} for {@code duration}, sampling every {@code interval}. */
    static Report run(ImageServer server, Duration duration, Duration interval) throws InterruptedException {
        var soak = new SoakLoad(server);
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < LOAD_CLIENTS; i++) {
            var random = new Random(1000L + i);
            threads.add(Thread.ofVirtual().start(() -> soak.load(random)));
        }
        for (int i = 0; i < IDLE_CLIENTS; i++) {
            threads.add(Thread.ofVirtual().start(i % 2 == 0 ? soak::idle : soak::keepAliveThenIdle));
        }
        var series = new ArrayList<ProcessStats.Sample>();
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end && server.isAlive()) {
            ImageServer.sleep(interval);
            if (server.isAlive()) {
                series.add(server.sample());
            }
        }
        soak.running = false;
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(30));
        }
        return new Report(duration, series, soak.requests.get(), soak.unexpected.get(), soak.serverErrors.get(),
                List.copyOf(soak.firstUnexpected), server.isAlive());
    }

    private void load(Random random) {
        while (running) {
            int pick = random.nextInt(100);
            try {
                if (pick < 35) {
                    expect("GET page", 200, get(random.nextBoolean() ? "/index.html" : "/about.html", ""));
                } else if (pick < 45) {
                    expect("GET large", 200, get("/gallery.jpg", ""));
                } else if (pick < 60) {
                    expect("GET range", 206, get("/photo.jpg", random.nextBoolean()
                            ? "Range: bytes=0-1023\r\n" : "Range: bytes=0-9,100-199\r\n"));
                } else if (pick < 75) {
                    conditional();
                } else if (pick < 87) {
                    String json = "{\"soak\":" + random.nextInt(1_000_000) + ",\"pad\":\"" + "p".repeat(random.nextInt(4096)) + "\"}";
                    expect("upload", 201, FreshClient.upload(server, json.getBytes(StandardCharsets.US_ASCII)));
                } else {
                    expect("malformed", 400, FreshClient.request(server,
                            "GET /index.html HTTP/1.1\r\nHost: " + server.host() + "\r\nNo colon here\r\n\r\n"));
                }
                ImageServer.sleep(Duration.ofMillis(2));
            } catch (IOException e) {
                note("I/O failure: " + e);
            }
        }
    }

    private void conditional() throws IOException {
        String etag = etags.get("/notes.txt");
        if (etag == null) {
            RawClient.Reply reply = get("/notes.txt", "");
            expect("GET for an ETag", 200, reply);
            if (reply.header("ETag") != null) {
                etags.put("/notes.txt", reply.header("ETag"));
            }
            return;
        }
        expect("conditional", 304, get("/notes.txt", "If-None-Match: " + etag + "\r\n"));
    }

    /** Two requests on one connection, then silence until the keep-alive timeout closes it; again. */
    private void keepAliveThenIdle() {
        while (running) {
            try (var client = server.client()) {
                String request = "GET /index.html HTTP/1.1\r\nHost: " + server.host() + "\r\n\r\n";
                expect("keep-alive 1", 200, client.send(request).read());
                expect("keep-alive 2", 200, client.send(request).read());
                if (!client.closedByServer(Integer.parseInt(KEEP_ALIVE_TIMEOUT) * 1000 + 5_000)) {
                    note("an idle keep-alive connection was not closed by its timeout");
                }
            } catch (IOException e) {
                note("keep-alive connection: " + e);
            }
        }
    }

    /** Connections that open and say nothing: the server must close them (head timeout). */
    private void idle() {
        while (running) {
            try (var socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                socket.setSoTimeout(15_000);
                requests.incrementAndGet();
                if (socket.getInputStream().read() >= 0) {
                    note("an idle connection was answered");
                }
            } catch (IOException e) {
                note("idle connection: " + e);
            }
        }
    }

    private RawClient.Reply get(String path, String fields) throws IOException {
        return FreshClient.request(server, "GET " + path + " HTTP/1.1\r\nHost: " + server.host() + "\r\n" + fields
                + "Connection: close\r\n\r\n");
    }

    private void expect(String what, int status, RawClient.Reply reply) {
        requests.incrementAndGet();
        if (reply.status() != status) {
            if (reply.status() >= 500) {
                serverErrors.incrementAndGet();
            }
            note(what + ": expected " + status + ", got " + reply.status());
        }
    }

    private void note(String problem) {
        if (!running) {
            return;
        }
        unexpected.incrementAndGet();
        if (firstUnexpected.size() < 10) {
            firstUnexpected.add(problem);
        }
    }

    /** {@code SoakLoad SECONDS}: starts the image over a copy of the resources, soaks, prints, exits 0 on PASS. */
    public static void main(String[] args) throws Exception {
        Duration duration = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 600);
        Duration interval = Duration.ofSeconds(Math.max(5, duration.toSeconds() / 60));
        Path dir = Files.createTempDirectory("soak");
        Report report;
        try (var server = ImageServer.start(ImageServer.copyOfResources(dir.resolve("root")), dir.resolve("server.log"),
                serverArgs())) {
            System.out.printf("soak: image pid %d on port %d for %d s, a sample every %d s%n", server.pid(), server.port(),
                    duration.toSeconds(), interval.toSeconds());
            report = run(server, duration, interval);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(file);
                }
            }
        }
        System.out.print(report.text());
        System.exit(report.passed() ? 0 : 1);
    }
}
