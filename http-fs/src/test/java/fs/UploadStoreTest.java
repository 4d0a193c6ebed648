package fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadStoreTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-26T00:45:01Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void storesExactBytesUnderATimestampedName() throws IOException {
        UploadStore store = UploadStore.open(dir, FIXED, new ScriptedRandom("k3x9"));
        byte[] bytes = {'{', '}', 0, (byte) 0xff, '\r', '\n'};
        StoredUpload upload = store.store(bytes);
        assertEquals("upload_20261126_004501_k3x9.json", upload.name());
        assertEquals(dir.toAbsolutePath().resolve(upload.name()), upload.path());
        assertEquals(bytes.length, upload.size());
        assertArrayEquals(bytes, Files.readAllBytes(upload.path()));
        assertEquals(List.of(upload.name()), names());
    }

    @Test
    void realNamesMatchThePattern() throws IOException {
        StoredUpload upload = UploadStore.open(dir).store("{}".getBytes(StandardCharsets.UTF_8));
        assertTrue(upload.name().matches("upload_\\d{8}_\\d{6}_[a-z0-9]{4}\\.json"), upload.name());
    }

    @Test
    void createsAMissingFolder() throws IOException {
        Path nested = dir.resolve("a").resolve("uploads");
        UploadStore store = UploadStore.open(nested);
        assertTrue(Files.isDirectory(nested));
        assertEquals(nested.toAbsolutePath(), store.folder());
    }

    @Test
    void refusesAFileAsFolder() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThrows(IOException.class, () -> UploadStore.open(file));
    }

    @Test
    void retriesATakenNameAndNeverOverwrites() throws IOException {
        Path taken = Files.writeString(dir.resolve("upload_20261126_004501_aaaa.json"), "old");
        UploadStore store = UploadStore.open(dir, FIXED, new ScriptedRandom("aaaa", "k3x9"));
        StoredUpload upload = store.store("new".getBytes(StandardCharsets.UTF_8));
        assertEquals("upload_20261126_004501_k3x9.json", upload.name());
        assertEquals("old", Files.readString(taken));
        assertEquals("new", Files.readString(upload.path()));
        assertEquals(List.of("upload_20261126_004501_aaaa.json", upload.name()), names());
    }

    @Test
    void givesUpWhenEveryNameIsTakenAndLeavesNothing() throws IOException {
        Files.writeString(dir.resolve("upload_20261126_004501_aaaa.json"), "old");
        UploadStore store = UploadStore.open(dir, FIXED, new ScriptedRandom("aaaa"));
        IOException e = assertThrows(IOException.class, () -> store.store(new byte[] {1}));
        assertTrue(e.getMessage().contains("no free upload name"), e.getMessage());
        assertEquals(List.of("upload_20261126_004501_aaaa.json"), names());
        assertEquals("old", Files.readString(dir.resolve("upload_20261126_004501_aaaa.json")));
    }

    @Test
    void streamUpToTheLimitIsStored() throws IOException {
        UploadStore store = UploadStore.open(dir);
        byte[] bytes = new byte[200_000];
        new java.util.Random(7).nextBytes(bytes);
        StoredUpload upload = store.store(new ByteArrayInputStream(bytes), bytes.length);
        assertEquals(bytes.length, upload.size());
        assertArrayEquals(bytes, Files.readAllBytes(upload.path()));
    }

    @Test
    void streamOverTheLimitLeavesNothing() throws IOException {
        UploadStore store = UploadStore.open(dir);
        UploadTooLargeException e = assertThrows(UploadTooLargeException.class,
                () -> store.store(new ByteArrayInputStream(new byte[200_001]), 200_000));
        assertEquals(200_000, e.limit());
        assertEquals(List.of(), names());
    }

    @Test
    void failingStreamLeavesNothing() throws IOException {
        UploadStore store = UploadStore.open(dir);
        InputStream broken = new InputStream() {
            private int calls;

            @Override
            public int read() throws IOException {
                if (calls++ < 10) {
                    return 'x';
                }
                throw new IOException("connection reset");
            }
        };
        IOException e = assertThrows(IOException.class, () -> store.store(broken, 1000));
        assertEquals("connection reset", e.getMessage());
        assertEquals(List.of(), names());
    }

    @Test
    void openRemovesLeftoverTemporaryFilesOnly() throws IOException {
        Files.writeString(dir.resolve(".upload-123.tmp"), "partial");
        Files.writeString(dir.resolve("upload_20261126_004501_k3x9.json"), "{}");
        Files.writeString(dir.resolve(".keep"), "");
        UploadStore.open(dir);
        assertEquals(List.of(".keep", "upload_20261126_004501_k3x9.json"), names());
    }

    @Test
    void concurrentStoresGiveDistinctCompleteFiles() throws Exception {
        UploadStore store = UploadStore.open(dir);
        int count = 200;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<StoredUpload>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < count; i++) {
                byte[] body = ("{\"n\":" + i + ",\"pad\":\"" + "x".repeat(i * 10) + "\"}").getBytes(StandardCharsets.UTF_8);
                futures.add(executor.submit(() -> {
                    start.await();
                    return store.store(body);
                }));
            }
            start.countDown();
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            StoredUpload upload = futures.get(i).get();
            assertTrue(seen.add(upload.name()), "duplicate name");
            String expected = "{\"n\":" + i + ",\"pad\":\"" + "x".repeat(i * 10) + "\"}";
            assertEquals(expected, Files.readString(upload.path()));
        }
        assertEquals(count, names().size());
        assertEquals(seen, new HashSet<>(names()));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
