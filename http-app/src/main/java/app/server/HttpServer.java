package app.server;

import app.ServerConfig;
import app.ServerInfo;
import app.handler.ErrorPages;
import app.handler.Handler;
import app.handler.Response;
import app.http1.Http1Connection;
import app.log.AccessLog;
import app.log.PoolMonitor;
import app.transport.Listener;
import app.transport.TlsSockets;
import app.transport.Watchdog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pool.CloseReport;
import pool.WorkerPool;
import protocol.Headers;
import protocol.Status;
import protocol.http1.Limits;

/**
 * The server: its listeners (cleartext, HTTPS, or both), a virtual thread per connection, and
 * the worker pool that runs handlers. {@link #close()} stops it gracefully.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    private static final Duration GRACE = Duration.ofSeconds(10);
    /** How often the watchdog looks for overdue connections: how late an idle one may close. */
    private static final long WATCHDOG_SWEEP_MILLIS = 100;

    /**
     * The HTTPS side of a server.
     *
     * @param sockets       layers TLS on accepted sockets
     * @param port          the HTTPS port; 0 picks a free one
     * @param redirectHttp  whether the cleartext listener answers only with 308 to HTTPS
     * @param hsts          the {@code max-age} of {@code Strict-Transport-Security}, when sent
     */
    public record Tls(TlsSockets sockets, int port, boolean redirectHttp, Optional<Duration> hsts) {}

    private final ServerContext context;
    private final Optional<Listener> plain;
    private final Optional<Listener> secure;
    private volatile boolean closed;

    private HttpServer(ServerContext context, Optional<Listener> plain, Optional<Listener> secure) {
        this.context = context;
        this.plain = plain;
        this.secure = secure;
    }

    /** Binds the cleartext listener on the configured port and starts serving {@code handler}. */
    public static HttpServer start(ServerConfig config, Handler handler) throws IOException {
        return start(config, handler, true, Optional.empty());
    }

    /**
     * Binds the listeners and starts serving {@code handler}: cleartext on the configured port
     * when {@code cleartext}, HTTPS when {@code tls} is present.
     *
     * @throws java.net.BindException when an address is in use or cannot be bound
     */
    public static HttpServer start(ServerConfig config, Handler handler, boolean cleartext, Optional<Tls> tls)
            throws IOException {
        return start(config, handler, cleartext, tls, Watchdog.start(WATCHDOG_SWEEP_MILLIS));
    }

    /**
     * As {@link #start(ServerConfig, Handler, boolean, Optional)}, with every timeout kept by
     * {@code watchdog} (tests pass one they drive), which the server closes with itself.
     */
    public static HttpServer start(ServerConfig config, Handler handler, boolean cleartext, Optional<Tls> tls,
            Watchdog watchdog) throws IOException {
        if (!cleartext && tls.isEmpty()) {
            throw new IllegalArgumentException("no listener to start");
        }
        InetAddress host = InetAddress.getByName(config.host());
        var errors = new ErrorPages(ServerInfo.SERVER);
        var permits = new Semaphore(config.maxConnections());
        var timeouts = new Listener.Timeouts(config.headTimeout(), config.writeTimeout());
        List<Listener> bound = new ArrayList<>();
        try {
            Optional<Listener> plain = Optional.empty();
            if (cleartext) {
                plain = Optional.of(Listener.bind("http", new InetSocketAddress(host, config.port()), Optional.empty(),
                        permits, watchdog, timeouts, Http1Connection.WAITING_BUFFER_SIZE));
                bound.add(plain.get());
            }
            Optional<Listener> secure = Optional.empty();
            if (tls.isPresent()) {
                secure = Optional.of(Listener.bind("https", new InetSocketAddress(host, tls.get().port()),
                        Optional.of(tls.get().sockets()), permits, watchdog, timeouts,
                        Http1Connection.WAITING_BUFFER_SIZE));
                bound.add(secure.get());
            }
            var context = new ServerContext(config, Limits.DEFAULTS.withMaxBodyBytes(config.maxBody()), handler,
                    startPool(config, handler), errors, watchdog, new AccessLog(config.accessLog()), new Lifecycle());
            var server = new HttpServer(context, plain, secure);
            plain.ifPresent(listener -> listener.start(server.plainProtocols(listener, tls)));
            secure.ifPresent(listener -> listener.start(server.secureProtocols(listener, tls.get())));
            return server;
        } catch (IOException | RuntimeException e) {
            bound.forEach(Listener::close);
            watchdog.close();
            throw e;
        }
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

    private ServerProtocols plainProtocols(Listener listener, Optional<Tls> tls) {
        HostPolicy hosts = hosts(listener);
        Optional<Integer> redirect = tls.filter(Tls::redirectHttp)
                .map(secureSide -> secure.orElseThrow().address().getPort());
        var endpoint = new Endpoint("http", hosts, context.errors(), redirect, Optional.empty(), Headers.EMPTY);
        return new ServerProtocols(context, endpoint, endpoint);
    }

    private ServerProtocols secureProtocols(Listener listener, Tls tls) {
        HostPolicy hosts = hosts(listener);
        // RFC 6797 §7.2: HSTS is sent over secure transport only.
        Headers fields = tls.hsts()
                .map(maxAge -> Headers.of("Strict-Transport-Security", "max-age=" + maxAge.toSeconds()))
                .orElse(Headers.EMPTY);
        var endpoint = new Endpoint("https", hosts, context.errors(), Optional.empty(), Optional.empty(), fields);
        Response refusal = context.errors().page(Status.BAD_REQUEST,
                "This port speaks HTTPS: the request was sent in cleartext. Use an https:// address.");
        var plaintext = new Endpoint("http", hosts, context.errors(), Optional.empty(), Optional.of(refusal),
                Headers.EMPTY);
        return new ServerProtocols(context, endpoint, plaintext);
    }

    private HostPolicy hosts(Listener listener) {
        var config = context.config();
        InetSocketAddress address = listener.address();
        return HostPolicy.of(config.host(), address.getAddress(), address.getPort(), config.allowedHosts());
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

    /** Connections open now, including those still setting up their transport. */
    public int openConnections() {
        return context.lifecycle().openConnections() + plain.map(Listener::openingConnections).orElse(0)
                + secure.map(Listener::openingConnections).orElse(0);
    }

    /**
     * Stops gracefully: no new connections, idle ones closed, requests in hand finished within
     * the grace period, then whatever remains is cut off.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
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
        context.watchdog().close();
        log.info("Stopped");
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
