package app.handler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.ServerConfig;
import fs.DocumentRoot;
import fs.FileInfo;
import fs.GzipCache;
import fs.GzipEncoder;
import fs.RequestPath;
import fs.Resolution;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gzip bodies StaticFiles is given: cached below the threshold, streamed above, streams bounded. */
class GzipBodiesTest {

    @TempDir
    Path dir;

    private FileInfo write(DocumentRoot root, String name, int size) throws IOException {
        Files.write(dir.resolve(name), "0123456789abcdef\n".repeat(size / 17 + 1).substring(0, size).getBytes());
        return ((Resolution.Found) root.resolve(new RequestPath(List.of(name), false))).file();
    }

    @Test
    void offMeansNoneAndGzipMeansOneCacheOfTheConfiguredSize() {
        assertTrue(GzipBodies.of(ServerConfig.DEFAULTS).isPresent());
        assertEquals(GzipCache.DEFAULT_CAPACITY, GzipBodies.of(ServerConfig.DEFAULTS).orElseThrow().cache().capacity());
        var off = new ServerConfig(ServerConfig.DEFAULTS.cleartextPort(), "127.0.0.1", 10, 100, dir,
                java.util.Optional.empty(), 1 << 20, ServerConfig.DEFAULTS.keepAlive(), 100,
                ServerConfig.DEFAULTS.headTimeout(), ServerConfig.DEFAULTS.writeTimeout(), 10, List.of(),
                ServerConfig.DEFAULTS.downloads(), false, java.util.Optional.empty(), true,
                ServerConfig.Compression.OFF, 0, ServerConfig.DEFAULT_PRECOMPRESSED,
                java.util.OptionalInt.empty(), ServerConfig.DEFAULT_ADMIN_HOST, app.Listing.OFF,
                app.ResponseHeaders.DEFAULTS, ServerConfig.DEFAULT_DRAIN_DELAY, app.ProxySettings.NONE);
        assertTrue(GzipBodies.of(off).isEmpty());
    }

    @Test
    void filesUpToTheThresholdAreCachedWithALength() throws IOException {
        var root = DocumentRoot.open(dir);
        var bodies = new GzipBodies(new GzipCache(GzipCache.DEFAULT_CAPACITY, 6), 6, 1);
        FileInfo at = write(root, "at.txt", (int) GzipCache.MAX_FILE_BYTES);
        FileInfo over = write(root, "over.txt", (int) GzipCache.MAX_FILE_BYTES + 1);
        assertTrue(bodies.cacheable(at));
        assertFalse(bodies.cacheable(over));
        ResponseBody.Bytes body = bodies.cached(root, at).orElseThrow();
        byte[] gzip = new byte[(int) body.length()];
        body.buffer().get(gzip);
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("at.txt")), in.readAllBytes());
        }
        assertTrue(bodies.cached(root, over).isEmpty());
    }

    @Test
    void atMostMaxStreamsAreCompressedAtOnce() throws IOException {
        var root = DocumentRoot.open(dir);
        FileInfo file = write(root, "big.txt", 2 << 20);
        int limit = 3;
        var bodies = new GzipBodies(new GzipCache(0, GzipEncoder.DEFAULT_LEVEL), GzipEncoder.DEFAULT_LEVEL, limit);
        var open = new ArrayList<ResponseBody.GzipFile>();
        for (int i = 0; i < limit; i++) {
            open.add(bodies.streamed(root.openFile(file), file).orElseThrow());
        }
        assertEquals(0, bodies.streamsAvailable());
        try (FileChannel refused = root.openFile(file)) {
            assertTrue(bodies.streamed(refused, file).isEmpty());
            assertTrue(refused.isOpen(), "the caller keeps a channel that was not taken");
        }
        ResponseBody.GzipFile first = open.removeFirst();
        first.close();
        // Closing twice (the writers close in every case, a reset stream again) frees one place only.
        first.close();
        assertFalse(first.channel().isOpen());
        assertEquals(1, bodies.streamsAvailable());
        open.add(bodies.streamed(root.openFile(file), file).orElseThrow());
        assertTrue(bodies.streamed(root.openFile(file), file).isEmpty());
        for (ResponseBody.GzipFile body : open) {
            body.close();
        }
        assertEquals(limit, bodies.streamsAvailable());
        assertEquals(64, GzipBodies.MAX_STREAMS);
    }
}
