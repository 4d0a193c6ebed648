package app.server;

import app.ServerConfig;
import app.ServerInfo;
import app.admin.AdminRouter;
import app.handler.ErrorPages;
import app.handler.Handler;
import app.handler.Response;
import app.http1.Http1Connection;
import app.log.AccessLog;
import app.log.LineWriter;
import app.log.PoolMonitor;
import app.metrics.ServerMetrics;
import app.tls.TlsConfig;
import app.transport.Listener;
import app.transport.TlsSockets;
import app.transport.Watchdog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pool.CloseReport;
import pool.PoolStats;
import pool.WorkerPool;
import protocol.Headers;
import protocol.Status;
import protocol.http1.Limits;
import protocol.http2.Http2Limits;

/**
 * The server: its listeners (cleartext, HTTPS, or both), a virtual thread per connection, and
 * the worker pool that runs handlers; with {@code --admin-port}, the admin listener beside them.
 * {@link #close()} stops it gracefully.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    private static final Duration GRACE = Duration.ofSeconds(10);
    /** How often the watchdog looks for overdue connections: how late an idle one may close. */
    private static final long WATCHDOG_SWEEP_MILLIS = 100;
    /**
     * The admin listener's own workers and queue, apart from the main pool, so that a busy or
     * draining server still answers its health checks and scrapes never count as its traffic.
     */
    static final int ADMIN_WORKERS = 2;
    static final int ADMIN_QUEUE = 16;
    /** How long an admin request in progress may take once everything else has stopped. */
    private static final Duration ADMIN_GRACE = Duration.ofSeconds(1);

    private final ServerContext context;
    private final Optional<Listener> plain;
    private final Optional<Listener> secure;
    private final Optional<LineWriter> requestLines;
    private volatile Optional<Admin> admin = Optional.empty();
    private volatile boolean closed;

    /** The admin listener and what it runs on: its own context (pool, lifecycle, uncounted traffic). */
    private record Admin(Listener listener, ServerContext context) {}

    private HttpServer(ServerContext context, Optional<Listener> plain, Optional<Listener> secure,
            Optional<LineWriter> requestLines) {
        this.context = context;
        this.plain = plain;
        this.secure = secure;
        this.requestLines = requestLines;
    }

    /** Binds the cleartext listener of a configuration without TLS and starts serving {@code handler}. */
    public static HttpServer start(ServerConfig config, Handler handler) throws IOException {
        return start(config, handler, Optional.empty());
    }

    /**
     * Binds the configured listeners and starts serving {@code handler}: cleartext unless
     * {@code --port off}, HTTPS when the configuration has TLS, with {@code tls} layering it.
     *
     * @throws java.net.BindException when an address is in use or cannot be bound
     */
    public static HttpServer start(ServerConfig config, Handler handler, Optional<TlsSockets> tls) throws IOException {
        return start(config, handler, tls, new ServerMetrics());
    }

    /**
     * As {@link #start(ServerConfig, Handler, Optional)}, counting into {@code metrics}, which
     * the handler may count into as well (uploads).
     */
    public static HttpServer start(ServerConfig config, Handler handler, Optional<TlsSockets> tls,
            ServerMetrics metrics) throws IOException {
        return start(config, handler, tls, metrics, Watchdog.start(WATCHDOG_SWEEP_MILLIS));
    }

    /**
     * As {@link #start(ServerConfig, Handler, Optional)}, with every timeout kept by
     * {@code watchdog} (tests pass one they drive), which the server closes with itself.
     */
    public static HttpServer start(ServerConfig config, Handler handler, Optional<TlsSockets> tls, Watchdog watchdog)
            throws IOException {
        return start(config, handler, tls, new ServerMetrics(), watchdog, Http2Limits.DEFAULTS);
    }

    /**
     * As {@link #start(ServerConfig, Handler, Optional, Watchdog)}, with {@code http2} bounding every
     * HTTP/2 connection (tests pass smaller budgets).
     */
    public static HttpServer start(ServerConfig config, Handler handler, Optional<TlsSockets> tls, Watchdog watchdog,
            Http2Limits http2) throws IOException {
        return start(config, handler, tls, new ServerMetrics(), watchdog, http2);
    }

    /**
     * As {@link #start(ServerConfig, Handler, Optional, ServerMetrics)}, with every timeout kept
     * by {@code watchdog}, which the server closes with itself.
     */
    public static HttpServer start(ServerConfig config, Handler handler, Optional<TlsSockets> tls,
            ServerMetrics metrics, Watchdog watchdog) throws IOException {
        return start(config, handler, tls, metrics, watchdog, Http2Limits.DEFAULTS);
    }

    /**
     * The server of every other overload: counting into {@code metrics}, its timeouts kept by
     * {@code watchdog}, each HTTP/2 connection bounded by {@code http2}.
     */
    public static HttpServer start(ServerConfig config, Handler handler, Optional<TlsSockets> tls,
            ServerMetrics metrics, Watchdog watchdog, Http2Limits http2) throws IOException {
        if (config.tls().isPresent() != tls.isPresent()) {
            throw new IllegalArgumentException("TLS sockets are needed exactly when the configuration has TLS");
        }
        InetAddress host = InetAddress.getByName(config.host());
        var errors = new ErrorPages(ServerInfo.SERVER);
        var permits = new Semaphore(config.maxConnections());
        var timeouts = new Listener.Timeouts(config.headTimeout(), config.writeTimeout());
        List<Listener> bound = new ArrayList<>();
        Optional<LineWriter> requestLines = Optional.empty();
        try {
            Optional<Listener> plain = Optional.empty();
            if (config.cleartext()) {
                plain = Optional.of(Listener.bind("http", new InetSocketAddress(host, config.port()), Optional.empty(),
                        config.proxy().proxyProtocol(), permits, watchdog, timeouts,
                        Http1Connection.WAITING_BUFFER_SIZE,
                        metrics.connections().listener("http", false)));
                bound.add(plain.get());
            }
            Optional<Listener> secure = Optional.empty();
            if (config.tls().isPresent()) {
                secure = Optional.of(Listener.bind("https", new InetSocketAddress(host, config.tls().get().httpsPort()),
                        tls, config.proxy().proxyProtocol(), permits, watchdog, timeouts,
                        Http1Connection.WAITING_BUFFER_SIZE,
                        metrics.connections().listener("https", true)));
                bound.add(secure.get());
            }
            // The admin listener's traffic is counted apart, never in the figures it reports.
            var adminMetrics = new ServerMetrics();
            Optional<Listener> adminListener = Optional.empty();
            if (config.adminPort().isPresent()) {
                var at = new InetSocketAddress(InetAddress.getByName(config.adminHost()), config.adminPort().getAsInt());
                // The admin listener is for the operator, never behind the proxy: it takes no PROXY header.
                adminListener = Optional.of(Listener.bind("admin", at, Optional.empty(), false, permits, watchdog,
                        timeouts, Http1Connection.WAITING_BUFFER_SIZE, adminMetrics.connections().listener("admin", false)));
                bound.add(adminListener.get());
            }
            var lifecycle = new Lifecycle();
            requestLines = LineWriter.standardError();
            var context = new ServerContext(config, Limits.DEFAULTS.withMaxBodyBytes(config.maxBody()), http2, handler,
                    startPool(config, handler), errors, watchdog,
                    new AccessLog(AccessLog.REQUESTS, config.accessLog(), metrics.requests(), requestLines),
                    lifecycle, metrics, ResponsePolicy.of(config.responseHeaders()));
            var server = new HttpServer(context, plain, secure, requestLines);
            plain.ifPresent(listener -> listener.start(server.plainProtocols(listener)));
            secure.ifPresent(listener -> listener.start(server.secureProtocols(listener, config.tls().get())));
            lifecycle.startedListening();
            if (adminListener.isPresent()) {
                Optional<Supplier<Instant>> expiry = tls.map(sockets -> sockets::certificateExpiry);
                var router = new AdminRouter(lifecycle, config.uploadFolder(), metrics, context.pool(), expiry);
                var adminContext = new ServerContext(config, Limits.DEFAULTS.withMaxBodyBytes(0), Http2Limits.DEFAULTS, router,
                        startAdminPool(router), errors, watchdog,
                        new AccessLog(AccessLog.ADMIN_REQUESTS, false, adminMetrics.requests(), requestLines),
                        new Lifecycle(), adminMetrics, ResponsePolicy.NONE);
                var endpoint = Endpoint.plain(server.hosts(config.adminHost(), adminListener.get()), errors);
                adminListener.get().start(new AdminProtocols(adminContext, endpoint));
                server.admin = Optional.of(new Admin(adminListener.get(), adminContext));
            }
            return server;
        } catch (IOException | RuntimeException e) {
            bound.forEach(Listener::close);
            watchdog.close();
            requestLines.ifPresent(LineWriter::close);
            throw e;
        }
    }

    static WorkerPool<Exchange> startAdminPool(Handler router) {
        return WorkerPool.<Exchange>builder("admin", exchange -> exchange.run(router))
                .workers(ADMIN_WORKERS)
                .threadFactory(Thread.ofVirtual().name("admin-worker-", 1).factory())
                .queueCapacity(ADMIN_QUEUE)
                .describer(Exchange::describe)
                .start();
    }

    private static WorkerPool<Exchange> startPool(ServerConfig config, Handler handler) {
        var monitor = new PoolMonitor<Exchange>(Duration.ofSeconds(5));
        WorkerPool<Exchange> pool = WorkerPool.<Exchange>builder("http", exchange -> exchange.run(handler))
                .workers(config.poolSize())
                // Virtual workers: the hand-off from the connection's virtual thread then stays on
                // the carrier threads, with no platform thread to wake and park per request
                // (bench/run.sh: about a tenth less CPU per request in S1 and S4). The pool still
                // bounds how many handlers run at once.
                .threadFactory(Thread.ofVirtual().name("http-worker-", 1).factory())
                .queueCapacity(config.queueCapacity())
                .describer(Exchange::describe)
                .listener(monitor)
                .start();
        monitor.attach(pool);
        return pool;
    }

    private ServerProtocols plainProtocols(Listener listener) {
        HostPolicy hosts = hosts(listener);
        Optional<Integer> redirect = context.config().tls().filter(TlsConfig::redirectHttp)
                .map(tls -> secure.orElseThrow().address().getPort());
        var endpoint = new Endpoint("http", hosts, context.errors(), redirect, Optional.empty(), Headers.EMPTY);
        return new ServerProtocols(context, endpoint, endpoint);
    }

    private ServerProtocols secureProtocols(Listener listener, TlsConfig tls) {
        HostPolicy hosts = hosts(listener);
        // RFC 6797 §7.2: HSTS is sent over secure transport only.
        Headers fields = tls.hstsHeaderValue()
                .map(value -> Headers.of("Strict-Transport-Security", value))
                .orElse(Headers.EMPTY);
        var endpoint = new Endpoint("https", hosts, context.errors(), Optional.empty(), Optional.empty(), fields);
        Response refusal = context.errors().page(Status.BAD_REQUEST,
                "This port speaks HTTPS: the request was sent in cleartext. Use an https:// address.");
        var plaintext = new Endpoint("http", hosts, context.errors(), Optional.empty(), Optional.of(refusal),
                Headers.EMPTY);
        return new ServerProtocols(context, endpoint, plaintext);
    }

    private HostPolicy hosts(Listener listener) {
        return hosts(context.config().host(), listener);
    }

    private HostPolicy hosts(String configuredHost, Listener listener) {
        InetSocketAddress address = listener.address();
        return HostPolicy.of(configuredHost, address.getAddress(), address.getPort(), context.config().allowedHosts());
    }

    /** The address of the cleartext listener, else of the HTTPS one (the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return plain.or(() -> secure).orElseThrow().address();
    }

    /** The address of the cleartext listener, when there is one. */
    public Optional<InetSocketAddress> plainAddress() {
        return plain.map(Listener::address);
    }

    /** The address of the HTTPS listener, when there is one. */
    public Optional<InetSocketAddress> secureAddress() {
        return secure.map(Listener::address);
    }

    /** The worker pool's counters now: how many handlers run, wait, and have run. */
    public PoolStats poolStats() {
        return context.pool().stats();
    }

    /** The address of the admin listener, when there is one. */
    public Optional<InetSocketAddress> adminAddress() {
        return admin.map(running -> running.listener().address());
    }

    /** Connections open now, including those still setting up their transport. */
    public int openConnections() {
        return context.lifecycle().openConnections() + plain.map(Listener::openingConnections).orElse(0)
                + secure.map(Listener::openingConnections).orElse(0);
    }

    /**
     * Stops gracefully: {@code /health} answers 503 at once and the server serves on for the
     * configured drain delay, then no new connections, idle ones closed, requests in hand finished
     * within the grace period, then whatever remains is cut off.
     */
    @Override
    public void close() {
        close(DrainPause.SLEEP);
    }

    /** As {@link #close()}, waiting out the drain delay with {@code pause}. */
    public void close(DrainPause pause) {
        if (closed) {
            return;
        }
        closed = true;
        // From here on /health says "draining", while the listeners still accept and requests finish.
        context.lifecycle().drain();
        Duration delay = context.config().drainDelay();
        if (delay.isPositive()) {
            // A load balancer that checks /health stops sending new requests within its check
            // interval; until then everything it sends is still served as usual.
            log.info("Draining: /health answers 503; serving on for {} s before stopping", delay.toSeconds());
            try {
                pause.await(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long deadline = System.nanoTime() + GRACE.toNanos();
        log.info("Shutting down: {} open connections", openConnections());
        plain.ifPresent(Listener::close);
        secure.ifPresent(Listener::close);
        context.lifecycle().stop();
        CloseReport report = context.pool().close(GRACE);
        if (!report.graceful()) {
            log.warn("Shutdown grace of {} s ran out: {} requests interrupted, {} never started",
                    GRACE.toSeconds(), report.interrupted().size(), report.abandoned());
        }
        awaitConnections(deadline);
        context.lifecycle().abandonRemaining();
        admin.ifPresent(HttpServer::closeAdmin);
        context.watchdog().close();
        // Every request line logged so far reaches the output before the server says it stopped.
        requestLines.ifPresent(LineWriter::close);
        log.info("Stopped");
    }

    /** The admin listener closes last: it answered "draining" for as long as the rest took to stop. */
    private static void closeAdmin(Admin admin) {
        admin.listener().close();
        ServerContext context = admin.context();
        context.lifecycle().stop();
        context.pool().close(ADMIN_GRACE);
        context.lifecycle().abandonRemaining();
    }

    // Responses being written after their handler finished get a moment to complete.
    private void awaitConnections(long deadline) {
        while (openConnections() > 0 && System.nanoTime() < deadline) {
            context.lifecycle().stop();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
