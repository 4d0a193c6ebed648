package fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small-file cache: what it serves, when it reads again, and what it refuses. */
class SmallFilesTest {

    @TempDir
    Path dir;

    private FileInfo locate(DocumentRoot root, String name) {
        return ((Resolution.Found) root.resolve(new RequestPath(List.of(name), false))).file();
    }

    private static String text(ByteBuffer buffer) {
        return StandardCharsets.UTF_8.decode(buffer).toString();
    }

    @Test
    void servesTheFileAndEachCallerGetsABufferOfItsOwn() throws IOException {
        Files.writeString(dir.resolve("a.html"), "hello");
        var root = DocumentRoot.open(dir);
        var cache = new SmallFiles(root);
        FileInfo file = locate(root, "a.html");
        ByteBuffer first = cache.content(file).orElseThrow();
        ByteBuffer second = cache.content(file).orElseThrow();
        assertEquals("hello", text(first));
        // Reading the first moved only its own position.
        assertEquals("hello", text(second));
        assertTrue(first.isReadOnly());
    }

    @Test
    void aChangedFileIsReadAgain() throws IOException {
        Path path = dir.resolve("a.html");
        Files.writeString(path, "old");
        var root = DocumentRoot.open(dir);
        var cache = new SmallFiles(root);
        assertEquals("old", text(cache.content(locate(root, "a.html")).orElseThrow()));
        Files.writeString(path, "newer");
        Files.setLastModifiedTime(path, FileTime.from(Instant.now().plusSeconds(5)));
        assertEquals("newer", text(cache.content(locate(root, "a.html")).orElseThrow()));
    }

    @Test
    void aFileThatNoLongerMatchesItsDescriptionIsNotServed() throws IOException {
        Path path = dir.resolve("a.html");
        Files.writeString(path, "short");
        var root = DocumentRoot.open(dir);
        FileInfo described = locate(root, "a.html");
        Files.writeString(path, "longer than described");
        assertTrue(new SmallFiles(root).content(described).isEmpty());
    }

    @Test
    void filesAtTheLimitAreKeptAndLargerOnesAreNot() throws IOException {
        Files.write(dir.resolve("at.bin"), new byte[(int) SmallFiles.MAX_FILE_BYTES]);
        Files.write(dir.resolve("over.bin"), new byte[(int) SmallFiles.MAX_FILE_BYTES + 1]);
        var root = DocumentRoot.open(dir);
        var cache = new SmallFiles(root);
        assertEquals(SmallFiles.MAX_FILE_BYTES, cache.content(locate(root, "at.bin")).orElseThrow().remaining());
        assertTrue(cache.content(locate(root, "over.bin")).isEmpty());
    }

    @Test
    void aFileSwappedForALinkAfterItWasLocatedIsNotRead() throws IOException {
        Path path = dir.resolve("a.html");
        Files.writeString(path, "inside");
        Path outside = Files.writeString(dir.resolveSibling(dir.getFileName() + "-secret.txt"), "secret");
        var root = DocumentRoot.open(dir);
        FileInfo located = locate(root, "a.html");
        Files.delete(path);
        Files.createSymbolicLink(path, outside);
        try {
            assertTrue(new SmallFiles(root).content(located).isEmpty());
        } finally {
            Files.delete(outside);
        }
    }
}
