package app;

import app.CommandLine.UsageException;
import app.handler.Router;
import app.metrics.ServerMetrics;
import app.server.HttpServer;
import app.tls.TlsEndpoint;
import app.tls.TlsPolicy;
import app.tls.TlsSetupException;
import app.transport.TlsSockets;
import fs.DocumentRoot;
import fs.UploadStore;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.FileSystemException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command-line entry point: {@code http-server [PORT [HOST [POOL]]] [options]}. Mistakes
 * are one line on standard error and an exit code: 2 for a bad argument, 1 when the server
 * cannot start (port in use, missing root).
 */
public final class Main {

    static final int EXIT_OK = 0;
    static final int EXIT_CANNOT_START = 1;
    static final int EXIT_USAGE = 2;

    private Main() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code >= 0) {
            System.exit(code);
        }
    }

    /** Runs the command; a negative result means the server is running and owns the process. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine.Command command;
        try {
            command = CommandLine.parse(args);
        } catch (UsageException e) {
            err.println("http-server: " + e.getMessage());
            return EXIT_USAGE;
        }
        return switch (command) {
            case CommandLine.Help help -> {
                out.print(CommandLine.USAGE);
                yield EXIT_OK;
            }
            case CommandLine.ShowVersion version -> {
                out.println("http-server " + ServerInfo.VERSION);
                yield EXIT_OK;
            }
            case CommandLine.Run run -> serve(run, err);
        };
    }

    private static int serve(CommandLine.Run run, PrintStream err) {
        // Before anything touches TLS: JSSE reads this once, when its handshake classes load.
        TlsPolicy.rejectRenegotiation();
        Logging.configure(run.logLevel());
        Logger log = LoggerFactory.getLogger(Main.class);
        ServerConfig config = run.config();
        Optional<TlsEndpoint> tls = Optional.empty();
        HttpServer server;
        try {
            var root = DocumentRoot.open(config.root());
            var uploads = UploadStore.open(config.uploadFolder());
            var metrics = new ServerMetrics();
            if (config.tls().isPresent()) {
                tls = Optional.of(TlsEndpoint.open(config.tls().get(),
                        TlsPolicy.applicationProtocols(config.http2()), System.getenv()));
            }
            server = HttpServer.start(config, new Router(config, root, uploads, metrics.uploads()),
                    tls.map(TlsSockets.class::cast), metrics);
        } catch (TlsSetupException e) {
            err.println("http-server: " + e.getMessage());
            return EXIT_CANNOT_START;
        } catch (UnknownHostException e) {
            tls.ifPresent(TlsEndpoint::close);
            err.println("http-server: --host: unknown host '" + config.host() + "'");
            return EXIT_USAGE;
        } catch (BindException e) {
            tls.ifPresent(TlsEndpoint::close);
            err.println("http-server: cannot listen on " + e.getMessage());
            return EXIT_CANNOT_START;
        } catch (FileSystemException e) {
            tls.ifPresent(TlsEndpoint::close);
            // The file system's own words name the path and what is wrong with it.
            err.println("http-server: " + e.getMessage().lines().findFirst().orElse(e.toString()));
            return EXIT_CANNOT_START;
        } catch (IOException e) {
            tls.ifPresent(TlsEndpoint::close);
            err.println("http-server: cannot start: " + e.getMessage());
            return EXIT_CANNOT_START;
        }
        server.plainAddress().ifPresent(address -> log.info("http-server {} listening on http://{}/",
                ServerInfo.VERSION, authority(address)));
        server.secureAddress().ifPresent(address -> log.info("http-server {} listening on https://{}/",
                ServerInfo.VERSION, authority(address)));
        server.adminAddress().ifPresent(address -> log.info("Admin: http://{}/health /ready /metrics /pool",
                authority(address)));
        config.tls().ifPresent(settings -> log.info("HTTPS: cleartext {}; HSTS {}",
                !config.cleartext() ? "off" : settings.redirectHttp() ? "redirects to HTTPS (308)" : "served as well",
                settings.hstsHeaderValue().orElse("off")));
        tls.ifPresent(endpoint -> {
            endpoint.description().forEach(line -> log.info("TLS: {}", line));
            endpoint.warnings().forEach(line -> log.warn("TLS: {}", line));
        });
        log.info("Pool: {} workers, queue {}; max {} connections, keep-alive {} s, max {} requests each",
                config.poolSize(), config.queueCapacity(), config.maxConnections(), config.keepAlive().toSeconds(),
                config.maxRequests());
        log.info("Compression: {}", config.compression() == ServerConfig.Compression.OFF ? "off"
                : "gzip, cache " + config.compressCache() + " bytes");
        log.info("Root: {}; uploads: {}; downloads as attachments: {}", config.root().toAbsolutePath().normalize(),
                config.uploadFolder().toAbsolutePath().normalize(),
                config.downloads().extensions().isEmpty() ? "none" : String.join(",", config.downloads().extensions()));

        var stopped = new CountDownLatch(1);
        Optional<TlsEndpoint> watched = tls;
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("http-shutdown").unstarted(() -> {
            server.close();
            watched.ifPresent(TlsEndpoint::close);
            stopped.countDown();
            // A stop asked for by SIGTERM or Ctrl+C is a normal end: exit 0, not 128 + signal.
            Runtime.getRuntime().halt(EXIT_OK);
        }));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    private static String authority(InetSocketAddress address) {
        return hostForUrl(address.getAddress().getHostAddress()) + ":" + address.getPort();
    }

    private static String hostForUrl(String address) {
        return address.indexOf(':') >= 0 ? "[" + address + "]" : address;
    }
}
