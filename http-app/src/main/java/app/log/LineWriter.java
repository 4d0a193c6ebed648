package app.log;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Writes the per-request log lines to standard error from a thread of its own, so that a request
 * never waits for the write, nor for another request's write.
 *
 * <p>A request adds its line to a queue and goes on. The writer takes whatever has queued, writes
 * it in one call, and then pauses for {@link #GATHER_NANOS} before looking again, so that under
 * load one write carries the lines of a millisecond. It sleeps when nothing has queued, and the
 * next line wakes it. Lines are written whole and in the order they were added.
 *
 * <p>No line is ever dropped. At most {@code capacity} lines wait to be written; when the output
 * cannot keep up (a full disk, a reader of the pipe that has stopped), a request that adds one
 * more waits for room. {@link #close()} writes everything added before it returns.
 */
public final class LineWriter implements AutoCloseable {

    /** Lines that may wait to be written before a request adding one more waits too. */
    public static final int CAPACITY = 8192;

    /** How long the writer gathers lines after a write, before it writes again. */
    static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** One queued line: its text, its level and logger, and when and on which thread it was logged. */
    private record Line(long millis, String thread, String level, String logger, String text) {}

    /** Queued by {@link #flush()}: written past when everything queued before it is. */
    private record Mark(CountDownLatch written) {}

    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final Semaphore room;
    private final AtomicBoolean sleeping = new AtomicBoolean();
    private final LineLayout layout;
    private final Supplier<PrintStream> output;
    private final Thread writer;
    private volatile boolean closing;
    private volatile boolean closed;

    private LineWriter(int capacity, LineLayout layout, Supplier<PrintStream> output) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.room = new Semaphore(capacity);
        this.layout = layout;
        this.output = output;
        this.writer = Thread.ofPlatform().name("http-log").daemon().unstarted(this::run);
    }

    /**
     * A writer of {@link #CAPACITY} lines to whatever {@link System#err} is when it writes, laid
     * out as slf4j-simple lays out its own lines; empty when slf4j-simple is told to write to
     * something else ({@code org.slf4j.simpleLogger.logFile}), where its own lines go instead.
     */
    public static Optional<LineWriter> standardError() {
        String target = System.getProperty("org.slf4j.simpleLogger.logFile", "System.err");
        if (!target.equals("System.err")) {
            return Optional.empty();
        }
        return Optional.of(start(CAPACITY, LineLayout.fromSystemProperties(), () -> System.err));
    }

    static LineWriter start(int capacity, LineLayout layout, Supplier<PrintStream> output) {
        var lines = new LineWriter(capacity, layout, output);
        lines.writer.start();
        return lines;
    }

    /**
     * Adds one line, logged now at INFO by {@code logger}; waits while {@code CAPACITY} lines are
     * already waiting to be written.
     */
    public void info(String logger, String text) {
        if (!room.tryAcquire()) {
            room.acquireUninterruptibly();
        }
        String thread = layout.showsThreads() ? Thread.currentThread().getName() : "";
        queue.add(new Line(System.currentTimeMillis(), thread, "INFO", logger, text));
        if (sleeping.get() && sleeping.compareAndSet(true, false)) {
            LockSupport.unpark(writer);
        }
        if (closed) {
            // The writer has stopped: a request that outlived the server writes its own line.
            writeLeftOver();
        }
    }

    /** Waits until every line added before this call has been written. */
    public void flush() {
        var mark = new Mark(new CountDownLatch(1));
        queue.add(mark);
        LockSupport.unpark(writer);
        if (closed) {
            writeLeftOver();
        }
        boolean interrupted = false;
        while (true) {
            try {
                mark.written().await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Writes every line added so far and stops the writer; a line added later is written at once
     * by the thread that adds it.
     */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        LockSupport.unpark(writer);
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        closed = true;
        writeLeftOver();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void writeLeftOver() {
        writeQueued(new StringBuilder(), new ArrayList<>());
    }

    private void run() {
        var batch = new StringBuilder(16 * 1024);
        var marks = new ArrayList<Mark>();
        while (!closing) {
            if (writeQueued(batch, marks)) {
                LockSupport.parkNanos(GATHER_NANOS);
                continue;
            }
            sleeping.set(true);
            if (queue.isEmpty() && !closing) {
                LockSupport.park();
            }
            sleeping.set(false);
        }
        writeQueued(batch, marks);
    }

    /** Writes what has queued, in one write; false when nothing had. */
    private boolean writeQueued(StringBuilder batch, List<Mark> marks) {
        int lines = 0;
        Object next;
        while ((next = queue.poll()) != null) {
            if (next instanceof Line line) {
                layout.append(batch, line.millis(), line.thread(), line.level(), line.logger(), line.text());
                lines++;
            } else {
                marks.add((Mark) next);
            }
        }
        if (lines == 0 && marks.isEmpty()) {
            return false;
        }
        if (lines > 0) {
            PrintStream err = Objects.requireNonNull(output.get());
            byte[] bytes = batch.toString().getBytes(err.charset());
            // A PrintStream keeps its errors to itself; a line that cannot be written is lost
            // with the output it was for, and the requests waiting for room go on.
            err.write(bytes, 0, bytes.length);
            err.flush();
            batch.setLength(0);
            room.release(lines);
        }
        marks.forEach(mark -> mark.written().countDown());
        marks.clear();
        return true;
    }
}
