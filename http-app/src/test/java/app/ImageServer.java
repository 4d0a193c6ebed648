package app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The runtime image started as a child process on a free loopback port. Its standard output and
 * error go to a log file; the port is read from the "listening on" line. The launcher execs
 * {@code java}, so the child's pid is the server JVM's.
 */
final class ImageServer implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");
    private static final Pattern LISTENING_TLS = Pattern.compile("listening on https://127\\.0\\.0\\.1:(\\d+)/");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final Process process;
    private final Path log;
    private final int port;
    private final int securePort;

    private ImageServer(Process process, Path log, int port, int securePort) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.securePort = securePort;
    }

    /** The image folder, from the {@code image.dir} system property the hardening profile sets. */
    static Path image() {
        return Path.of(property("image.dir"));
    }

    /** Copies the repository's {@code resources} folder to {@code target} and returns it. */
    static Path copyOfResources(Path target) throws IOException {
        Path source = Path.of(property("resources.dir"));
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return target;
    }

    /** Starts the image over {@code root} with extra command-line {@code args}; logs to {@code log}. */
    static ImageServer start(Path root, Path log, String... args) throws IOException {
        return start(root, log, Map.of(), args);
    }

    /** As {@link #start(Path, Path, String...)}, with extra environment variables. */
    static ImageServer start(Path root, Path log, Map<String, String> environment, String... args) throws IOException {
        var command = new ArrayList<>(List.of(image().resolve("bin/http-server").toString(),
                "--port", "0", "--host", "127.0.0.1", "--root", root.toString()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        Process process = builder.start();
        try {
            boolean secure = command.contains("--tls-cert") || command.contains("--tls-keystore");
            String started = awaitStart(process, log, logStart, secure);
            Matcher plain = LISTENING.matcher(started);
            Matcher tls = LISTENING_TLS.matcher(started);
            return new ImageServer(process, log, plain.find() ? Integer.parseInt(plain.group(1)) : -1,
                    tls.find() ? Integer.parseInt(tls.group(1)) : -1);
        } catch (IOException | RuntimeException e) {
            stop(process);
            throw e;
        }
    }

    /** The log since {@code logStart} once it reports the cleartext listener, and the HTTPS one when {@code secure}. */
    private static String awaitStart(Process process, Path log, long logStart, boolean secure) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String text = readFrom(log, logStart);
            if (LISTENING.matcher(text).find() && (!secure || LISTENING_TLS.matcher(text).find())) {
                return text;
            }
            if (!process.isAlive()) {
                throw new IOException("the image exited with " + process.exitValue() + " before listening:\n" + text);
            }
            sleep(Duration.ofMillis(50));
        }
        throw new IOException("the image did not report its port within " + START_TIMEOUT);
    }

    int port() {
        return port;
    }

    String host() {
        return "127.0.0.1:" + port;
    }

    /** The HTTPS port, when the image was started with a certificate. */
    int securePort() {
        if (securePort < 0) {
            throw new IllegalStateException("the image has no HTTPS listener: start it with tlsArguments()");
        }
        return securePort;
    }

    /** The Host value of the HTTPS listener. */
    String secureHost() {
        return "127.0.0.1:" + securePort();
    }

    /** {@code --https-port 0} and the files of a test certificate for 127.0.0.1, for {@link #start}. */
    static List<String> tlsArguments() {
        return TestServer.tlsArguments();
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, once the server has stopped. */
    int exitValue() {
        return process.exitValue();
    }

    /** The current resource use of the server process. */
    ProcessStats.Sample sample() {
        return ProcessStats.of(pid());
    }

    /** Everything the server has logged so far (across restarts on the same log file). */
    String log() {
        return readFrom(log, 0);
    }

    /** Where the log ends now: a mark for {@link #logSince(long)}. */
    long logMark() {
        try {
            return Files.size(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the server has logged since {@code mark}. */
    String logSince(long mark) {
        return readFrom(log, mark);
    }

    RawClient client() throws IOException {
        return new RawClient(port);
    }

    /** A TLS client of the HTTPS listener that trusts the test CA, offering {@code alpn} when given. */
    RawClient tlsClient(String... alpn) throws IOException {
        return RawClient.tls(securePort(), alpn);
    }

    /** SIGKILL: the JVM gets no chance to clean up. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("pid " + pid() + " survived SIGKILL");
        }
    }

    /** SIGTERM, then SIGKILL if it has not stopped within the stop timeout. */
    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String readFrom(Path log, long offset) {
        try {
            byte[] all = Files.readAllBytes(log);
            int from = (int) Math.min(offset, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run with -Phardening");
        }
        return value;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
