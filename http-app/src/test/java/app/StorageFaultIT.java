package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage faults while the image runs: a full upload device (507, nothing partial), an upload
 * folder that refuses writes or disappears (500 and one clear log line), a document root deleted
 * or replaced (404s). The server keeps serving through all of them.
 */
class StorageFaultIT {

    private static final int BODY_SIZE = 20 * 1024;

    @TempDir
    Path dir;

    @Test
    void aFullDeviceGives507AndLeavesNothingPartial() throws Exception {
        assumeTrue(SystemCommands.isRoot() && SystemCommands.available("mount"), "mounting a tmpfs needs root");
        Path root = ImageServer.copyOfResources(dir.resolve("root"));
        Path uploads = Files.createDirectories(dir.resolve("small-device"));
        AutoCloseable device = SystemCommands.mountTmpfs(uploads, "256k");
        try (var server = ImageServer.start(root, dir.resolve("server.log"), "--uploads", uploads.toString())) {
            var acknowledged = new HashMap<String, String>();
            int status = 0;
            for (int i = 0; i < 100 && status != 507; i++) {
                String body = "{\"n\":" + i + ",\"pad\":\"" + "x".repeat(BODY_SIZE) + "\"}";
                RawClient.Reply reply = FreshClient.upload(server, body.getBytes(StandardCharsets.US_ASCII));
                status = reply.status();
                if (status == 201) {
                    String location = reply.header("Location");
                    acknowledged.put(location.substring(location.lastIndexOf('/') + 1), body);
                } else {
                    assertEquals(507, status, "an upload that does not fit is 507");
                }
            }
            Map<String, String> onDisk = contents(uploads);
            String first = acknowledged.keySet().stream().sorted().findFirst().orElseThrow();
            int read = FreshClient.get(server, "/uploads/" + first);
            int page = FreshClient.get(server, "/index.html");
            long fullLines = server.log().lines().filter(line -> line.contains("storage full")).count();
            System.out.printf("storage full: %d uploads stored on a 256 KiB tmpfs, then %d; files on the device %d; "
                    + "GET of a stored upload %d, of a page %d; 'storage full' log lines %d%n",
                    acknowledged.size(), status, onDisk.size(), read, page, fullLines);

            assertEquals(507, status, "the device filled up");
            assertEquals(acknowledged, onDisk, "exactly the acknowledged uploads, complete; no temporary file");
            assertEquals(200, read);
            assertEquals(200, page);
            assertEquals(1, fullLines);
            assertTrue(server.isAlive());
        } finally {
            device.close();
        }
    }

    @Test
    void anUploadFolderThatRefusesWritesGives500AndOneLogLine() throws Exception {
        Path root = ImageServer.copyOfResources(dir.resolve("root"));
        Path uploads = root.resolve("uploads");
        try (var server = ImageServer.start(root, dir.resolve("server.log"))) {
            assertEquals(201, FreshClient.upload(server, "{\"before\":true}".getBytes(StandardCharsets.US_ASCII)).status());
            int status;
            AutoCloseable refusing = readOnly(uploads);
            try {
                status = FreshClient.upload(server, "{\"during\":true}".getBytes(StandardCharsets.US_ASCII)).status();
            } finally {
                refusing.close();
            }
            int page = FreshClient.get(server, "/index.html");
            int after = FreshClient.upload(server, "{\"after\":true}".getBytes(StandardCharsets.US_ASCII)).status();
            List<String> errors = errorLines(server.log());
            System.out.printf("read-only uploads: upload %d, page %d, upload after restoring %d; error lines: %s%n",
                    status, page, after, errors);

            assertEquals(500, status);
            assertEquals(200, page);
            assertEquals(201, after);
            assertEquals(1, errors.size(), "one clear log line");
            assertTrue(errors.getFirst().contains("Upload of"), errors.getFirst());
            assertFalse(server.log().contains("\tat "), "no stack trace for a storage fault");
            assertTrue(server.isAlive());
        }
    }

    @Test
    void aDeletedUploadFolderGives500AndOneLogLine() throws Exception {
        Path root = ImageServer.copyOfResources(dir.resolve("root"));
        Path uploads = root.resolve("uploads");
        try (var server = ImageServer.start(root, dir.resolve("server.log"))) {
            assertEquals(201, FreshClient.upload(server, "{\"before\":true}".getBytes(StandardCharsets.US_ASCII)).status());
            deleteTree(uploads);
            int status = FreshClient.upload(server, "{\"during\":true}".getBytes(StandardCharsets.US_ASCII)).status();
            int page = FreshClient.get(server, "/index.html");
            List<String> errors = errorLines(server.log());
            System.out.printf("deleted uploads folder: upload %d, page %d; error lines: %s%n", status, page, errors);

            assertEquals(500, status);
            assertEquals(200, page);
            assertEquals(1, errors.size(), "one clear log line");
            assertTrue(errors.getFirst().contains("Upload of"), errors.getFirst());
            assertFalse(server.log().contains("\tat "), "no stack trace for a storage fault");
            assertTrue(server.isAlive());
        }
    }

    @Test
    void aDocumentRootDeletedOrReplacedGives404sWithoutCrashing() throws Exception {
        Path root = ImageServer.copyOfResources(dir.resolve("root"));
        Path uploads = Files.createDirectories(dir.resolve("uploads"));
        try (var server = ImageServer.start(root, dir.resolve("server.log"), "--uploads", uploads.toString())) {
            assertEquals(200, FreshClient.get(server, "/index.html"));

            Files.move(root, dir.resolve("old-root"));
            Files.createDirectories(root);
            Files.writeString(root.resolve("index.html"), "<!DOCTYPE html><title>Replaced</title>\n");
            var replaced = new ArrayList<Integer>();
            for (String path : List.of("/", "/index.html", "/photo.jpg", "/about.html")) {
                replaced.add(FreshClient.get(server, path));
            }

            deleteTree(root);
            deleteTree(dir.resolve("old-root"));
            var deleted = new ArrayList<Integer>();
            for (String path : List.of("/", "/index.html", "/photo.jpg", "/media/", "/missing.txt")) {
                deleted.add(FreshClient.get(server, path));
            }
            int upload = FreshClient.upload(server, "{\"still\":\"storing\"}".getBytes(StandardCharsets.US_ASCII)).status();
            System.out.printf("document root replaced: %s; deleted: %s; upload meanwhile %d; errors logged %d%n",
                    replaced, deleted, upload, errorLines(server.log()).size());

            assertTrue(replaced.stream().allMatch(status -> status == 200 || status == 404), "200 or 404 only");
            assertEquals(List.of(404, 404, 404, 404, 404), deleted);
            assertEquals(201, upload);
            assertEquals(List.of(), errorLines(server.log()), "a missing root is not a server fault");
            assertTrue(server.isAlive());
            assertEquals(204, FreshClient.request(server,
                    "OPTIONS * HTTP/1.1\r\nHost: " + server.host() + "\r\nConnection: close\r\n\r\n").status());
        }
    }

    /** Makes {@code folder} refuse new entries: immutable for root (who ignores modes), mode 555 otherwise. */
    private static AutoCloseable readOnly(Path folder) throws Exception {
        if (SystemCommands.isRoot()) {
            assumeTrue(SystemCommands.available("chattr"), "as root, only chattr +i makes a folder refuse writes");
            return SystemCommands.immutable(folder);
        }
        SystemCommands.run("chmod", "555", folder.toString());
        return () -> SystemCommands.run("chmod", "755", folder.toString());
    }

    private static List<String> errorLines(String log) {
        return log.lines().filter(line -> line.contains("[ERROR]")).toList();
    }

    private static Map<String, String> contents(Path folder) throws IOException {
        var contents = new HashMap<String, String>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                contents.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.US_ASCII));
            }
        }
        return contents;
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }
}
