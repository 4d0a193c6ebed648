package app;

import app.admin.PrometheusText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The recipe of {@code deploy/haproxy/}: {@code cluster.sh} driving N instances of the runtime
 * image and HAProxy in front, on free loopback ports, with its state in a folder of the test's.
 * Every pid the script records is remembered; {@link #close()} runs {@code cluster.sh stop} and
 * then makes sure each of those processes is gone, killing by pid any that is not.
 */
final class Cluster implements AutoCloseable {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(20);
    private static final int PORT_SEARCHES = 50;

    private final Path state;
    private final Path root;
    private final Path uploads;
    private final int instances;
    private final int front;
    private final int basePort;
    private final int adminBase;
    private final int stats;
    private final Set<Long> pids = ConcurrentHashMap.newKeySet();

    private final String serverArgs;

    private Cluster(Path dir, int instances, int firstPort, String serverArgs) throws IOException {
        this.state = dir.resolve("state");
        this.root = ImageServer.copyOfResources(dir.resolve("root"));
        this.uploads = dir.resolve("shared-uploads");
        this.instances = instances;
        this.front = firstPort;
        this.stats = firstPort + 1;
        this.basePort = firstPort + 2;
        this.adminBase = firstPort + 2 + instances;
        this.serverArgs = serverArgs;
    }

    /**
     * Starts {@code instances} instances and HAProxy with {@code cluster.sh start}, over a copy of the site;
     * the instances log warnings and errors only.
     */
    static Cluster start(Path dir, int instances) throws IOException {
        return start(dir, instances, "--log-level warn");
    }

    /** As {@link #start(Path, int)}, each instance also given {@code serverArgs} (split at spaces). */
    static Cluster start(Path dir, int instances, String serverArgs) throws IOException {
        var cluster = new Cluster(dir, instances, freePorts(2 + 2 * instances), serverArgs);
        try {
            Files.write(cluster.root.resolve("sample.bin"), sampleBytes());
            cluster.run("start", Integer.toString(instances));
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** A 64 KiB file of the site: GETs and ranges of it are checked byte for byte. */
    static byte[] sampleBytes() {
        byte[] bytes = new byte[64 * 1024];
        new Random(19).nextBytes(bytes);
        return bytes;
    }

    /** Runs {@code cluster.sh} with {@code args}; returns its output, fails on a non-zero exit. */
    String run(String... args) throws IOException {
        var command = new ArrayList<>(List.of(script().toString()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("IMAGE", ImageServer.image().resolve("bin/http-server").toString());
        env.put("ROOT", root.toString());
        env.put("UPLOADS", uploads.toString());
        env.put("STATE_DIR", state.toString());
        env.put("FRONT_PORT", Integer.toString(front));
        env.put("STATS_PORT", Integer.toString(stats));
        env.put("BASE_PORT", Integer.toString(basePort));
        env.put("ADMIN_BASE_PORT", Integer.toString(adminBase));
        env.put("SERVER_ARGS", serverArgs);
        Path output = Files.createTempFile(state.getParent(), "cluster-sh-", ".log");
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        try {
            if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("cluster.sh " + String.join(" ", args) + " ran past " + SCRIPT_TIMEOUT);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            recordPids();
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("cluster.sh " + String.join(" ", args) + " exited with " + process.exitValue()
                    + ":\n" + text);
        }
        return text;
    }

    private static Path script() {
        String value = System.getProperty("cluster.script");
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property cluster.script is not set: run with -Pcluster");
        }
        return Path.of(value);
    }

    private void recordPids() {
        try (var files = Files.newDirectoryStream(state, "*.pid")) {
            for (Path file : files) {
                pids.add(Long.parseLong(Files.readString(file).strip()));
            }
        } catch (IOException | NumberFormatException e) {
            // A pid file being written or removed: the next look finds it.
        }
    }

    int frontPort() {
        return front;
    }

    String frontHost() {
        return "127.0.0.1:" + front;
    }

    int port(int instance) {
        return basePort + instance - 1;
    }

    int adminPort(int instance) {
        return adminBase + instance - 1;
    }

    int instances() {
        return instances;
    }

    Path uploads() {
        return uploads;
    }

    /** The pid of instance {@code instance} now, from its pid file. */
    long pid(int instance) throws IOException {
        long pid = Long.parseLong(Files.readString(state.resolve("instance-" + instance + ".pid")).strip());
        pids.add(pid);
        return pid;
    }

    /** Every request instance {@code instance} has answered since it started, from its admin {@code /metrics}. */
    double requests(int instance) throws IOException {
        try (var client = new RawClient(adminPort(instance))) {
            RawClient.Reply reply = client.send("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1:" + adminPort(instance)
                    + "\r\nConnection: close\r\n\r\n").read();
            if (reply.status() != 200) {
                throw new IOException("metrics of instance " + instance + ": " + reply.status());
            }
            return PrometheusText.parse(reply.text()).samples().stream()
                    .filter(sample -> sample.name().equals("http_requests_total"))
                    .mapToDouble(PrometheusText.Sample::value)
                    .sum();
        }
    }

    /** SIGKILL to instance {@code instance}, by its pid, and its end awaited. */
    void kill(int instance) throws Exception {
        ProcessHandle process = ProcessHandle.of(pid(instance)).orElseThrow(() -> new IOException("not running"));
        process.destroyForcibly();
        process.onExit().get(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** SIGTERM to instance {@code instance}, by its pid, and its end awaited. */
    void terminate(int instance) throws Exception {
        ProcessHandle process = ProcessHandle.of(pid(instance)).orElseThrow(() -> new IOException("not running"));
        process.destroy();
        process.onExit().get(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** What each instance logged (their log files in the state folder). */
    Map<Integer, String> logs() throws IOException {
        var logs = new HashMap<Integer, String>();
        for (int i = 1; i <= instances; i++) {
            Path log = state.resolve("instance-" + i + ".log");
            logs.put(i, Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "");
        }
        return logs;
    }

    /** {@code cluster.sh stop}, then any process it ever recorded that is still there is killed by pid. */
    @Override
    public void close() {
        try {
            if (Files.exists(state.resolve("instances"))) {
                run("stop");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(process -> {
                    process.destroyForcibly();
                    process.onExit().join();
                });
            }
        }
    }

    /** Whether every process the script started has ended. */
    boolean allStopped() {
        return pids.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    /**
     * The first of {@code count} consecutive loopback ports that are free now, below Linux's
     * ephemeral range (32768 up), so that no client's outgoing connection takes one while an
     * instance restarts.
     */
    private static int freePorts(int count) throws IOException {
        var random = new Random();
        for (int search = 0; search < PORT_SEARCHES; search++) {
            int first = 20_000 + random.nextInt(12_000);
            if (allFree(first, count)) {
                return first;
            }
        }
        throw new IOException("no " + count + " consecutive free ports found");
    }

    private static boolean allFree(int first, int count) {
        for (int port = first; port < first + count; port++) {
            try (var socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
