package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that reads a 50 MiB download at 1 KiB/s: with a single worker, another client is
 * still answered at once, and the stalled one is dropped once a write step makes no progress
 * within the write timeout.
 */
class SlowReaderIT {

    private static final long FILE_SIZE = 50L << 20;
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration OTHER_CLIENT_BOUND = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    @Test
    void aStalledDownloadNeitherBlocksOthersNorLivesPastTheWriteTimeout() throws Exception {
        Path root = ImageServer.copyOfResources(dir.resolve("root"));
        try (var file = new RandomAccessFile(root.resolve("big.bin").toFile(), "rw")) {
            file.setLength(FILE_SIZE);
        }
        try (var server = ImageServer.start(root, dir.resolve("server.log"),
                "--pool", "1", "--write-timeout", Long.toString(WRITE_TIMEOUT.toSeconds()))) {
            FreshClient.warmUp(server);
            ProcessStats.Sample baseline = server.sample();

            var received = new AtomicLong();
            var keepReadingSlowly = new AtomicBoolean(true);
            try (var slow = new Socket()) {
                slow.setReceiveBufferSize(8 * 1024);
                slow.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
                long requested = System.nanoTime();
                slow.getOutputStream().write(("GET /big.bin HTTP/1.1\r\nHost: " + server.host() + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                Thread reader = Thread.ofVirtual().start(() -> readSlowly(slow, received, keepReadingSlowly));

                ImageServer.sleep(Duration.ofSeconds(1));
                long otherStarted = System.nanoTime();
                int otherStatus = FreshClient.get(server, "/index.html");
                long otherMillis = Duration.ofNanos(System.nanoTime() - otherStarted).toMillis();

                ProcessStats.Sample dropped = ProcessStats.awaitAtMost(server.pid(), ProcessStats.Sample::sockets,
                        baseline.sockets(), WRITE_TIMEOUT.plusSeconds(10));
                long droppedAfter = Duration.ofNanos(System.nanoTime() - requested).toMillis();
                keepReadingSlowly.set(false);
                reader.join(Duration.ofSeconds(5));
                long slowlyRead = received.get();
                WireExchange rest = WireExchange.readUntilClosed(slow, Duration.ofSeconds(20), FILE_SIZE + 1024);
                long total = slowlyRead + rest.received().length;

                System.out.printf("slow reader: other client %d in %d ms; stalled client dropped %d ms after its "
                                + "request, having read %d bytes slowly and %d bytes in all of %d; end %s%n",
                        otherStatus, otherMillis, droppedAfter, slowlyRead, total, FILE_SIZE, rest.end());

                assertEquals(200, otherStatus);
                assertTrue(otherMillis <= OTHER_CLIENT_BOUND.toMillis(), "the other client was answered promptly");
                assertEquals(baseline.sockets(), dropped.sockets(), "the server closed the stalled connection");
                assertTrue(droppedAfter >= WRITE_TIMEOUT.toMillis() - 500, "not dropped before the write timeout");
                assertTrue(droppedAfter <= WRITE_TIMEOUT.toMillis() + 5_000, "dropped soon after the write timeout");
                assertNotEquals(WireExchange.End.STILL_OPEN, rest.end(), "the stalled client saw the connection end");
                assertTrue(total < FILE_SIZE, "the download was cut short");
                assertTrue(server.isAlive());
            }
        }
    }

    /** Reads 1 KiB a second while asked to; counts what arrives. */
    private static void readSlowly(Socket socket, AtomicLong received, AtomicBoolean keepGoing) {
        byte[] kib = new byte[1024];
        try {
            socket.setSoTimeout(200);
            InputStream in = socket.getInputStream();
            while (keepGoing.get()) {
                try {
                    int n = in.read(kib);
                    if (n < 0) {
                        return;
                    }
                    received.addAndGet(n);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                ImageServer.sleep(Duration.ofSeconds(1));
            }
        } catch (IOException e) {
            // Reset by the server: the drain that follows sees it too.
        }
    }
}
