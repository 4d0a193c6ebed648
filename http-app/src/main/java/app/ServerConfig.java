package app;

import fs.DownloadPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the server is configured with, validated once by {@link CommandLine}.
 *
 * @param port           TCP port; 0 picks a free one
 * @param host           address to bind (a name or literal, as given)
 * @param poolSize       worker threads that run handlers
 * @param queueCapacity  requests that may wait for a worker before the server answers 503
 * @param root           document root
 * @param uploads        upload folder; empty means {@code ROOT/uploads}
 * @param maxBody        request body limit in bytes
 * @param keepAlive      idle time allowed between requests on a persistent connection
 * @param maxRequests    responses per connection; the last one closes it
 * @param headTimeout    time allowed for a request head, from its first byte
 * @param writeTimeout   time a response write may go without progress
 * @param maxConnections open connections; past it the acceptor waits
 * @param allowedHosts   extra Host names accepted; {@code *} accepts any
 * @param downloads      extensions sent as attachments
 * @param accessLog      whether to write Combined Log Format lines to {@code http.access}
 */
public record ServerConfig(
        int port,
        String host,
        int poolSize,
        int queueCapacity,
        Path root,
        Optional<Path> uploads,
        long maxBody,
        Duration keepAlive,
        int maxRequests,
        Duration headTimeout,
        Duration writeTimeout,
        int maxConnections,
        List<String> allowedHosts,
        DownloadPolicy downloads,
        boolean accessLog) {

    /** The seed's defaults: 127.0.0.1:8080, ten workers, {@code ./resources}. */
    public static final ServerConfig DEFAULTS = new ServerConfig(
            8080, "127.0.0.1", 10, 100, Path.of("resources"), Optional.empty(), 1 << 20,
            Duration.ofSeconds(30), 100, Duration.ofSeconds(10), Duration.ofSeconds(30), 10_000,
            List.of(), DownloadPolicy.SEED_DEFAULT, false);

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(uploads, "uploads");
        Objects.requireNonNull(downloads, "downloads");
        allowedHosts = List.copyOf(allowedHosts);
        requireRange("port", port, 0, 65_535);
        requireRange("pool", poolSize, 1, 10_000);
        requireRange("queue", queueCapacity, 1, 1_000_000);
        requireRange("max-requests", maxRequests, 1, Integer.MAX_VALUE);
        requireRange("max-connections", maxConnections, 1, 1_000_000);
        if (maxBody < 0) {
            throw new IllegalArgumentException("max-body must not be negative");
        }
        requirePositive("keep-alive-timeout", keepAlive);
        requirePositive("head-timeout", headTimeout);
        requirePositive("write-timeout", writeTimeout);
    }

    /** The upload folder: {@code --uploads}, else {@code ROOT/uploads}. */
    public Path uploadFolder() {
        return uploads.orElseGet(() -> root.resolve("uploads"));
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", not " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
