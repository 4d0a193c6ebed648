package app;

import app.tls.TlsConfig;
import fs.DownloadPolicy;
import fs.GzipCache;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import protocol.ContentCoding;

/**
 * Everything the server is configured with, validated once by {@link CommandLine}.
 *
 * <p>{@code --port off} is an empty {@link #cleartextPort()}, so that no code can take it for a
 * port number; {@link #port()} stays for the callers that bind the cleartext listener and fails
 * loudly when there is none.
 *
 * @param cleartextPort  TCP port of the cleartext listener, 0 picks a free one; empty for {@code --port off}
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
 * @param tls            the HTTPS listener, when a certificate is given
 * @param http2          whether HTTP/2 is served: ALPN {@code h2} over TLS, prior knowledge on cleartext
 * @param compression    how static files may be compressed as they are served
 * @param compressCache  bytes of gzip bodies kept in memory, for files up to {@code GzipCache.MAX_FILE_BYTES}
 * @param precompressed  the codings whose precompressed siblings ({@code F.br}, {@code F.zst}, {@code F.gz}) are
 *                       looked for; empty for none; never {@link ContentCoding#IDENTITY}
 * @param adminPort      port of the admin listener ({@code /health}, {@code /ready}, {@code /metrics},
 *                       {@code /pool}), 0 picks a free one; empty (the default) for none
 * @param adminHost      address the admin listener binds
 * @param listing        whether directories without an index are listed, and how many entries at most
 * @param responseHeaders the fields the main listeners add to responses (presets, {@code --header}, CORS)
 * @param drainDelay     on a graceful stop, how long the server goes on serving after {@code /health}
 *                       turns 503, so that a load balancer stops sending before the listeners close
 * @param proxy          PROXY protocol on the main listeners, and the proxies whose forwarding fields count
 */
public record ServerConfig(
        OptionalInt cleartextPort,
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
        boolean accessLog,
        Optional<TlsConfig> tls,
        boolean http2,
        Compression compression,
        long compressCache,
        Set<ContentCoding> precompressed,
        OptionalInt adminPort,
        String adminHost,
        Listing listing,
        ResponseHeaders responseHeaders,
        Duration drainDelay,
        ProxySettings proxy) {

    /** The codings whose precompressed variants are looked for by default: all three. */
    public static final Set<ContentCoding> DEFAULT_PRECOMPRESSED =
            Set.copyOf(EnumSet.of(ContentCoding.BR, ContentCoding.ZSTD, ContentCoding.GZIP));

    /** The admin listener binds loopback unless told otherwise: what it reports is for the operator. */
    public static final String DEFAULT_ADMIN_HOST = "127.0.0.1";

    /** {@code --drain-delay}: none by default, the stop begins at once. */
    public static final Duration DEFAULT_DRAIN_DELAY = Duration.ZERO;

    /** The longest {@code --drain-delay}: past an hour a stop is no longer a stop. */
    public static final Duration MAX_DRAIN_DELAY = Duration.ofHours(1);

    /** {@code --compress}: what static files may be compressed with as they are served. */
    public enum Compression {
        /** gzip with the JDK's deflater, for compressible files, when the client accepts it. */
        GZIP,
        /** Never: files are sent as they are on disk. */
        OFF
    }

    /** The seed's defaults: 127.0.0.1:8080, ten workers, {@code ./resources}, no HTTPS. */
    public static final ServerConfig DEFAULTS = new ServerConfig(
            8080, "127.0.0.1", 10, 100, Path.of("resources"), Optional.empty(), 1 << 20,
            Duration.ofSeconds(30), 100, Duration.ofSeconds(10), Duration.ofSeconds(30), 10_000,
            List.of(), DownloadPolicy.SEED_DEFAULT, false);

    /** A cleartext-only configuration on {@code port}, as before HTTPS existed. */
    public ServerConfig(int port, String host, int poolSize, int queueCapacity, Path root, Optional<Path> uploads,
            long maxBody, Duration keepAlive, int maxRequests, Duration headTimeout, Duration writeTimeout,
            int maxConnections, List<String> allowedHosts, DownloadPolicy downloads, boolean accessLog) {
        this(OptionalInt.of(port), host, poolSize, queueCapacity, root, uploads, maxBody, keepAlive, maxRequests,
                headTimeout, writeTimeout, maxConnections, allowedHosts, downloads, accessLog, Optional.empty(), true,
                Compression.GZIP, GzipCache.DEFAULT_CAPACITY, DEFAULT_PRECOMPRESSED, OptionalInt.empty(),
                DEFAULT_ADMIN_HOST, Listing.OFF, ResponseHeaders.DEFAULTS, DEFAULT_DRAIN_DELAY, ProxySettings.NONE);
    }

    /** This configuration with {@code tls} for its HTTPS listener. */
    public ServerConfig withTls(TlsConfig tls) {
        return new ServerConfig(cleartextPort, host, poolSize, queueCapacity, root, uploads, maxBody, keepAlive,
                maxRequests, headTimeout, writeTimeout, maxConnections, allowedHosts, downloads, accessLog, Optional.of(tls),
                http2, compression, compressCache, precompressed, adminPort, adminHost, listing, responseHeaders,
                drainDelay, proxy);
    }

    /** This configuration with {@code listing} for directories without an index. */
    public ServerConfig withListing(Listing listing) {
        return new ServerConfig(cleartextPort, host, poolSize, queueCapacity, root, uploads, maxBody, keepAlive,
                maxRequests, headTimeout, writeTimeout, maxConnections, allowedHosts, downloads, accessLog, tls,
                http2, compression, compressCache, precompressed, adminPort, adminHost, listing, responseHeaders,
                drainDelay, proxy);
    }

    /** This configuration with {@code responseHeaders} for the main listeners' responses. */
    public ServerConfig withResponseHeaders(ResponseHeaders responseHeaders) {
        return new ServerConfig(cleartextPort, host, poolSize, queueCapacity, root, uploads, maxBody, keepAlive,
                maxRequests, headTimeout, writeTimeout, maxConnections, allowedHosts, downloads, accessLog, tls,
                http2, compression, compressCache, precompressed, adminPort, adminHost, listing, responseHeaders,
                drainDelay, proxy);
    }

    /** This configuration with {@code drainDelay} between {@code /health} turning 503 and the stop. */
    public ServerConfig withDrainDelay(Duration drainDelay) {
        return new ServerConfig(cleartextPort, host, poolSize, queueCapacity, root, uploads, maxBody, keepAlive,
                maxRequests, headTimeout, writeTimeout, maxConnections, allowedHosts, downloads, accessLog, tls,
                http2, compression, compressCache, precompressed, adminPort, adminHost, listing, responseHeaders,
                drainDelay, proxy);
    }

    /** This configuration with {@code proxy} for how it stands behind a proxy. */
    public ServerConfig withProxy(ProxySettings proxy) {
        return new ServerConfig(cleartextPort, host, poolSize, queueCapacity, root, uploads, maxBody, keepAlive,
                maxRequests, headTimeout, writeTimeout, maxConnections, allowedHosts, downloads, accessLog, tls,
                http2, compression, compressCache, precompressed, adminPort, adminHost, listing, responseHeaders,
                drainDelay, proxy);
    }

    public ServerConfig {
        Objects.requireNonNull(cleartextPort, "cleartextPort");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(uploads, "uploads");
        Objects.requireNonNull(downloads, "downloads");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(adminPort, "adminPort");
        Objects.requireNonNull(adminHost, "adminHost");
        Objects.requireNonNull(listing, "listing");
        Objects.requireNonNull(responseHeaders, "responseHeaders");
        Objects.requireNonNull(drainDelay, "drainDelay");
        if (drainDelay.isNegative() || drainDelay.compareTo(MAX_DRAIN_DELAY) > 0) {
            throw new IllegalArgumentException("drain-delay must be between 0 and " + MAX_DRAIN_DELAY.toSeconds()
                    + " seconds, not " + drainDelay);
        }
        Objects.requireNonNull(proxy, "proxy");
        allowedHosts = List.copyOf(allowedHosts);
        precompressed = Set.copyOf(precompressed);
        if (precompressed.contains(ContentCoding.IDENTITY)) {
            throw new IllegalArgumentException("identity is no precompressed variant");
        }
        cleartextPort.ifPresent(port -> requireRange("port", port, 0, 65_535));
        if (cleartextPort.isEmpty() && tls.isEmpty()) {
            throw new IllegalArgumentException("port off without TLS: nothing to serve");
        }
        if (cleartextPort.isEmpty() && tls.get().redirectHttp()) {
            throw new IllegalArgumentException("redirect-http needs the cleartext listener");
        }
        if (tls.isPresent() && cleartextPort.isPresent() && cleartextPort.getAsInt() != 0
                && cleartextPort.getAsInt() == tls.get().httpsPort()) {
            throw new IllegalArgumentException("https-port and port must differ, not both " + cleartextPort.getAsInt());
        }
        adminPort.ifPresent(port -> requireRange("admin-port", port, 0, 65_535));
        if (adminPort.isPresent() && adminPort.getAsInt() != 0) {
            int admin = adminPort.getAsInt();
            if (cleartextPort.isPresent() && cleartextPort.getAsInt() == admin
                    || tls.isPresent() && tls.get().httpsPort() == admin) {
                throw new IllegalArgumentException("admin-port must differ from the other listeners' ports, not " + admin);
            }
        }
        requireRange("pool", poolSize, 1, 10_000);
        requireRange("queue", queueCapacity, 1, 1_000_000);
        requireRange("max-requests", maxRequests, 1, Integer.MAX_VALUE);
        requireRange("max-connections", maxConnections, 1, 1_000_000);
        if (maxBody < 0) {
            throw new IllegalArgumentException("max-body must not be negative");
        }
        if (compressCache < 0) {
            throw new IllegalArgumentException("compress-cache must not be negative");
        }
        requirePositive("keep-alive-timeout", keepAlive);
        requirePositive("head-timeout", headTimeout);
        requirePositive("write-timeout", writeTimeout);
    }

    /**
     * The cleartext listener's port.
     *
     * @throws IllegalStateException with {@code --port off}: check {@link #cleartextPort()} first
     */
    public int port() {
        return cleartextPort.orElseThrow(() -> new IllegalStateException("--port off: there is no cleartext listener"));
    }

    /** Whether there is a cleartext listener (not {@code --port off}). */
    public boolean cleartext() {
        return cleartextPort.isPresent();
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
