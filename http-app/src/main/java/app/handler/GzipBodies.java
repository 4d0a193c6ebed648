package app.handler;

import app.ServerConfig;
import fs.DocumentRoot;
import fs.FileInfo;
import fs.GzipCache;
import fs.GzipEncoder;
import java.nio.channels.FileChannel;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The gzip bodies of static files ({@code --compress gzip}): from the shared {@link GzipCache} for
 * files up to {@link GzipCache#MAX_FILE_BYTES}, sent with a length; compressed as they are sent
 * for larger ones. Which files are worth compressing, and for which clients, is the caller's rule.
 *
 * <p>A body compressed as it is sent holds a deflater (about 256 KiB of native memory at level 6)
 * and two buffers for as long as its client takes to read it, which the worker pool does not
 * bound. So at most {@link #MAX_STREAMS} are sent at once; past that a large file goes out as it
 * is on disk, which every client accepts, until one finishes.
 */
final class GzipBodies {

    /** Responses compressed as they are sent, at most, at any one time. */
    static final int MAX_STREAMS = 64;

    private final GzipCache cache;
    private final int level;
    private final Semaphore streams;

    GzipBodies(GzipCache cache, int level, int maxStreams) {
        this.cache = cache;
        this.level = level;
        this.streams = new Semaphore(maxStreams);
    }

    /** The bodies {@code config} asks for: none with {@code --compress off}. */
    static Optional<GzipBodies> of(ServerConfig config) {
        if (config.compression() == ServerConfig.Compression.OFF) {
            return Optional.empty();
        }
        int level = GzipEncoder.DEFAULT_LEVEL;
        return Optional.of(new GzipBodies(new GzipCache(config.compressCache(), level), level, MAX_STREAMS));
    }

    /** Whether {@code file} is small enough for its gzip body to be made whole and cached. */
    boolean cacheable(FileInfo file) {
        return file.size() <= GzipCache.MAX_FILE_BYTES;
    }

    /**
     * The gzip body of {@code file}, located in {@code root}, of known length; empty when the file
     * is not {@link #cacheable} or changed since it was located.
     */
    Optional<ResponseBody.Bytes> cached(DocumentRoot root, FileInfo file) {
        return cache.compressed(root, file).map(ResponseBody.Bytes::new);
    }

    /**
     * A body that compresses {@code file}, open as {@code channel}, as it is sent, and owns the
     * channel; empty when {@link #MAX_STREAMS} are being sent already (the channel stays the
     * caller's then).
     */
    Optional<ResponseBody.GzipFile> streamed(FileChannel channel, FileInfo file) {
        if (!streams.tryAcquire()) {
            return Optional.empty();
        }
        var released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                streams.release();
            }
        };
        return Optional.of(new ResponseBody.GzipFile(channel, file.size(), level, release));
    }

    /** How many more bodies may be compressed as they are sent now. */
    int streamsAvailable() {
        return streams.availablePermits();
    }

    /** The deflate level the bodies are made at: their bytes, and so their entity-tags, depend on it. */
    int level() {
        return level;
    }

    /** The cache, shared by every document root served. */
    GzipCache cache() {
        return cache;
    }
}
