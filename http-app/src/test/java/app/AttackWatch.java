package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Watches the image while one attack runs: its peak resource use (sampled from {@code /proc})
 * and how long fresh clients wait for a page, asked one after another on new connections. After
 * the attack it waits, within a bounded time, for sockets, threads and descriptors to return to
 * the baseline taken at the start, and asserts the bounds every attack must keep.
 */
final class AttackWatch implements AutoCloseable {

    /** How a fresh client asks for a page; returns the status. */
    @FunctionalInterface
    interface Probe {
        int ask() throws Exception;
    }

    /** One fresh client: how long it waited, and its status (0 when it failed: {@code failure} says how). */
    record Answer(long millis, int status, String failure) {}

    /** A fresh client must get its page within this, during the attack and after it. */
    static final Duration FRESH_CLIENT_BOUND = Duration.ofSeconds(1);
    /** The server's resident memory may grow this much over its level before the attack. */
    static final long RSS_GROWTH_BOUND_KIB = 64 * 1024;
    /** Carrier and JIT threads the JVM may add under load and retire only after a while. */
    static final int THREAD_SLACK = 8;
    /** Epoll sets the JDK may still open lazily after the warm-up, one per I/O poller. */
    static final int POLLER_SLACK = 8;
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(100);
    private static final Duration PROBE_PAUSE = Duration.ofMillis(150);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(20);

    private final ImageServer server;
    private final String name;
    private final Probe probe;
    private final ProcessStats.Sample baseline;
    private final long started = System.nanoTime();
    private final long logMark;
    private final AtomicReference<ProcessStats.Sample> peak;
    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private volatile boolean watching = true;
    private final Thread sampler;
    private final Thread prober;
    private long attackMillis = -1;
    private ProcessStats.Sample after;

    private AttackWatch(ImageServer server, String name, Probe probe) {
        this.server = server;
        this.name = name;
        this.probe = probe;
        this.logMark = server.logMark();
        this.baseline = server.sample();
        this.peak = new AtomicReference<>(baseline);
        this.sampler = Thread.ofPlatform().daemon().name("attack-sampler").start(this::sample);
        this.prober = Thread.ofPlatform().daemon().name("attack-prober").start(this::probe);
    }

    /** Takes the baseline now and starts sampling and probing; {@code name} heads the summary. */
    static AttackWatch start(ImageServer server, String name, Probe probe) {
        return new AttackWatch(server, name, probe);
    }

    private void sample() {
        while (watching && server.isAlive()) {
            ProcessStats.Sample now = server.sample();
            peak.accumulateAndGet(now, (a, b) -> new ProcessStats.Sample(Math.max(a.rssKib(), b.rssKib()),
                    Math.max(a.threads(), b.threads()), Math.max(a.fds(), b.fds()), Math.max(a.sockets(), b.sockets())));
            ImageServer.sleep(SAMPLE_EVERY);
        }
    }

    private void probe() {
        while (watching) {
            answers.add(ask());
            ImageServer.sleep(PROBE_PAUSE);
        }
    }

    private Answer ask() {
        long start = System.nanoTime();
        try {
            int status = probe.ask();
            return new Answer(Duration.ofNanos(System.nanoTime() - start).toMillis(), status, "");
        } catch (Exception e) {
            return new Answer(Duration.ofNanos(System.nanoTime() - start).toMillis(), 0, e.toString());
        }
    }

    /**
     * The attack is over: stops probing, asks once more, then waits for sockets, threads and
     * descriptors to come back to the baseline (or the settle timeout).
     */
    void attackEnded() throws InterruptedException {
        attackMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        watching = false;
        prober.join(Duration.ofSeconds(30));
        sampler.join(Duration.ofSeconds(5));
        answers.add(ask());
        long pid = server.pid();
        ProcessStats.awaitAtMost(pid, ProcessStats.Sample::sockets, baseline.sockets(), SETTLE_TIMEOUT);
        ProcessStats.awaitAtMost(pid, ProcessStats.Sample::threads, baseline.threads() + THREAD_SLACK, SETTLE_TIMEOUT);
        after = ProcessStats.awaitAtMost(pid, ProcessStats.Sample::fds, baseline.fds() + POLLER_SLACK, SETTLE_TIMEOUT);
    }

    /** The lines the server logged at {@code level} (WARN, ERROR) since the watch started. */
    List<String> logged(String level) {
        return server.logSince(logMark).lines().filter(line -> line.contains(" [" + level + "] ")).toList();
    }

    /** The one-line summary of what the attack did to the server; {@code detail} says what it was and how it ended. */
    String summary(String detail) {
        ProcessStats.Sample top = peak.get();
        long slowest = answers.stream().mapToLong(Answer::millis).max().orElse(-1);
        return String.format("%s: %s; rss %d/%d/%d MiB (before/peak/after), threads %d/%d/%d, fds %d/%d/%d"
                        + " (sockets %d/%d/%d); %d fresh clients, slowest %d ms; %d WARN, %d ERROR lines; %d ms",
                name, detail, baseline.rssKib() / 1024, top.rssKib() / 1024, after.rssKib() / 1024,
                baseline.threads(), top.threads(), after.threads(), baseline.fds(), top.fds(), after.fds(),
                baseline.sockets(), top.sockets(), after.sockets(), answers.size(), slowest, logged("WARN").size(),
                logged("ERROR").size(), attackMillis);
    }

    /** The bounds every attack keeps: a page for every fresh client in time, memory bounded, nothing left behind. */
    void assertBounded() {
        assertTrue(server.isAlive(), name + ": the server is up");
        assertEquals(List.of(), logged("ERROR"), name + ": the server logged no error");
        List<Answer> failed = answers.stream().filter(a -> a.status() != 200).toList();
        assertTrue(failed.isEmpty(), name + ": every fresh client got 200: " + failed);
        List<Answer> slow = answers.stream().filter(a -> a.millis() > FRESH_CLIENT_BOUND.toMillis()).toList();
        assertTrue(slow.isEmpty(), name + ": every fresh client answered within " + FRESH_CLIENT_BOUND + ": " + slow);
        long growth = peak.get().rssKib() - baseline.rssKib();
        assertTrue(growth <= RSS_GROWTH_BOUND_KIB, name + ": RSS grew " + growth / 1024 + " MiB over its level before");
        assertEquals(baseline.sockets(), after.sockets(), name + ": sockets back to baseline");
        assertTrue(after.threads() <= baseline.threads() + THREAD_SLACK,
                name + ": OS threads back to baseline: " + after + " vs " + baseline);
        assertTrue(after.fds() <= baseline.fds() + POLLER_SLACK, name + ": fds back to baseline: " + after + " vs " + baseline);
    }

    /** The peak seen so far. */
    ProcessStats.Sample peak() {
        return peak.get();
    }

    ProcessStats.Sample baseline() {
        return baseline;
    }

    @Override
    public void close() throws InterruptedException {
        watching = false;
        prober.join(Duration.ofSeconds(30));
        sampler.join(Duration.ofSeconds(5));
    }
}
