package app;

import app.handler.Handler;
import app.handler.Router;
import app.metrics.ServerMetrics;
import app.server.HttpServer;
import app.tls.CertificateWatcher;
import app.tls.TestCertificates;
import app.tls.TestEndpoints;
import app.tls.TlsConfig;
import app.tls.TlsEndpoint;
import app.tls.TlsPolicy;
import app.tls.TlsSetupException;
import app.transport.Watchdog;
import fs.DocumentRoot;
import fs.UploadStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import protocol.http2.Http2Limits;

/** A real server on an ephemeral loopback port, over a document root in a temporary folder. */
final class TestServer implements AutoCloseable {

    final HttpServer server;
    final ServerConfig config;
    final Path root;
    final Optional<TlsEndpoint> tls;

    private TestServer(HttpServer server, ServerConfig config, Path root) {
        this(server, config, root, null);
    }

    private TestServer(HttpServer server, ServerConfig config, Path root, TlsEndpoint tls) {
        this.server = server;
        this.config = config;
        this.root = root;
        this.tls = Optional.ofNullable(tls);
    }

    /** Starts the real router over {@code root} with extra command-line {@code args}. */
    static TestServer start(Path root, String... args) throws IOException {
        return start(root, TestServer::router, args);
    }

    /** Starts {@code handler} with extra command-line {@code args}. */
    static TestServer start(Path root, Function<ServerConfig, Handler> handler, String... args) throws IOException {
        ServerConfig config = config(root, args);
        return new TestServer(HttpServer.start(config, handler.apply(config)), config, root);
    }

    /** As {@link #start(Path, String...)}, with the uploads counted into the metrics /metrics reports. */
    static TestServer startCounted(Path root, String... args) throws IOException {
        ServerConfig config = config(root, args);
        var metrics = new ServerMetrics();
        return new TestServer(HttpServer.start(config, router(config, metrics), Optional.empty(), metrics), config,
                root);
    }

    /**
     * Starts the real router over {@code root} with both listeners: cleartext and HTTPS on free
     * ports, with a certificate for 127.0.0.1 from the test CA, plus extra {@code args}.
     */
    static TestServer startTls(Path root, String... args) throws IOException {
        return startTls(root, (BiFunction<ServerConfig, ServerMetrics, Handler>) TestServer::router, args);
    }

    /** As {@link #startTls(Path, String...)}, with {@code handler} instead of the real router. */
    static TestServer startTls(Path root, Function<ServerConfig, Handler> handler, String... args) throws IOException {
        return startTls(root, (config, metrics) -> handler.apply(config), args);
    }

    /** As {@link #startTls(Path, String...)}, with the handler made for the configuration and the server's metrics. */
    private static TestServer startTls(Path root, BiFunction<ServerConfig, ServerMetrics, Handler> handler,
            String... args) throws IOException {
        var all = new ArrayList<>(tlsArguments());
        all.addAll(List.of(args));
        ServerConfig config = config(root, all.toArray(String[]::new));
        try {
            var tls = TlsEndpoint.open(config.tls().orElseThrow(),
                    TlsPolicy.applicationProtocols(config.http2()), Map.of());
            var metrics = new ServerMetrics();
            return new TestServer(HttpServer.start(config, handler.apply(config, metrics), Optional.of(tls), metrics),
                    config, root, tls);
        } catch (TlsSetupException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * As {@link #startTls(Path, String...)}, but with the key files and listener the caller
     * chooses: {@code args} must name the certificate (e.g. {@code --tls-cert}/{@code --tls-key}),
     * {@code adjust} changes what no flag sets (the reload interval), and {@code listener} hears
     * what the certificate watcher concludes.
     */
    static TestServer startTls(Path root, UnaryOperator<TlsConfig> adjust, CertificateWatcher.Listener listener,
            String... args) throws IOException {
        ServerConfig parsed = config(root, args);
        TlsConfig settings = adjust.apply(parsed.tls().orElseThrow());
        ServerConfig config = parsed.withTls(settings);
        try {
            var tls = TestEndpoints.open(settings, TlsPolicy.applicationProtocols(config.http2()), listener);
            try {
                return new TestServer(HttpServer.start(config, router(config), Optional.of(tls)), config, root, tls);
            } catch (IOException | RuntimeException e) {
                tls.close();
                throw e;
            }
        } catch (TlsSetupException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** {@code --https-port 0} and the test certificate's files, for a command line. */
    static List<String> tlsArguments() {
        var server = TestCertificates.server(TestCertificates.Algorithm.EC_P256);
        Path dir = TestCertificates.directory("server");
        return List.of("--https-port", "0",
                "--tls-cert", TestCertificates.writeChain(server, dir.resolve("chain.pem")).toString(),
                "--tls-key", TestCertificates.writePkcs8(server, dir.resolve("key.pem")).toString());
    }

    /** Starts the real router over {@code root}, its timeouts kept by {@code watchdog}, which the test drives. */
    static TestServer start(Path root, Watchdog watchdog, String... args) throws IOException {
        return start(root, watchdog, Http2Limits.DEFAULTS, args);
    }

    /**
     * Starts the real router over {@code root}, its timeouts and flood budgets kept by
     * {@code watchdog}'s clock, which the test drives, and HTTP/2 bounded by {@code http2}.
     */
    static TestServer start(Path root, Watchdog watchdog, Http2Limits http2, String... args) throws IOException {
        return start(root, TestServer::router, watchdog, http2, args);
    }

    /** As {@link #start(Path, Watchdog, Http2Limits, String...)}, serving {@code handler}. */
    static TestServer start(Path root, Function<ServerConfig, Handler> handler, Watchdog watchdog, Http2Limits http2,
            String... args) throws IOException {
        ServerConfig config = config(root, args);
        var server = HttpServer.start(config, handler.apply(config), Optional.empty(), watchdog, http2);
        return new TestServer(server, config, root);
    }

    private static Handler router(ServerConfig config) {
        return router(config, new ServerMetrics());
    }

    private static Handler router(ServerConfig config, ServerMetrics metrics) {
        try {
            return new Router(config, DocumentRoot.open(config.root()), UploadStore.open(config.uploadFolder()),
                    metrics.uploads());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ServerConfig config(Path root, String... args) {
        var all = new ArrayList<>(List.of("--port", "0", "--host", "127.0.0.1", "--root", root.toString()));
        all.addAll(List.of(args));
        try {
            return ((CommandLine.Run) CommandLine.parse(all.toArray(String[]::new))).config();
        } catch (CommandLine.UsageException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** A small site: index.html, about.html, a text file, a PNG-named file, a folder with an index. */
    static Path site(Path dir) throws IOException {
        Files.writeString(dir.resolve("index.html"), "<!DOCTYPE html><title>Home</title><h1>Home</h1>\n");
        Files.writeString(dir.resolve("about.html"), "<!DOCTYPE html><title>About</title><h1>About</h1>\n");
        Files.writeString(dir.resolve("sample.txt"), "Sample text file.\n");
        Files.write(dir.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0});
        Files.writeString(dir.resolve("style.css"), "body { margin: 0 }\n");
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/index.html"), "<!DOCTYPE html><title>Docs</title>\n");
        Files.createDirectories(dir.resolve("uploads"));
        return dir;
    }

    /** Writes {@code size} random bytes (from {@code seed}) to {@code name} in {@code dir}; returns them. */
    static byte[] randomFile(Path dir, String name, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Files.write(dir.resolve(name), bytes);
        return bytes;
    }

    int port() {
        return server.address().getPort();
    }

    String base() {
        return "http://127.0.0.1:" + port();
    }

    String host() {
        return "127.0.0.1:" + port();
    }

    RawClient client() throws IOException {
        return new RawClient(port());
    }

    /** The admin listener's port. */
    int adminPort() {
        return server.adminAddress().orElseThrow().getPort();
    }

    /** The HTTPS port. */
    int securePort() {
        return server.secureAddress().orElseThrow().getPort();
    }

    /** {@code https://127.0.0.1:PORT}. */
    String secureBase() {
        return "https://127.0.0.1:" + securePort();
    }

    /** The Host value of the HTTPS listener. */
    String secureHost() {
        return "127.0.0.1:" + securePort();
    }

    /** A TLS client of the HTTPS listener that trusts the test CA. */
    RawClient tlsClient(String... alpn) throws IOException {
        return RawClient.tls(securePort(), alpn);
    }

    @Override
    public void close() {
        server.close();
        tls.ifPresent(TlsEndpoint::close);
    }
}
