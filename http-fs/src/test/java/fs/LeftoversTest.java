package fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up clean-up in a folder shared with other writers: only what no live writer holds goes. */
class LeftoversTest {

    private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Leftovers.Probe NO_LOCKS = (file, whileHeld) -> Leftovers.Writer.UNKNOWN;

    @TempDir
    Path dir;

    @Test
    void anotherStoresUploadInProgressSurvivesAStartAndIsPublishedWhole() throws Exception {
        UploadStore first = UploadStore.open(dir);
        var firstChunkWritten = new CountDownLatch(1);
        var finish = new CountDownLatch(1);
        byte[] half = "{\"a\":".getBytes(StandardCharsets.UTF_8);
        byte[] rest = "1}".getBytes(StandardCharsets.UTF_8);
        InputStream slow = new InputStream() {
            private int calls;

            @Override
            public int read() {
                throw new UnsupportedOperationException("read in chunks");
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                calls++;
                byte[] chunk = calls == 1 ? half : calls == 2 ? rest : null;
                if (calls == 2) {
                    firstChunkWritten.countDown();
                    await(finish);
                }
                if (chunk == null) {
                    return -1;
                }
                System.arraycopy(chunk, 0, buffer, offset, chunk.length);
                return chunk.length;
            }
        };
        CompletableFuture<StoredUpload> upload = CompletableFuture.supplyAsync(() -> {
            try {
                return first.store(slow, 1000);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(firstChunkWritten.await(20, TimeUnit.SECONDS));
        List<String> inProgress = names();
        assertEquals(1, inProgress.size());
        assertTrue(inProgress.getFirst().startsWith(UploadStore.TEMP_PREFIX));

        UploadStore.open(dir);
        assertEquals(inProgress, names(), "the other store's temporary file is kept");

        finish.countDown();
        StoredUpload stored = upload.get(20, TimeUnit.SECONDS);
        assertArrayEquals("{\"a\":1}".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(stored.path()));
        assertEquals(List.of(stored.name()), names());
    }

    @Test
    void aCleanUpRunningAllAlongCostsNoUpload() throws Exception {
        UploadStore store = UploadStore.open(dir);
        // Threads of its own: the common pool may have a single one, which the sweeper would keep.
        ExecutorService threads = Executors.newFixedThreadPool(3);
        var cleaner = new Leftovers(Clock.systemUTC(), UploadStore.LEFTOVER_SAFE_AGE, Leftovers.LOCKS);
        var writing = new AtomicBoolean(true);
        var sweeps = new AtomicInteger();
        CompletableFuture<Void> sweeping = CompletableFuture.runAsync(() -> {
            while (writing.get()) {
                try {
                    cleaner.clean(dir);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                sweeps.incrementAndGet();
            }
        }, threads);
        List<CompletableFuture<List<StoredUpload>>> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int writer = w;
            writers.add(CompletableFuture.supplyAsync(() -> {
                var stored = new ArrayList<StoredUpload>();
                for (int i = 0; i < 200; i++) {
                    try {
                        stored.add(store.store(("{\"w\":" + writer + ",\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return stored;
            }, threads));
        }
        var all = new ArrayList<StoredUpload>();
        try {
            for (var writer : writers) {
                all.addAll(writer.get(60, TimeUnit.SECONDS));
            }
        } finally {
            writing.set(false);
            threads.shutdown();
        }
        sweeping.get(20, TimeUnit.SECONDS);
        assertTrue(sweeps.get() > 0);
        assertEquals(400, all.size());
        for (StoredUpload upload : all) {
            assertEquals(upload.size(), Files.size(upload.path()));
        }
        assertEquals(400, names().size(), "every upload, and no temporary file");
    }

    @Test
    void aFreshLeftoverNoWriterHoldsIsRemovedAtOnce() throws IOException {
        Path leftover = temp("fresh", NOW);
        UploadStore.open(dir, CLOCK, new ScriptedRandom("k3x9"));
        assertTrue(Files.notExists(leftover));
    }

    @Test
    void withoutLocksAFileModifiedExactlyTheSafeAgeAgoIsKept() throws IOException {
        Path atLimit = temp("at-limit", NOW.minus(UploadStore.LEFTOVER_SAFE_AGE));
        new Leftovers(CLOCK, UploadStore.LEFTOVER_SAFE_AGE, NO_LOCKS).clean(dir);
        assertTrue(Files.exists(atLimit), "a file of another instance that may still be writing it is kept");
    }

    @Test
    void withoutLocksAFileOlderThanTheSafeAgeIsRemoved() throws IOException {
        Path pastLimit = temp("past-limit", NOW.minus(UploadStore.LEFTOVER_SAFE_AGE).minusMillis(1));
        Path fresh = temp("fresh", NOW.minusSeconds(1));
        new Leftovers(CLOCK, UploadStore.LEFTOVER_SAFE_AGE, NO_LOCKS).clean(dir);
        assertTrue(Files.notExists(pastLimit));
        assertTrue(Files.exists(fresh));
    }

    @Test
    void aLiveWriterIsNeverOverruledByAge() throws IOException {
        Path ancient = temp("ancient", NOW.minus(Duration.ofDays(30)));
        new Leftovers(CLOCK, UploadStore.LEFTOVER_SAFE_AGE, (file, whileHeld) -> Leftovers.Writer.LIVE).clean(dir);
        assertTrue(Files.exists(ancient));
    }

    @Test
    void onlyTemporaryNamesAreConsidered() throws IOException {
        Path upload = Files.writeString(dir.resolve("upload_20261202_060000_k3x9.json"), "{}");
        Path other = Files.writeString(dir.resolve(".upload-notes.txt"), "");
        Files.setLastModifiedTime(upload, FileTime.from(NOW.minus(Duration.ofDays(30))));
        Files.setLastModifiedTime(other, FileTime.from(NOW.minus(Duration.ofDays(30))));
        new Leftovers(CLOCK, UploadStore.LEFTOVER_SAFE_AGE, NO_LOCKS).clean(dir);
        assertEquals(List.of(".upload-notes.txt", "upload_20261202_060000_k3x9.json"), names());
    }

    private Path temp(String id, Instant modified) throws IOException {
        Path file = Files.writeString(dir.resolve(UploadStore.TEMP_PREFIX + id + UploadStore.TEMP_SUFFIX), "{\"partial");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    private static void await(CountDownLatch latch) throws IOException {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IOException("the test did not release the upload within 20 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
