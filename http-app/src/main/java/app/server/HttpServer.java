package app.server;

import app.ServerConfig;
import app.handler.ErrorPages;
import app.handler.Handler;
import app.log.AccessLog;
import app.log.PoolMonitor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pool.CloseReport;
import pool.WorkerPool;
import protocol.Limits;

/**
 * The server: one acceptor thread, a virtual thread per connection, and the worker pool that
 * runs handlers. {@link #close()} stops it gracefully.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    /** Pending connections the kernel may hold (the seed had 50). */
    private static final int BACKLOG = 1024;
    private static final Duration GRACE = Duration.ofSeconds(10);
    /** How often the watchdog looks for overdue connections: how late an idle one may close. */
    private static final long WATCHDOG_SWEEP_MILLIS = 100;

    private final ServerContext context;
    private final ServerSocketChannel listener;
    private final InetSocketAddress address;
    private final Semaphore connectionPermits;
    private final Thread acceptor;
    private final ThreadFactory connectionThreads = Thread.ofVirtual().name("http-connection-", 1).factory();
    private volatile boolean closed;

    private HttpServer(ServerConfig config, Handler handler, ServerSocketChannel listener) throws IOException {
        this.listener = listener;
        this.address = (InetSocketAddress) listener.getLocalAddress();
        this.connectionPermits = new Semaphore(config.maxConnections());
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
        InetAddress bound = address.getAddress();
        this.context = new ServerContext(config, Limits.DEFAULTS.withMaxBodyBytes(config.maxBody()), handler, pool,
                HostPolicy.of(config.host(), bound, address.getPort(), config.allowedHosts()),
                new ErrorPages(ServerInfo.SERVER), new Watchdog(WATCHDOG_SWEEP_MILLIS), new AccessLog(config.accessLog()),
                new Lifecycle());
        this.acceptor = Thread.ofPlatform().name("http-acceptor").unstarted(this::acceptLoop);
    }

    /**
     * Binds and starts serving {@code handler}.
     *
     * @throws java.net.BindException when the address is in use or cannot be bound
     */
    public static HttpServer start(ServerConfig config, Handler handler) throws IOException {
        var listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(InetAddress.getByName(config.host()), config.port()), BACKLOG);
            var server = new HttpServer(config, handler, listener);
            server.acceptor.start();
            return server;
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    /** The address actually bound (the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return address;
    }

    /** Connections open now. */
    public int openConnections() {
        return context.lifecycle().openConnections();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                // Back-pressure: past the cap, leave new clients in the kernel's backlog.
                connectionPermits.acquire();
                SocketChannel channel;
                try {
                    channel = listener.accept();
                } catch (IOException | RuntimeException e) {
                    connectionPermits.release();
                    throw e;
                }
                startConnection(channel);
            } catch (ClosedChannelException e) {
                return;
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                // Typically EMFILE: too many open files. Log, breathe, go on.
                log.warn("Accept failed: {}", e.toString());
                pause();
            }
        }
    }

    private void startConnection(SocketChannel channel) {
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            var connection = new Connection(channel, context, connectionPermits::release);
            connectionThreads.newThread(connection).start();
        } catch (IOException | RuntimeException e) {
            log.debug("Could not start a connection: {}", e.toString());
            connectionPermits.release();
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing more to release.
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
        try {
            listener.close();
        } catch (IOException e) {
            log.debug("Closing the listener failed: {}", e.toString());
        }
        acceptor.interrupt();
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
            pause();
        }
    }
}
