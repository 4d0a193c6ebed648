package app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow-loris attack from a few threads: many connections, each starting a request head and
 * then trickling one more header byte per tick, never finishing it; or, as a stall, sending the
 * first part of something (half a TLS ClientHello) and then nothing. Each thread drives its share
 * of the connections with one selector and records how and when the server ended each of them.
 */
final class SlowLoris implements AutoCloseable {

    /** How the server ended one attacking connection. */
    record Outcome(long firstByteNanos, long endedNanos, String answer, boolean reset) {
        Duration lifetime() {
            return Duration.ofNanos(endedNanos - firstByteNanos);
        }

        boolean answered408OrClosed() {
            return answer.isEmpty() || answer.startsWith("HTTP/1.1 408 ");
        }
    }

    private static final int ANSWER_PREFIX = 32;

    private final List<Group> groups = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Duration tick;
    private final Duration limit;
    /** What each connection sends first; null: the start of a request head for the port. */
    private final byte[] start;
    /** Whether a byte follows every tick. */
    private final boolean trickle;

    private SlowLoris(Duration tick, Duration limit, byte[] start, boolean trickle) {
        this.tick = tick;
        this.limit = limit;
        this.start = start;
        this.trickle = trickle;
    }

    /**
     * Opens {@code connections} to {@code port} from {@code threadCount} threads, sends each a
     * request head's first line, and trickles a byte every {@code tick}; gives up after {@code limit}.
     */
    static SlowLoris attack(int port, int connections, int threadCount, Duration tick, Duration limit) throws IOException {
        return launch(new SlowLoris(tick, limit, null, true), port, connections, threadCount);
    }

    /**
     * Opens {@code connections} to {@code port} from {@code threadCount} threads, sends each
     * {@code start} and then nothing; gives up after {@code limit}.
     */
    static SlowLoris stall(int port, int connections, int threadCount, byte[] start, Duration limit) throws IOException {
        return launch(new SlowLoris(Duration.ofMillis(250), limit, start.clone(), false), port, connections, threadCount);
    }

    private static SlowLoris launch(SlowLoris loris, int port, int connections, int threadCount) throws IOException {
        try {
            for (int t = 0; t < threadCount; t++) {
                int share = connections / threadCount + (t < connections % threadCount ? 1 : 0);
                loris.groups.add(loris.new Group(port, share));
            }
        } catch (IOException | RuntimeException e) {
            loris.close();
            throw e;
        }
        for (Group group : loris.groups) {
            Thread thread = Thread.ofPlatform().name("slow-loris-" + loris.threads.size()).start(group::drive);
            loris.threads.add(thread);
        }
        return loris;
    }

    /** Attacking connections the server has not ended yet. */
    int open() {
        return open.get();
    }

    /** Waits for every connection to end (or the attack's limit); returns the outcomes. */
    List<Outcome> await() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join(limit.plusSeconds(5).toMillis());
        }
        var outcomes = new ArrayList<Outcome>();
        for (Group group : groups) {
            outcomes.addAll(group.outcomes());
        }
        return outcomes;
    }

    @Override
    public void close() {
        for (Thread thread : threads) {
            thread.interrupt();
        }
        for (Group group : groups) {
            group.closeAll();
        }
    }

    /** One thread's connections. */
    private final class Group {
        private final Selector selector;
        private final List<Attacker> attackers = new ArrayList<>();

        Group(int port, int count) throws IOException {
            selector = Selector.open();
            var address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            byte[] first = start != null ? start
                    : ("GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-Slow: ").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < count; i++) {
                SocketChannel channel = SocketChannel.open(address);
                channel.configureBlocking(false);
                var attacker = new Attacker(channel);
                channel.register(selector, SelectionKey.OP_READ, attacker);
                attackers.add(attacker);
                open.incrementAndGet();
                attacker.send(first);
            }
        }

        void drive() {
            long end = System.nanoTime() + limit.toNanos();
            long nextTick = System.nanoTime() + tick.toNanos();
            try {
                while (!Thread.currentThread().isInterrupted() && System.nanoTime() < end && anyOpen()) {
                    long wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextTick - System.nanoTime()));
                    selector.select(wait);
                    for (SelectionKey key : selector.selectedKeys()) {
                        ((Attacker) key.attachment()).readAnswer();
                    }
                    selector.selectedKeys().clear();
                    if (System.nanoTime() >= nextTick) {
                        if (trickle) {
                            for (Attacker attacker : attackers) {
                                attacker.send(new byte[] {'a'});
                            }
                        }
                        nextTick += tick.toNanos();
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("selector failed", e);
            } finally {
                closeAll();
            }
        }

        private boolean anyOpen() {
            for (Attacker attacker : attackers) {
                if (attacker.outcome == null) {
                    return true;
                }
            }
            return false;
        }

        List<Outcome> outcomes() {
            var outcomes = new ArrayList<Outcome>();
            for (Attacker attacker : attackers) {
                if (attacker.outcome != null) {
                    outcomes.add(attacker.outcome);
                }
            }
            return outcomes;
        }

        void closeAll() {
            for (Attacker attacker : attackers) {
                attacker.closeChannel();
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // Nothing left to release.
            }
        }
    }

    /** One attacking connection. */
    private final class Attacker {
        private final SocketChannel channel;
        private final ByteBuffer answer = ByteBuffer.allocate(ANSWER_PREFIX);
        private final ByteBuffer sink = ByteBuffer.allocate(4096);
        private long firstByteNanos;
        private volatile Outcome outcome;

        Attacker(SocketChannel channel) {
            this.channel = channel;
        }

        void send(byte[] bytes) {
            if (outcome != null || answer.position() > 0) {
                return;
            }
            try {
                if (firstByteNanos == 0) {
                    firstByteNanos = System.nanoTime();
                }
                channel.write(ByteBuffer.wrap(bytes));
            } catch (IOException e) {
                end(true);
            }
        }

        void readAnswer() {
            try {
                while (true) {
                    sink.clear();
                    int n = channel.read(sink);
                    if (n < 0) {
                        end(false);
                        return;
                    }
                    if (n == 0) {
                        return;
                    }
                    sink.flip();
                    while (sink.hasRemaining() && answer.hasRemaining()) {
                        answer.put(sink.get());
                    }
                }
            } catch (IOException e) {
                end(true);
            }
        }

        private void end(boolean reset) {
            if (outcome == null) {
                String text = new String(answer.array(), 0, answer.position(), StandardCharsets.ISO_8859_1);
                outcome = new Outcome(firstByteNanos, System.nanoTime(), text, reset);
                open.decrementAndGet();
                closeChannel();
            }
        }

        void closeChannel() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Already gone.
            }
        }
    }
}
