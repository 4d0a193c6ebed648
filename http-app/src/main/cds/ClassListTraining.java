import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the class list for the image's class-data sharing archive (run by the build with the
 * JDK's source launcher): starts the image's server with {@code -XX:DumpLoadedClassList},
 * answers a few requests and stops it. The default list covers only the JDK's own start-up; with
 * this one the archive also holds the server's classes and lambdas up to the first response.
 *
 * <p>Usage: {@code java ClassListTraining.java IMAGE_JAVA CLASS_LIST WORK_DIR}
 */
public final class ClassListTraining {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");

    public static void main(String[] args) throws Exception {
        String java = args[0];
        Path classList = Path.of(args[1]);
        Path work = Files.createDirectories(Path.of(args[2]));
        Path root = Files.createDirectories(work.resolve("root"));
        Files.writeString(root.resolve("index.html"), "<!doctype html><title>training</title>\n".repeat(26));
        Files.deleteIfExists(classList);

        var server = new ProcessBuilder(java, "-XX:DumpLoadedClassList=" + classList,
                "-m", "http.app/app.Main", "--port", "0", "--host", "127.0.0.1", "--root", root.toString(),
                "--uploads", work.resolve("uploads").toString(), "--log-level", "info")
                .redirectErrorStream(true)
                .start();
        try {
            int port = awaitPort(server.getInputStream());
            exchange(port, "GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n"
                    + "GET /missing.html HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n");
        } finally {
            // SIGTERM: the server's own graceful stop.
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
                throw new IllegalStateException("the training server did not stop");
            }
        }
        if (!Files.exists(classList)) {
            throw new IllegalStateException("no class list written to " + classList);
        }
    }

    private static int awaitPort(InputStream output) throws IOException {
        var lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
        for (String line; (line = lines.readLine()) != null; ) {
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                // Keep draining the server's output so that it never blocks on a full pipe.
                Thread.ofPlatform().daemon().start(() -> drain(output));
                return Integer.parseInt(listening.group(1));
            }
        }
        throw new IllegalStateException("the training server stopped before listening");
    }

    private static void drain(InputStream output) {
        try {
            output.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // The server has stopped.
        }
    }

    private static void exchange(int port, String requests) throws IOException {
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
            // The second request closes the connection: read both answers to the end.
            socket.getInputStream().transferTo(OutputStream.nullOutputStream());
        }
    }
}
