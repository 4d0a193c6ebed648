package app.handler;

import app.ServerConfig;
import fs.DocumentRoot;
import fs.FileInfo;
import fs.GzipCache;
import fs.GzipEncoder;
import java.nio.channels.FileChannel;
import java.util.Optional;

/**
 * The gzip bodies of static files ({@code --compress gzip}): from the shared {@link GzipCache} for
 * files up to {@link GzipCache#MAX_FILE_BYTES}, sent with a length; compressed as they are sent
 * for larger ones. Which files are worth compressing, and for which clients, is the caller's rule.
 */
final class GzipBodies {

    private final GzipCache cache;
    private final int level;

    GzipBodies(GzipCache cache, int level) {
        this.cache = cache;
        this.level = level;
    }

    /** The bodies {@code config} asks for: none with {@code --compress off}. */
    static Optional<GzipBodies> of(ServerConfig config) {
        if (config.compression() == ServerConfig.Compression.OFF) {
            return Optional.empty();
        }
        int level = GzipEncoder.DEFAULT_LEVEL;
        return Optional.of(new GzipBodies(new GzipCache(config.compressCache(), level), level));
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

    /** A body that compresses {@code file}, open as {@code channel}, as it is sent; it owns the channel. */
    ResponseBody.GzipFile streamed(FileChannel channel, FileInfo file) {
        return new ResponseBody.GzipFile(channel, file.size(), level);
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
