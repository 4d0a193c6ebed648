package app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import protocol.hpack.HeaderField;
import protocol.http2.Frame;
import protocol.http2.Octets;

/**
 * A soak: mixed load against the runtime image for a set time while the server's RSS, OS threads
 * and open descriptors are sampled. Four wires carry the same mix of requests (pages, a large
 * file, ranges, conditional requests, precompressed and on-the-fly compressed answers, uploads,
 * malformed requests): HTTP/1.1 in cleartext with a connection per request, HTTPS/1.1 and HTTP/2
 * over TLS on keep-alive connections, and h2c by prior knowledge. Beside them wait idle
 * connections (cleartext, TLS before its handshake, and HTTP/2 after a first exchange) that the
 * server's timeouts must close. Used by {@code SoakIT} (60 s, in CI) and by {@code bench/soak.sh}
 * (10 minutes).
 */
final class SoakLoad {

    private static final int CLEARTEXT_CLIENTS = 8;
    private static final int KEEP_ALIVE_CLIENTS = 3;
    private static final int MAX_EXCHANGES_PER_CONNECTION = 40;
    private static final String KEEP_ALIVE_TIMEOUT = "5";
    private static final List<String> PAGES = List.of("/index.html", "/about.html", "/site.css", "/upload.js");
    private static final Map<String, String> VARIANT_SUFFIXES = Map.of("br", ".br", "zstd", ".zst", "gzip", ".gz");

    /** What the soak saw; {@code byWire} counts the exchanges each wire carried. */
    record Report(Duration duration, List<ProcessStats.Sample> series, long requests, Map<String, Long> byWire,
            long unexpected, long serverErrors, List<String> firstUnexpected, boolean alive) {

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
            out.append("soak: by wire  ");
            byWire.forEach((wire, count) -> out.append(wire).append(' ').append(count).append("  "));
            out.append('\n');
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

    /** A request as the mix builds it; field names in lower case, as HTTP/2 sends them. */
    private record Request(String method, String path, Map<String, String> fields, byte[] body) {
        static Request get(String path, String... fields) {
            var map = new LinkedHashMap<String, String>();
            for (int i = 0; i < fields.length; i += 2) {
                map.put(fields[i], fields[i + 1]);
            }
            return new Request("GET", path, map, new byte[0]);
        }
    }

    /** An answer on any wire: status, fields by lower-case name, body. */
    private record Answer(int status, Map<String, String> fields, byte[] body) {
        String field(String name) {
            return fields.get(name);
        }
    }

    /** One way of carrying requests; a keep-alive wire replaces its connection as it goes. */
    private interface Wire extends AutoCloseable {
        String name();

        Answer exchange(Request request) throws IOException;

        /** A request this wire's parser must refuse with 400. */
        Answer malformed() throws IOException;

        @Override
        void close();
    }

    private final ImageServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Path root;
    private final AtomicLong requests = new AtomicLong();
    private final Map<String, AtomicLong> byWire = new ConcurrentHashMap<>();
    private final AtomicLong unexpected = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final List<String> firstUnexpected = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentHashMap<String, String> etags = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    private SoakLoad(ImageServer server, Path root) {
        this.server = server;
        this.root = root;
    }

    /**
     * The command-line arguments the soak's server runs with: a certificate for the HTTPS listener,
     * and a short keep-alive and head timeout, to see idle connections closed.
     */
    static String[] serverArgs() {
        var args = new ArrayList<>(ImageServer.tlsArguments());
        args.addAll(List.of("--keep-alive-timeout", KEEP_ALIVE_TIMEOUT, "--head-timeout", "3"));
        return args.toArray(String[]::new);
    }

    /** Runs the mix against {@code server} (serving {@code root}) for {@code duration}, sampling every {@code interval}. */
    static Report run(ImageServer server, Path root, Duration duration, Duration interval) throws InterruptedException {
        var soak = new SoakLoad(server, root);
        var threads = new ArrayList<Thread>();
        long seed = 1000;
        for (int i = 0; i < CLEARTEXT_CLIENTS; i++) {
            threads.add(soak.loadOn(soak.new Cleartext(), new Random(seed++)));
        }
        for (int i = 0; i < KEEP_ALIVE_CLIENTS; i++) {
            threads.add(soak.loadOn(soak.new Https1(), new Random(seed++)));
            threads.add(soak.loadOn(soak.new Http2(true), new Random(seed++)));
            threads.add(soak.loadOn(soak.new Http2(false), new Random(seed++)));
        }
        threads.add(Thread.ofVirtual().start(() -> soak.idle(server.port())));
        threads.add(Thread.ofVirtual().start(() -> soak.idle(server.securePort())));
        threads.add(Thread.ofVirtual().start(soak::keepAliveThenIdle));
        threads.add(Thread.ofVirtual().start(soak::http2ThenIdle));
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
        var counts = new LinkedHashMap<String, Long>();
        soak.byWire.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue().get()));
        return new Report(duration, series, soak.requests.get(), counts, soak.unexpected.get(), soak.serverErrors.get(),
                List.copyOf(soak.firstUnexpected), server.isAlive());
    }

    private Thread loadOn(Wire wire, Random random) {
        return Thread.ofVirtual().start(() -> {
            try (wire) {
                while (running) {
                    try {
                        exchangeOne(wire, random);
                    } catch (IOException e) {
                        note(wire.name() + ": I/O failure: " + e);
                        wire.close();
                    }
                    ImageServer.sleep(Duration.ofMillis(2));
                }
            }
        });
    }

    /** One exchange of the mix, its answer checked down to the body's bytes where they are known. */
    private void exchangeOne(Wire wire, Random random) throws IOException {
        int pick = random.nextInt(100);
        String what = wire.name() + " ";
        if (pick < 25) {
            String page = PAGES.get(random.nextInt(2));
            expect(wire, what + "GET page", 200, wire.exchange(Request.get(page)), file(page));
        } else if (pick < 32) {
            expect(wire, what + "GET large", 200, wire.exchange(Request.get("/gallery.jpg")), file("/gallery.jpg"));
        } else if (pick < 42) {
            if (random.nextBoolean()) {
                expect(wire, what + "GET range", 206, wire.exchange(Request.get("/photo.jpg", "range", "bytes=0-1023")),
                        Arrays.copyOf(file("/photo.jpg"), 1024));
            } else {
                expect(wire, what + "GET ranges", 206, wire.exchange(Request.get("/photo.jpg", "range", "bytes=0-9,100-199")),
                        null);
            }
        } else if (pick < 52) {
            conditional(wire);
        } else if (pick < 62) {
            precompressed(wire, random);
        } else if (pick < 70) {
            Answer answer = wire.exchange(Request.get("/notes.txt", "accept-encoding", "gzip"));
            if (expect(wire, what + "on-the-fly gzip", 200, answer, null)) {
                checkCoding(what + "on-the-fly gzip", answer, "gzip");
                if (!Arrays.equals(file("/notes.txt"), Gzip.decompress(answer.body()))) {
                    note(what + "on-the-fly gzip: the body does not decompress to the file");
                }
            }
        } else if (pick < 85) {
            String json = "{\"soak\":" + random.nextInt(1_000_000) + ",\"pad\":\"" + "p".repeat(random.nextInt(4096)) + "\"}";
            var fields = new LinkedHashMap<String, String>();
            fields.put("content-type", "application/json");
            expect(wire, what + "upload", 201,
                    wire.exchange(new Request("POST", "/upload", fields, json.getBytes(StandardCharsets.US_ASCII))), null);
        } else {
            expect(wire, what + "malformed", 400, wire.malformed(), null);
        }
    }

    /** A precompressed variant: the coding asked for, the variant file's exact bytes. */
    private void precompressed(Wire wire, Random random) throws IOException {
        String page = PAGES.get(random.nextInt(PAGES.size()));
        String coding = List.of("br", "zstd", "gzip").get(random.nextInt(3));
        String what = wire.name() + " precompressed " + coding;
        Answer answer = wire.exchange(Request.get(page, "accept-encoding", coding));
        if (expect(wire, what, 200, answer, file(page + VARIANT_SUFFIXES.get(coding)))) {
            checkCoding(what, answer, coding);
        }
    }

    private void checkCoding(String what, Answer answer, String coding) {
        if (!coding.equals(answer.field("content-encoding"))) {
            note(what + ": Content-Encoding " + answer.field("content-encoding"));
        } else if (!"Accept-Encoding".equals(answer.field("vary"))) {
            note(what + ": Vary " + answer.field("vary"));
        }
    }

    private void conditional(Wire wire) throws IOException {
        String etag = etags.get("/notes.txt");
        if (etag == null) {
            Answer answer = wire.exchange(Request.get("/notes.txt"));
            expect(wire, wire.name() + " GET for an ETag", 200, answer, file("/notes.txt"));
            if (answer.field("etag") != null) {
                etags.put("/notes.txt", answer.field("etag"));
            }
            return;
        }
        expect(wire, wire.name() + " conditional", 304, wire.exchange(Request.get("/notes.txt", "if-none-match", etag)), null);
    }

    /** Cleartext HTTP/1.1, a new connection for every request (Connection: close). */
    private final class Cleartext implements Wire {
        @Override
        public String name() {
            return "http/1.1";
        }

        @Override
        public Answer exchange(Request request) throws IOException {
            try (var client = server.client()) {
                return answer(client.send(http1(request, server.host(), true)).read());
            }
        }

        @Override
        public Answer malformed() throws IOException {
            try (var client = server.client()) {
                return answer(client.send(malformedHttp1(server.host())).read());
            }
        }

        @Override
        public void close() {
            // No connection outlives an exchange.
        }
    }

    /** HTTPS/1.1 on keep-alive connections of up to {@link #MAX_EXCHANGES_PER_CONNECTION} exchanges. */
    private final class Https1 implements Wire {
        private RawClient client;
        private int exchanges;

        @Override
        public String name() {
            return "https/1.1";
        }

        @Override
        public Answer exchange(Request request) throws IOException {
            return over(http1(request, server.secureHost(), false));
        }

        @Override
        public Answer malformed() throws IOException {
            return over(malformedHttp1(server.secureHost()));
        }

        private Answer over(byte[] request) throws IOException {
            if (client == null) {
                client = server.tlsClient("http/1.1");
                exchanges = 0;
            }
            Answer answer = answer(client.send(request).read());
            if (++exchanges >= MAX_EXCHANGES_PER_CONNECTION || "close".equalsIgnoreCase(answer.field("connection"))) {
                close();
            }
            return answer;
        }

        @Override
        public void close() {
            if (client != null) {
                closeQuietly(client);
                client = null;
            }
        }
    }

    /** HTTP/2 over TLS (ALPN h2) or cleartext (h2c, prior knowledge), one stream after another per connection. */
    private final class Http2 implements Wire {
        private final boolean tls;
        private H2Client client;
        private int exchanges;

        Http2(boolean tls) {
            this.tls = tls;
        }

        @Override
        public String name() {
            return tls ? "h2" : "h2c";
        }

        @Override
        public Answer exchange(Request request) throws IOException {
            if (client == null) {
                client = (tls ? H2Client.tls(server.securePort()) : H2Client.cleartext(server.port())).start();
                exchanges = 0;
            }
            var fields = new ArrayList<HeaderField>(List.of(new HeaderField(":method", request.method()),
                    new HeaderField(":scheme", tls ? "https" : "http"),
                    new HeaderField(":authority", tls ? server.secureHost() : server.host()),
                    new HeaderField(":path", request.path())));
            request.fields().forEach((name, value) -> fields.add(new HeaderField(name, value)));
            boolean bodyless = request.body().length == 0;
            if (!bodyless) {
                fields.add(new HeaderField("content-length", Integer.toString(request.body().length)));
            }
            int stream = client.request(fields, bodyless);
            if (!bodyless) {
                client.send(new Frame.Data(stream, Octets.of(request.body()), true));
            }
            H2Client.Reply reply = client.response(stream);
            if (++exchanges >= MAX_EXCHANGES_PER_CONNECTION) {
                close();
            }
            return new Answer(reply.status(), reply.fields(), reply.body());
        }

        /** A target with a broken percent-encoding: the request is well framed, its path is not. */
        @Override
        public Answer malformed() throws IOException {
            return exchange(Request.get("/%zz"));
        }

        @Override
        public void close() {
            if (client != null) {
                closeQuietly(client);
                client = null;
            }
        }
    }

    /** Closes a connection the server may already have closed. */
    private static void closeQuietly(AutoCloseable connection) {
        try {
            connection.close();
        } catch (Exception e) {
            // Closed already: nothing is left to release.
        }
    }

    private static byte[] http1(Request request, String host, boolean close) {
        var head = new StringBuilder().append(request.method()).append(' ').append(request.path())
                .append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
        request.fields().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (request.body().length > 0) {
            head.append("Content-Length: ").append(request.body().length).append("\r\n");
        }
        head.append(close ? "Connection: close\r\n\r\n" : "\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = Arrays.copyOf(headBytes, headBytes.length + request.body().length);
        System.arraycopy(request.body(), 0, bytes, headBytes.length, request.body().length);
        return bytes;
    }

    private static byte[] malformedHttp1(String host) {
        return ("GET /index.html HTTP/1.1\r\nHost: " + host + "\r\nNo colon here\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static Answer answer(RawClient.Reply reply) {
        var fields = new LinkedHashMap<String, String>();
        reply.headers().forEach((name, value) -> fields.put(name.toLowerCase(Locale.ROOT), value));
        return new Answer(reply.status(), fields, reply.body());
    }

    /** The bytes of the root's file at {@code path}, read once. */
    private byte[] file(String path) {
        return files.computeIfAbsent(path, p -> {
            try {
                return Files.readAllBytes(root.resolve(p.substring(1)));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Two requests on one connection, then silence until the keep-alive timeout closes it; again. */
    private void keepAliveThenIdle() {
        while (running) {
            try (var client = server.client()) {
                String request = "GET /index.html HTTP/1.1\r\nHost: " + server.host() + "\r\n\r\n";
                expectStatus("keep-alive 1", 200, client.send(request).read().status());
                expectStatus("keep-alive 2", 200, client.send(request).read().status());
                if (!client.closedByServer(Integer.parseInt(KEEP_ALIVE_TIMEOUT) * 1000 + 5_000)) {
                    note("an idle keep-alive connection was not closed by its timeout");
                }
            } catch (IOException e) {
                note("keep-alive connection: " + e);
            }
        }
    }

    /** One exchange on an h2c connection, then silence until the keep-alive timeout closes it; again. */
    private void http2ThenIdle() {
        while (running) {
            try (var client = H2Client.cleartext(server.port()).start()) {
                expectStatus("h2c keep-alive", 200, client.response(client.get("/index.html", server.host())).status());
                if (!client.closedWithin(Integer.parseInt(KEEP_ALIVE_TIMEOUT) * 1000 + 5_000)) {
                    note("an idle HTTP/2 connection was not closed by its timeout");
                }
            } catch (IOException e) {
                note("idle HTTP/2 connection: " + e);
            }
        }
    }

    /** Connections that open and say nothing (on the HTTPS port: no ClientHello); the head timeout must close them. */
    private void idle(int port) {
        while (running) {
            try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(15_000);
                requests.incrementAndGet();
                if (socket.getInputStream().read() >= 0) {
                    note("an idle connection to port " + port + " was answered");
                }
            } catch (IOException e) {
                note("idle connection: " + e);
            }
        }
    }

    /** Counts the exchange and checks its status, and its body when {@code body} is given; true when both held. */
    private boolean expect(Wire wire, String what, int status, Answer answer, byte[] body) {
        byWire.computeIfAbsent(wire.name(), name -> new AtomicLong()).incrementAndGet();
        if (!expectStatus(what, status, answer.status())) {
            return false;
        }
        if (body != null && !Arrays.equals(body, answer.body())) {
            note(what + ": a body of " + answer.body().length + " bytes, not the expected " + body.length);
            return false;
        }
        return true;
    }

    private boolean expectStatus(String what, int expected, int status) {
        requests.incrementAndGet();
        if (status == expected) {
            return true;
        }
        if (status >= 500) {
            serverErrors.incrementAndGet();
        }
        note(what + ": expected " + expected + ", got " + status);
        return false;
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
        try {
            Path root = ImageServer.copyOfResources(dir.resolve("root"));
            try (var server = ImageServer.start(root, dir.resolve("server.log"), serverArgs())) {
                System.out.printf("soak: image pid %d on ports %d (http, h2c) and %d (https, h2) for %d s, a sample every %d s%n",
                        server.pid(), server.port(), server.securePort(), duration.toSeconds(), interval.toSeconds());
                report = run(server, root, duration, interval);
            }
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
