package fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fills a real 64 KiB tmpfs; needs root (as in CI) and is skipped with the reason otherwise. */
class UploadStoreFullTest {

    @TempDir
    Path base;

    private Path mount;

    @BeforeEach
    void mountSmallTmpfs() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "tmpfs needs Linux");
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        Path point = Files.createDirectory(base.resolve("small"));
        String failure = run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", point.toString());
        assumeTrue(failure.isEmpty(), "cannot mount a tmpfs: " + failure);
        mount = point;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            run("umount", mount.toString());
        }
    }

    @Test
    void reportsStorageFullAndLeavesNothing() throws IOException {
        UploadStore store = UploadStore.open(mount);
        assertThrows(StorageFullException.class, () -> store.store(new byte[256 * 1024]));
        assertEquals(List.of(), names());

        assertThrows(StorageFullException.class,
                () -> store.store(new ByteArrayInputStream(new byte[256 * 1024]), Long.MAX_VALUE));
        assertEquals(List.of(), names());

        // The space of the failed attempts was given back.
        byte[] small = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        StoredUpload upload = store.store(small);
        assertArrayEquals(small, Files.readAllBytes(upload.path()));
        assertEquals(List.of(upload.name()), names());
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(mount)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }

    /** Runs a command; returns "" on success, else a description of the failure. */
    private static String run(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return command[0] + " timed out";
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.exitValue() == 0 ? "" : command[0] + " exited " + process.exitValue() + ": " + output;
        } catch (IOException e) {
            return command[0] + ": " + e.getMessage();
        }
    }
}
