package fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gzip cache: exact output, one compression per version, and its bound at every threshold. */
class GzipCacheTest {

    @TempDir
    Path dir;

    private DocumentRoot root() throws IOException {
        return DocumentRoot.open(dir);
    }

    private static FileInfo locate(DocumentRoot root, String name) {
        return ((Resolution.Found) root.resolve(new RequestPath(List.of(name), false))).file();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static byte[] gunzip(ByteBuffer buffer) throws IOException {
        return GzipEncoderTest.gunzip(bytes(buffer));
    }

    private byte[] write(String name, byte[] content) throws IOException {
        Files.write(dir.resolve(name), content);
        return content;
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void decodesToTheExactFileAndIsMadeOnce() throws IOException {
        byte[] content = write("page.html", GzipEncoderTest.text(200_000, 1));
        var root = root();
        var cache = new GzipCache(GzipCache.DEFAULT_CAPACITY, GzipEncoder.DEFAULT_LEVEL);
        ByteBuffer first = cache.compressed(root, locate(root, "page.html")).orElseThrow();
        ByteBuffer second = cache.compressed(root, locate(root, "page.html")).orElseThrow();
        assertTrue(first.isReadOnly());
        assertNotSame(first, second);
        assertArrayEquals(content, gunzip(first));
        // Reading the first moved only its own position.
        assertArrayEquals(content, gunzip(second));
        assertEquals(1, cache.compressions());
        assertEquals(1, cache.entries());
    }

    @Test
    void aChangedFileIsCompressedAgain() throws IOException {
        Path path = dir.resolve("a.css");
        write("a.css", "body { color: red }".repeat(100).getBytes());
        var root = root();
        var cache = new GzipCache(GzipCache.DEFAULT_CAPACITY, GzipEncoder.DEFAULT_LEVEL);
        cache.compressed(root, locate(root, "a.css")).orElseThrow();
        byte[] newer = write("a.css", "p { margin: 0 }".repeat(300).getBytes());
        Files.setLastModifiedTime(path, FileTime.from(Instant.now().plusSeconds(5)));
        assertArrayEquals(newer, gunzip(cache.compressed(root, locate(root, "a.css")).orElseThrow()));
        assertEquals(2, cache.compressions());
        assertEquals(1, cache.entries());
        assertEquals(cache.compressed(root, locate(root, "a.css")).orElseThrow().remaining() + GzipCache.ENTRY_OVERHEAD,
                cache.charged());
    }

    @Test
    void aFileThatNoLongerMatchesItsDescriptionIsNotServed() throws IOException {
        write("a.js", "let a = 1;\n".repeat(100).getBytes());
        var root = root();
        FileInfo described = locate(root, "a.js");
        write("a.js", "let a = 1;\n".repeat(200).getBytes());
        var cache = new GzipCache(GzipCache.DEFAULT_CAPACITY, GzipEncoder.DEFAULT_LEVEL);
        assertTrue(cache.compressed(root, described).isEmpty());
        write("a.js", "let a = 1;\n".repeat(50).getBytes());
        assertTrue(cache.compressed(root, described).isEmpty());
        assertEquals(0, cache.entries());
        assertEquals(0, cache.charged());
    }

    @Test
    void filesAtTheLimitAreCompressedAndLargerOnesAreNot() throws IOException {
        write("at.txt", GzipEncoderTest.text((int) GzipCache.MAX_FILE_BYTES, 2));
        write("over.txt", GzipEncoderTest.text((int) GzipCache.MAX_FILE_BYTES + 1, 2));
        var root = root();
        var cache = new GzipCache(GzipCache.DEFAULT_CAPACITY, GzipEncoder.DEFAULT_LEVEL);
        assertEquals(GzipCache.MAX_FILE_BYTES, gunzip(cache.compressed(root, locate(root, "at.txt")).orElseThrow()).length);
        assertTrue(cache.compressed(root, locate(root, "over.txt")).isEmpty());
        assertEquals(1, cache.compressions());
    }

    @Test
    void anEntryIsKeptWhenItFitsTheTotalExactlyAndNotWhenItIsOneByteOver() throws IOException {
        write("a.txt", GzipEncoderTest.text(50_000, 4));
        var root = root();
        long length = new GzipCache(GzipCache.DEFAULT_CAPACITY, GzipEncoder.DEFAULT_LEVEL)
                .compressed(root, locate(root, "a.txt")).orElseThrow().remaining();

        var fits = new GzipCache(length + GzipCache.ENTRY_OVERHEAD, GzipEncoder.DEFAULT_LEVEL);
        fits.compressed(root, locate(root, "a.txt")).orElseThrow();
        fits.compressed(root, locate(root, "a.txt")).orElseThrow();
        assertEquals(1, fits.compressions());
        assertEquals(fits.capacity(), fits.charged());

        var tooSmall = new GzipCache(length + GzipCache.ENTRY_OVERHEAD - 1, GzipEncoder.DEFAULT_LEVEL);
        // Still made and given, just not kept.
        byte[] content = Files.readAllBytes(dir.resolve("a.txt"));
        assertArrayEquals(content, gunzip(tooSmall.compressed(root, locate(root, "a.txt")).orElseThrow()));
        assertArrayEquals(content, gunzip(tooSmall.compressed(root, locate(root, "a.txt")).orElseThrow()));
        assertEquals(2, tooSmall.compressions());
        assertEquals(0, tooSmall.entries());
        assertEquals(0, tooSmall.charged());

        var none = new GzipCache(0, GzipEncoder.DEFAULT_LEVEL);
        assertArrayEquals(content, gunzip(none.compressed(root, locate(root, "a.txt")).orElseThrow()));
        assertEquals(0, none.charged());
    }

    @Test
    void theLeastRecentlyUsedEntryGoesFirst() throws IOException {
        for (String name : List.of("a", "b", "c")) {
            write(name, random(10_000, name.hashCode()));
        }
        var root = root();
        long each = new GzipCache(GzipCache.DEFAULT_CAPACITY, 6).compressed(root, locate(root, "a")).orElseThrow()
                .remaining() + GzipCache.ENTRY_OVERHEAD;
        // Room for two of the three (random bytes compress to about the same length).
        var cache = new GzipCache(2 * each + 100, 6);
        cache.compressed(root, locate(root, "a"));
        cache.compressed(root, locate(root, "b"));
        cache.compressed(root, locate(root, "a"));
        cache.compressed(root, locate(root, "c"));
        assertEquals(3, cache.compressions());
        assertEquals(2, cache.entries());
        cache.compressed(root, locate(root, "a"));
        assertEquals(3, cache.compressions(), "a was used more recently than b and stayed");
        cache.compressed(root, locate(root, "b"));
        assertEquals(4, cache.compressions(), "b was evicted");
        assertTrue(cache.charged() <= cache.capacity());
    }

    @Test
    void aFloodOfDistinctFilesStaysWithinTheBound() throws IOException {
        var root = root();
        var cache = new GzipCache(256 * 1024, GzipEncoder.DEFAULT_LEVEL);
        long peak = 0;
        for (int i = 0; i < 600; i++) {
            // Mostly incompressible, of varied sizes, so that entries of every length come and go.
            byte[] content = write("f" + i, random(100 + (i * 7919) % 20_000, i));
            assertArrayEquals(content, gunzip(cache.compressed(root, locate(root, "f" + i)).orElseThrow()));
            assertTrue(cache.charged() <= cache.capacity(), "charged " + cache.charged() + " at file " + i);
            peak = Math.max(peak, cache.charged());
        }
        assertTrue(peak > cache.capacity() / 2, "the cache was used: peak " + peak);
        assertTrue(cache.entries() < 600);
        // Tiny files: the overhead bounds how many are kept.
        var tiny = new GzipCache(100 * GzipCache.ENTRY_OVERHEAD, GzipEncoder.DEFAULT_LEVEL);
        for (int i = 0; i < 300; i++) {
            write("t" + i, new byte[] {(byte) i});
            tiny.compressed(root, locate(root, "t" + i)).orElseThrow();
            assertTrue(tiny.charged() <= tiny.capacity());
        }
        assertTrue(tiny.entries() < 100, "entries " + tiny.entries());
    }

    @Test
    void concurrentRequestsForOneFileCompressItOnce() throws Exception {
        byte[] content = write("big.json", GzipEncoderTest.text((int) GzipCache.MAX_FILE_BYTES, 8));
        var root = root();
        var cache = new GzipCache(GzipCache.DEFAULT_CAPACITY, 9);
        int threads = 16;
        var go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            var results = new ArrayList<Future<ByteBuffer>>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return cache.compressed(root, locate(root, "big.json")).orElseThrow();
                }));
            }
            go.countDown();
            for (Future<ByteBuffer> result : results) {
                assertArrayEquals(content, gunzip(result.get(60, TimeUnit.SECONDS)));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, cache.compressions());
    }

    @Test
    void refusesABadLevelOrCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new GzipCache(1, 10));
        assertThrows(IllegalArgumentException.class, () -> new GzipCache(-1, 6));
    }
}
