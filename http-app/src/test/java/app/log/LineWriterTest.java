package app.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The request log's writer: every line written whole, once and in order, none lost however the
 * output lags, and the layout of slf4j-simple's own lines.
 */
class LineWriterTest {

    private static final LineLayout PLAIN = new LineLayout(false, Optional.empty(), false, true, true, true);

    /** An output that can be held still, as a full disk or a pipe nobody reads holds a write. */
    private static final class Output extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CountDownLatch open = new CountDownLatch(1);
        private final CountDownLatch writing = new CountDownLatch(1);

        Output(boolean stalled) {
            if (!stalled) {
                open.countDown();
            }
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writing.countDown();
            try {
                open.await();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            synchronized (bytes) {
                bytes.write(b, off, len);
            }
        }

        void release() {
            open.countDown();
        }

        void awaitAWrite() throws InterruptedException {
            assertTrue(writing.await(10, TimeUnit.SECONDS), "the writer never wrote");
        }

        List<String> lines() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8).lines().toList();
            }
        }

        PrintStream stream() {
            return new PrintStream(this, true, StandardCharsets.UTF_8);
        }
    }

    private static List<String> numbered(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> "[INFO] request - line " + i).toList();
    }

    @Test
    void linesAreWrittenWholeAndInOrderOnceFlushed() {
        var output = new Output(false);
        PrintStream stream = output.stream();
        try (var lines = LineWriter.start(16, PLAIN, () -> stream)) {
            for (int i = 0; i < 100; i++) {
                lines.info("http.request", "line " + i);
            }
            lines.flush();
            assertEquals(numbered(0, 100), output.lines());
        }
    }

    @Test
    void closeWritesEverythingAddedAndALaterLineIsWrittenAtOnce() {
        var output = new Output(false);
        PrintStream stream = output.stream();
        var lines = LineWriter.start(LineWriter.CAPACITY, PLAIN, () -> stream);
        for (int i = 0; i < 5000; i++) {
            lines.info("http.request", "line " + i);
        }
        lines.close();
        assertEquals(numbered(0, 5000), output.lines());
        lines.info("http.request", "line 5000");
        assertEquals(numbered(0, 5001), output.lines());
        lines.flush();
    }

    /**
     * Adds lines 0 to {@code count - 1}: the writer takes line 0 and stalls writing it, so all of
     * them wait, none written, each still holding its place.
     */
    private static void fillBehindTheStalledWrite(LineWriter lines, Output output, int count)
            throws InterruptedException {
        lines.info("http.request", "line 0");
        output.awaitAWrite();
        for (int i = 1; i < count; i++) {
            lines.info("http.request", "line " + i);
        }
    }

    /** At capacity N, N lines wait for a stalled output without holding up the requests that log them. */
    @Test
    void capacityLinesWaitWithoutHoldingTheirRequests() throws InterruptedException {
        int capacity = LineWriter.CAPACITY;
        var output = new Output(true);
        PrintStream stream = output.stream();
        try (var lines = LineWriter.start(capacity, PLAIN, () -> stream)) {
            fillBehindTheStalledWrite(lines, output, capacity);
            assertEquals(List.of(), output.lines());
            output.release();
            lines.flush();
            assertEquals(numbered(0, capacity), output.lines());
        }
    }

    /** Line N + 1 waits, rather than vanish, until the output takes the lines before it. */
    @Test
    void oneLineMoreThanCapacityWaitsForTheOutput() throws InterruptedException {
        int capacity = LineWriter.CAPACITY;
        var output = new Output(true);
        PrintStream stream = output.stream();
        try (var lines = LineWriter.start(capacity, PLAIN, () -> stream)) {
            fillBehindTheStalledWrite(lines, output, capacity);
            Thread request = Thread.ofVirtual().start(() -> lines.info("http.request", "line " + capacity));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (request.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(Thread.State.WAITING, request.getState(), "the line past capacity should wait");
            assertEquals(List.of(), output.lines());
            output.release();
            assertTrue(request.join(java.time.Duration.ofSeconds(10)), "the waiting line was never taken");
            lines.flush();
            assertEquals(numbered(0, capacity + 1), output.lines());
        }
    }

    @Test
    void concurrentRequestsLoseNoLineAndKeepEachOnesOrder() throws InterruptedException {
        var output = new Output(false);
        PrintStream stream = output.stream();
        int threads = 16;
        int each = 2000;
        try (var lines = LineWriter.start(64, PLAIN, () -> stream)) {
            List<Thread> started = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                started.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < each; i++) {
                        lines.info("http.request", id + " " + i);
                    }
                }));
            }
            for (Thread thread : started) {
                thread.join();
            }
        }
        List<String> written = output.lines();
        assertEquals(threads * each, written.size());
        int[] next = new int[threads];
        for (String line : written) {
            String[] fields = line.substring("[INFO] request - ".length()).split(" ");
            int id = Integer.parseInt(fields[0]);
            assertEquals(next[id], Integer.parseInt(fields[1]), "lines of " + id + " out of order");
            next[id]++;
        }
    }

    @Test
    void theLayoutFollowsSlf4jSimplesSettings() {
        var line = new StringBuilder();
        new LineLayout(true, Optional.of("yyyy-MM-dd'T'HH:mm:ss.SSSXXX"), false, true, true, true)
                .append(line, 1_764_637_323_045L, "worker-1", "INFO", "http.request", "text");
        assertTrue(line.toString().matches("2025-12-0\\dT\\d\\d:\\d\\d:03\\.045(Z|[+-]\\d\\d:\\d\\d) \\[INFO\\] request - text"
                + System.lineSeparator()), line.toString());

        line.setLength(0);
        new LineLayout(false, Optional.empty(), true, false, false, true)
                .append(line, 0, "worker-1", "INFO", "http.request", "text");
        assertEquals("[worker-1] INFO http.request - text" + System.lineSeparator(), line.toString());

        line.setLength(0);
        new LineLayout(false, Optional.empty(), false, false, false, false)
                .append(line, 0, "worker-1", "INFO", "http.request", "text");
        assertEquals("INFO text" + System.lineSeparator(), line.toString());
    }
}
