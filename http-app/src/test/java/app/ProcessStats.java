package app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Resource use of a process read from {@code /proc}: resident memory, OS threads (a virtual
 * thread is not one) and open file descriptors; and its heap after a full GC, through
 * {@code jcmd} of the JDK running the tests (the image has no jcmd of its own).
 */
final class ProcessStats {

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    /**
     * One reading. {@code sockets} counts the socket descriptors among {@code fds}; the rest are
     * files, pipes and the JDK's epoll sets, which it opens lazily, one per I/O poller, and keeps.
     */
    record Sample(long rssKib, int threads, int fds, int sockets) {
        @Override
        public String toString() {
            return "rss=" + rssKib / 1024 + " MiB, threads=" + threads + ", fds=" + fds + " (sockets " + sockets + ")";
        }
    }

    private ProcessStats() {}

    static Sample of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            int fdCount = 0;
            int sockets = 0;
            for (Path fd : (Iterable<Path>) fds::iterator) {
                fdCount++;
                if (isSocket(fd)) {
                    sockets++;
                }
            }
            List<String> status = Files.readAllLines(proc.resolve("status"), StandardCharsets.ISO_8859_1);
            return new Sample(field(status, "VmRSS:"), (int) field(status, "Threads:"), fdCount, sockets);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc of pid " + pid, e);
        }
    }

    private static boolean isSocket(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString().startsWith("socket:");
        } catch (IOException e) {
            return false; // closed while listing
        }
    }

    private static long field(List<String> status, String name) {
        for (String line : status) {
            if (line.startsWith(name)) {
                return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("no " + name + " in /proc/pid/status");
    }

    /**
     * Polls until {@code measure} is at most {@code bound} or {@code timeout} passes; returns the
     * last reading, for the caller to assert on and print.
     */
    static Sample awaitAtMost(long pid, ToIntFunction<Sample> measure, int bound, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Sample sample = of(pid);
        while (measure.applyAsInt(sample) > bound && System.nanoTime() < deadline) {
            ImageServer.sleep(Duration.ofMillis(200));
            sample = of(pid);
        }
        return sample;
    }

    /** Used heap in KiB right after a full GC, or empty when jcmd cannot attach. */
    static OptionalLong heapUsedAfterGc(long pid) throws InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return OptionalLong.empty();
        }
        if (jcmd(jcmd, pid, "GC.run").isEmpty()) {
            return OptionalLong.empty();
        }
        String info = jcmd(jcmd, pid, "GC.heap_info").orElse("");
        Matcher used = HEAP_USED.matcher(info);
        return used.find() ? OptionalLong.of(Long.parseLong(used.group(1))) : OptionalLong.empty();
    }

    private static Optional<String> jcmd(Path jcmd, long pid, String command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                    .redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            String text = new String(output, StandardCharsets.UTF_8);
            return process.exitValue() == 0 ? Optional.of(text) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
