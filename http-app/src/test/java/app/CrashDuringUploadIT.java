package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL during concurrent uploads, twenty times over the same folders: after each restart every
 * upload that was answered 201 is there with identical bytes, every visible upload is exactly a
 * body that was sent, and no temporary file is left. Once with each upload on its own HTTP/1.1
 * connection, once with the uploads as concurrent streams of a few HTTP/2 connections.
 */
class CrashDuringUploadIT {

    private static final int ROUNDS = 20;
    private static final int UPLOADERS = 8;
    /** HTTP/2 connections the uploaders share: four streams in flight on each. */
    private static final int HTTP2_CONNECTIONS = 2;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedUploadSurvivesAndNothingPartialIsVisible() throws Exception {
        rounds("crash", List.of(), server -> new Wire(UploadCrashRound.http1(server), () -> {}));
    }

    @Test
    void everyAcknowledgedUploadOverHttp2StreamsSurvives() throws Exception {
        rounds("crash over h2", ImageServer.tlsArguments(), server -> {
            var uploads = new Http2Uploads(server, HTTP2_CONNECTIONS);
            return new Wire(uploads, uploads::close);
        });
    }

    /** A round's way of uploading and what ends it. */
    private record Wire(UploadCrashRound.Wire uploads, Runnable close) {}

    /** Connects a round's uploaders to the server. */
    private interface Wiring {
        Wire connect(ImageServer server) throws IOException;
    }

    private void rounds(String label, List<String> args, Wiring wires) throws Exception {
        Path root = ImageServer.copyOfResources(dir.resolve("root"));
        Path uploads = root.resolve("uploads");
        Path log = dir.resolve("server.log");
        Set<String> sent = ConcurrentHashMap.newKeySet();
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        var random = new Random(20_250_902L);
        int leftoversSeen = 0;
        List<Path> kept = hiddenFiles(uploads, List.of()); // such as .gitkeep: not the server's
        String[] arguments = args.toArray(String[]::new);
        ImageServer server = ImageServer.start(root, log, arguments);
        try {
            assertTrue(ProcessHandle.of(server.pid()).flatMap(p -> p.info().command()).orElse("").endsWith("/java"),
                    "the child process is the server JVM itself, so SIGKILL reaches it");
            for (int round = 1; round <= ROUNDS; round++) {
                Wire wire = wires.connect(server);
                var crash = new UploadCrashRound(server, wire.uploads(), round, sent, acknowledged);
                Duration killAfter = Duration.ofMillis(150 + random.nextInt(600));
                int answered;
                try {
                    answered = crash.run(UPLOADERS, killAfter, random.nextLong());
                } finally {
                    wire.close().run();
                }
                assertEquals(List.of(), crash.unexpected(), "answers while the server was up");
                int leftovers = hiddenFiles(uploads, kept).size();
                leftoversSeen += leftovers;

                server = ImageServer.start(root, log, arguments);
                List<Path> hidden = hiddenFiles(uploads, kept);
                Map<String, byte[]> visible = visibleUploads(uploads);
                List<String> problems = UploadCrashRound.problems(visible, acknowledged, sent);
                System.out.printf("%s round %d: killed after %d ms, %d uploads answered 201, %d temporary files "
                                + "after the kill, %d after the restart; %d uploads on disk, %d problems%n",
                        label, round, killAfter.toMillis(), answered, leftovers, hidden.size(), visible.size(), problems.size());
                assertEquals(List.of(), hidden, "temporary files removed at start-up");
                assertEquals(List.of(), problems);
                assertEquals(200, FreshClient.get(server, "/index.html"));
            }
            System.out.printf("%s: %d rounds survived, %d uploads acknowledged, %d bodies sent, "
                            + "%d temporary files left by kills, all removed; bytes lost: none%n",
                    label, ROUNDS, acknowledged.size(), sent.size(), leftoversSeen);
            assertTrue(acknowledged.size() >= ROUNDS, "uploads were acknowledged before the kills");
        } finally {
            server.close();
        }
    }

    private static List<Path> hiddenFiles(Path uploads, List<Path> except) throws IOException {
        try (Stream<Path> files = Files.list(uploads)) {
            return files.filter(file -> file.getFileName().toString().startsWith(".") && !except.contains(file)).toList();
        }
    }

    private static Map<String, byte[]> visibleUploads(Path uploads) throws IOException {
        var visible = new HashMap<String, byte[]>();
        try (Stream<Path> files = Files.list(uploads)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith("upload_")) {
                    visible.put(name, Files.readAllBytes(file));
                }
            }
        }
        return visible;
    }
}
