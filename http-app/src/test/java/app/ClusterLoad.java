package app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * A client loop against the cluster, each thread on its own keep-alive connection (a new one
 * after a close or a failure): readers alternate a whole 64 KiB file, a range of it and a page,
 * checking every byte; uploaders post unique JSON bodies and remember what each 201 named.
 * {@link #stop()} ends the loops and returns what happened.
 */
final class ClusterLoad {

    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);
    private static final String PAGE = "/about.html";

    /** Where a thread sends its requests: a port and the Host it names. */
    record Target(int port, String host) {}

    /** What the loops saw. */
    record Outcome(long gets, List<String> failedGets, Map<Integer, Integer> uploadStatuses,
            List<String> failedUploads, Map<String, byte[]> acknowledged, int collisions, Set<String> sent) {

        int uploads() {
            return uploadStatuses.values().stream().mapToInt(Integer::intValue).sum() + failedUploads.size();
        }

        int answered(int status) {
            return uploadStatuses.getOrDefault(status, 0);
        }

        @Override
        public String toString() {
            return gets + " GETs (" + failedGets.size() + " failed), " + uploads() + " uploads " + uploadStatuses
                    + " (" + failedUploads.size() + " without an answer), " + acknowledged.size() + " stored, "
                    + collisions + " names answered twice";
        }
    }

    private final byte[] sample;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final LongAdder gets = new LongAdder();
    private final List<String> failedGets = new CopyOnWriteArrayList<>();
    private final ConcurrentMap<Integer, AtomicInteger> uploadStatuses = new ConcurrentHashMap<>();
    private final List<String> failedUploads = new CopyOnWriteArrayList<>();
    private final ConcurrentMap<String, byte[]> acknowledged = new ConcurrentHashMap<>();
    private final AtomicInteger collisions = new AtomicInteger();
    private final Set<String> sent = ConcurrentHashMap.newKeySet();

    private ClusterLoad(byte[] sample) {
        this.sample = sample;
    }

    /** Starts {@code readers} reading threads and one uploading thread per entry of {@code uploaders}. */
    static ClusterLoad start(byte[] sample, List<Target> readers, List<Target> uploaders) {
        var load = new ClusterLoad(sample);
        for (int i = 0; i < readers.size(); i++) {
            Target target = readers.get(i);
            long seed = i;
            load.threads.add(Thread.ofPlatform().daemon().name("cluster-reader-" + i).start(() -> load.read(target, seed)));
        }
        for (int i = 0; i < uploaders.size(); i++) {
            Target target = uploaders.get(i);
            int id = i;
            load.threads.add(Thread.ofPlatform().daemon().name("cluster-uploader-" + i).start(() -> load.upload(target, id)));
        }
        return load;
    }

    /** Requests answered so far, GETs and uploads. */
    long progress() {
        return gets.sum() + uploadStatuses.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    Outcome stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            if (!thread.join(JOIN_TIMEOUT)) {
                throw new IllegalStateException(thread.getName() + " did not end within " + JOIN_TIMEOUT);
            }
        }
        var statuses = new HashMap<Integer, Integer>();
        uploadStatuses.forEach((status, count) -> statuses.put(status, count.get()));
        return new Outcome(gets.sum(), List.copyOf(failedGets), Map.copyOf(statuses), List.copyOf(failedUploads),
                Map.copyOf(acknowledged), collisions.get(), Set.copyOf(sent));
    }

    private void read(Target target, long seed) {
        var random = new Random(seed);
        RawClient client = null;
        for (long n = 0; running.get(); n++) {
            String path = n % 3 == 0 ? "/sample.bin" : n % 3 == 1 ? "/sample.bin#range" : PAGE;
            int from = random.nextInt(sample.length - 1);
            int to = from + random.nextInt(Math.min(4096, sample.length - from));
            try {
                if (client == null) {
                    client = new RawClient(target.port());
                }
                String request = switch (path) {
                    case "/sample.bin#range" -> "GET /sample.bin HTTP/1.1\r\nHost: " + target.host()
                            + "\r\nRange: bytes=" + from + "-" + to + "\r\n\r\n";
                    default -> "GET " + path + " HTTP/1.1\r\nHost: " + target.host() + "\r\n\r\n";
                };
                RawClient.Reply reply = client.send(request).read();
                String problem = check(path, reply, from, to);
                gets.increment();
                if (problem != null) {
                    failedGets.add(problem);
                }
                // After a wrong answer the connection's framing is unknown: what it carries next
                // would count the same failure again.
                if (problem != null || "close".equalsIgnoreCase(reply.header("Connection"))) {
                    client = close(client);
                }
            } catch (IOException e) {
                gets.increment();
                failedGets.add(path + ": " + e);
                client = close(client);
            }
        }
        close(client);
    }

    private String check(String path, RawClient.Reply reply, int from, int to) {
        return switch (path) {
            case "/sample.bin" -> reply.status() == 200 && Arrays.equals(sample, reply.body()) ? null
                    : path + ": " + reply.statusLine() + ", " + reply.body().length + " bytes";
            case "/sample.bin#range" -> reply.status() == 206
                    && Arrays.equals(Arrays.copyOfRange(sample, from, to + 1), reply.body())
                    && ("bytes " + from + "-" + to + "/" + sample.length).equals(reply.header("Content-Range")) ? null
                    : path + " " + from + "-" + to + ": " + reply.statusLine() + ", " + reply.body().length + " bytes";
            default -> reply.status() == 200 && reply.body().length > 0
                    && String.valueOf(reply.header("Content-Length")).equals(Integer.toString(reply.body().length))
                    ? null : path + ": " + reply.statusLine();
        };
    }

    private void upload(Target target, int id) {
        var random = new Random(1_000 + id);
        RawClient client = null;
        for (long n = 0; running.get(); n++) {
            String body = "{\"uploader\":" + id + ",\"n\":" + n + ",\"pad\":\"" + "x".repeat(random.nextInt(2048))
                    + "\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            sent.add(body);
            try {
                if (client == null) {
                    client = new RawClient(target.port());
                }
                RawClient.Reply reply = client.send(("POST /upload HTTP/1.1\r\nHost: " + target.host()
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1)).send(bytes).read();
                uploadStatuses.computeIfAbsent(reply.status(), status -> new AtomicInteger()).incrementAndGet();
                if (reply.status() == 201) {
                    String name = reply.header("Location").substring("/uploads/".length());
                    if (acknowledged.putIfAbsent(name, bytes) != null) {
                        collisions.incrementAndGet();
                    }
                }
                if ("close".equalsIgnoreCase(reply.header("Connection"))) {
                    client = close(client);
                }
            } catch (IOException e) {
                failedUploads.add(e.toString());
                client = close(client);
            }
        }
        close(client);
    }

    private static RawClient close(RawClient client) {
        if (client != null) {
            try {
                client.close();
            } catch (IOException e) {
                // Already gone.
            }
        }
        return null;
    }

    /**
     * What is wrong on disk: an upload answered 201 that is missing or differs, a visible upload
     * that is no body sent whole, a temporary file left behind.
     */
    static List<String> problems(Path uploads, Outcome outcome, boolean temporariesAllowed) throws IOException {
        var problems = new ArrayList<String>();
        outcome.acknowledged().forEach((name, bytes) -> {
            Path file = uploads.resolve(name);
            try {
                if (!Files.exists(file)) {
                    problems.add(name + " answered 201 but missing");
                } else if (!Arrays.equals(bytes, Files.readAllBytes(file))) {
                    problems.add(name + " answered 201 but differs from what was sent");
                }
            } catch (IOException e) {
                problems.add(name + ": " + e);
            }
        });
        try (Stream<Path> files = Files.list(uploads)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith("upload_")) {
                    if (!outcome.sent().contains(Files.readString(file, StandardCharsets.UTF_8))) {
                        problems.add(name + " is not a body that was sent, whole");
                    }
                } else if (name.startsWith(".upload-") && !temporariesAllowed) {
                    problems.add(name + " is a temporary file left behind");
                }
            }
        }
        return problems;
    }
}
