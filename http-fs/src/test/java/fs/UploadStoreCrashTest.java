package fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadStoreCrashTest {

    @TempDir
    Path base;

    private Path dir;

    @Test
    void killedWriterLeavesNoVisibleFileAndNextOpenCleansUp() throws Exception {
        dir = Files.createDirectory(base.resolve("uploads"));
        Process child = new ProcessBuilder(javaBinary(), "-cp", childClassPath(), CrashChild.class.getName(), dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(base.resolve("child.log").toFile())
                .start();
        try {
            assertTrue(awaitPartialWrite(), "the child did not start writing within 20 s");
            child.destroyForcibly();
            assertTrue(child.waitFor(20, TimeUnit.SECONDS), "the child did not die");
        } finally {
            child.destroyForcibly();
        }

        List<String> afterCrash = names();
        assertEquals(1, afterCrash.size(), "exactly one file, the temporary one");
        assertTrue(afterCrash.getFirst().startsWith(UploadStore.TEMP_PREFIX), "only a hidden temporary file is left");

        UploadStore.open(dir);
        assertEquals(List.of(), names());
    }

    @Test
    void anotherLiveProcessesUploadSurvivesAStartAndIsRemovedOnceItDies() throws Exception {
        dir = Files.createDirectory(base.resolve("uploads"));
        Process child = new ProcessBuilder(javaBinary(), "-cp", childClassPath(), CrashChild.class.getName(), dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(base.resolve("child.log").toFile())
                .start();
        try {
            assertTrue(awaitPartialWrite(), "the child did not start writing within 20 s");
            List<String> inProgress = names();

            UploadStore.open(dir);
            assertEquals(inProgress, names(), "the live writer's temporary file is kept");
            assertTrue(child.isAlive());

            child.destroyForcibly();
            assertTrue(child.waitFor(20, TimeUnit.SECONDS), "the child did not die");
        } finally {
            child.destroyForcibly();
        }
        UploadStore.open(dir);
        assertEquals(List.of(), names(), "once its writer is gone, the file is a leftover");
    }

    /** The child has written its first chunk: its temporary file holds data. */
    private boolean awaitPartialWrite() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(dir)) {
                boolean writing = files.anyMatch(path -> {
                    try {
                        return path.getFileName().toString().startsWith(UploadStore.TEMP_PREFIX) && Files.size(path) > 0;
                    } catch (IOException vanished) {
                        return false;
                    }
                });
                if (writing) {
                    return true;
                }
            }
            Thread.sleep(20);
        }
        return false;
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * The directories holding the main and test classes. Surefire runs the tests patched into
     * the module; on the child's class path the main module-info is ignored, which is fine for
     * a program that only uses the package.
     */
    private static String childClassPath() throws URISyntaxException {
        return classesRoot(UploadStore.class) + File.pathSeparator + classesRoot(CrashChild.class);
    }

    private static Path classesRoot(Class<?> type) throws URISyntaxException {
        Path classFile = Path.of(type.getResource(type.getSimpleName() + ".class").toURI());
        return classFile.getParent().getParent();
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
