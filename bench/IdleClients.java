import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds idle keep-alive connections open for bench/run.sh (scenario S5).
 *
 * <pre>java IdleClients.java HOST PORT COUNT PATH</pre>
 *
 * Opens COUNT connections and sends one GET PATH on each, so that every one is a kept-alive
 * connection waiting for its next request, then prints {@code READY opened=N failed=F ms=T}.
 * On a line "check" from standard input it sends one more request on every connection and
 * prints {@code ANSWERED ok=N of=COUNT}: a connection counts when it answers 200 and stays
 * open. Then it resets every connection (SO_LINGER 0, so no TIME_WAIT is left to exhaust the
 * ephemeral ports of the next run) and exits. A benchmark helper, not a test.
 */
public final class IdleClients {

    /**
     * At most this many connects or requests in flight: within any server's backlog, and below
     * http-server's pool and queue (10 + 100), past which it answers 503 by design.
     */
    private static final int PARALLEL = 50;

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: java IdleClients.java HOST PORT COUNT PATH");
            System.exit(2);
        }
        var address = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int count = Integer.parseInt(args[2]);
        byte[] request = ("GET " + args[3] + " HTTP/1.1\r\nHost: " + args[0] + ":" + args[1] + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        var sockets = new Socket[count];
        var inputs = new InputStream[count];

        long start = System.nanoTime();
        var opened = new AtomicInteger();
        forEach(count, i -> {
            var socket = new Socket();
            socket.setSoTimeout(30_000);
            socket.connect(address, 30_000);
            sockets[i] = socket;
            inputs[i] = new BufferedInputStream(socket.getInputStream(), 4096);
            if (exchange(socket, inputs[i], request)) {
                opened.incrementAndGet();
            }
        });
        System.out.printf("READY opened=%d failed=%d ms=%d%n", opened.get(), count - opened.get(),
                (System.nanoTime() - start) / 1_000_000);
        System.out.flush();

        var stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        String line;
        while ((line = stdin.readLine()) != null && !line.equals("check")) {
            // Wait for the benchmark to ask.
        }
        var answered = new AtomicInteger();
        if (line != null) {
            forEach(count, i -> {
                if (sockets[i] != null && exchange(sockets[i], inputs[i], request)) {
                    answered.incrementAndGet();
                }
            });
            System.out.printf("ANSWERED ok=%d of=%d%n", answered.get(), count);
            System.out.flush();
        }
        for (Socket socket : sockets) {
            if (socket != null) {
                try {
                    socket.setSoLinger(true, 0);
                    socket.close();
                } catch (IOException ignored) {
                    // Already gone.
                }
            }
        }
    }

    private interface Task {
        void run(int index) throws IOException;
    }

    /** Runs {@code task} for 0..count-1 on virtual threads, PARALLEL at a time; failures are counted as not ok. */
    private static void forEach(int count, Task task) throws InterruptedException {
        var permits = new Semaphore(PARALLEL);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                permits.acquire();
                int index = i;
                executor.execute(() -> {
                    try {
                        task.run(index);
                    } catch (IOException e) {
                        // Not opened or not answered: the counts tell.
                    } finally {
                        permits.release();
                    }
                });
            }
        }
    }

    /** Sends one request and reads its response; whether it was a 200 that keeps the connection open. */
    private static boolean exchange(Socket socket, InputStream in, byte[] request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
        String head = readHead(in);
        if (head == null) {
            return false;
        }
        String lower = head.toLowerCase(java.util.Locale.ROOT);
        long length = 0;
        int at = lower.indexOf("\r\ncontent-length:");
        if (at >= 0) {
            int end = lower.indexOf("\r\n", at + 2);
            length = Long.parseLong(lower.substring(at + 17, end).trim());
        }
        for (long left = length; left > 0; ) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    return false;
                }
                skipped = 1;
            }
            left -= skipped;
        }
        return head.startsWith("HTTP/1.1 200 ") && !lower.contains("\r\nconnection: close");
    }

    private static String readHead(InputStream in) throws IOException {
        var head = new StringBuilder();
        while (!(head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4)) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
