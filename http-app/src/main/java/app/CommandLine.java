package app;

import app.tls.KeySource;
import app.tls.TlsConfig;
import fs.DownloadPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import protocol.ContentCoding;
import protocol.Headers;
import protocol.proxy.Cidr;
import protocol.proxy.TrustedProxies;

/**
 * Parses the command line: the seed's positional form {@code [PORT [HOST [POOL]]]} and the flags.
 * A bad argument becomes a {@link UsageException} whose message names it; nothing here exits.
 */
final class CommandLine {

    /** What the command line asks for. */
    sealed interface Command permits Run, Help, ShowVersion {}

    /** Start the server. */
    record Run(ServerConfig config, Optional<String> logLevel) implements Command {}

    /** Print the usage text. */
    record Help() implements Command {}

    /** Print the version. */
    record ShowVersion() implements Command {}

    /** A bad argument; the message is one line meant for a person. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    static final String USAGE = """
            Usage: http-server [PORT [HOST [POOL]]] [options]

              --port N                 TCP port (default 8080; 0 picks a free one; off: HTTPS only)
              --host ADDR              address to bind (default 127.0.0.1; 0.0.0.0 or :: for all)
              --pool N                 worker threads (default 10)
              --queue N                requests waiting for a worker before 503 (default 100)
              --root DIR               document root (default ./resources)
              --uploads DIR            upload folder (default ROOT/uploads; created if missing)
              --max-body BYTES         request body limit, suffix K or M allowed (default 1M)
              --keep-alive-timeout S   idle seconds between requests (default 30)
              --max-requests N         responses per connection (default 100)
              --head-timeout S         seconds for a request head from its first byte (default 10)
              --write-timeout S        seconds a response write may stall (default 30)
              --max-connections N      open connections before accepting pauses (default 10000)
              --allow-host NAME        extra accepted Host name, repeatable; '*' accepts any
              --downloads EXT,...      extensions sent as attachments (default txt,png,jpg,jpeg; '' = none)
              --access-log             Combined Log Format lines on logger http.access
              --precompressed LIST     precompressed siblings served: br, zstd, gz (default br,zstd,gz; '' = none)
              --http2 on|off           HTTP/2: ALPN h2 over TLS, prior knowledge on cleartext (default on)
              --compress gzip|off      gzip compressible files for clients that accept it (default gzip)
              --compress-cache BYTES   gzip bodies kept in memory, suffix K, M or G allowed (default 32M)
              --tls-cert FILE          PEM certificate chain, leaf first (with --tls-key: HTTPS)
              --tls-key FILE           PEM private key: PKCS#8, PKCS#1 or SEC1, unencrypted
              --tls-keystore FILE      PKCS#12 keystore with one key entry (instead of the PEM files)
              --tls-keystore-password-file FILE
                                       the keystore's password (default: $HTTP_SERVER_KEYSTORE_PASSWORD)
              --https-port N           HTTPS port (default 8443; 0 picks a free one)
              --redirect-http          cleartext requests get 308 to HTTPS
              --hsts S                 Strict-Transport-Security max-age on HTTPS (0 to 63072000; default none)
              --admin-port N           admin listener: /health /ready /metrics /pool (default none; 0 picks a free one)
              --admin-host ADDR        address the admin listener binds (default 127.0.0.1)
              --list-directories       a folder without index.html answers a listing, HTML or JSON (default off)
              --list-limit N           entries a listing shows at most, 1 to 1000000 (default 10000)
              --security-headers       CSP default-src 'self' on HTML, X-Frame-Options, Referrer-Policy, COOP
              --cache-control PRESET   off, static (HTML no-cache, files max-age=3600) or immutable (default off)
              --header 'NAME: VALUE'   a fixed field on every response, repeatable (at most 32)
              --cors ORIGIN,...|'*'    origins (scheme://host[:port]) whose scripts may read answers (default none)
              --drain-delay S          on SIGTERM, serve on for S s after the admin /health turns 503 (0 to 3600; default 0)
              --proxy-protocol         main listeners expect a PROXY protocol v1/v2 header first (default off)
              --trusted-proxy CIDR     believe Forwarded/X-Forwarded-* from these peers, repeatable (default none)
              --log-level LEVEL        trace, debug, info, warn or error (default info)
              --help                   this text
              --version                the version
            """;

    private static final Set<String> LOG_LEVELS = Set.of("trace", "debug", "info", "warn", "error", "off");

    private CommandLine() {}

    static Command parse(String... args) throws UsageException {
        var defaults = ServerConfig.DEFAULTS;
        int port = defaults.port();
        String host = defaults.host();
        int pool = defaults.poolSize();
        int queue = defaults.queueCapacity();
        Path root = defaults.root();
        Optional<Path> uploads = defaults.uploads();
        long maxBody = defaults.maxBody();
        Duration keepAlive = defaults.keepAlive();
        int maxRequests = defaults.maxRequests();
        Duration headTimeout = defaults.headTimeout();
        Duration writeTimeout = defaults.writeTimeout();
        int maxConnections = defaults.maxConnections();
        List<String> allowedHosts = new ArrayList<>();
        DownloadPolicy downloads = defaults.downloads();
        boolean accessLog = defaults.accessLog();
        boolean http2 = defaults.http2();
        ServerConfig.Compression compression = defaults.compression();
        long compressCache = defaults.compressCache();
        Set<ContentCoding> precompressed = defaults.precompressed();
        Optional<String> logLevel = Optional.empty();
        boolean cleartext = true;
        Optional<Path> tlsCert = Optional.empty();
        Optional<Path> tlsKey = Optional.empty();
        Optional<Path> keystore = Optional.empty();
        Optional<Path> passwordFile = Optional.empty();
        OptionalInt httpsPort = OptionalInt.empty();
        boolean redirectHttp = false;
        Optional<Duration> hsts = Optional.empty();
        OptionalInt adminPort = defaults.adminPort();
        Optional<String> adminHost = Optional.empty();
        boolean listDirectories = defaults.listing().enabled();
        OptionalInt listLimit = OptionalInt.empty();
        boolean securityHeaders = defaults.responseHeaders().security();
        ResponseHeaders.CachePreset cachePreset = defaults.responseHeaders().cache();
        Headers.Builder fixedFields = Headers.builder();
        Optional<ResponseHeaders.Cors> cors = defaults.responseHeaders().cors();
        Duration drainDelay = defaults.drainDelay();
        boolean proxyProtocol = defaults.proxy().proxyProtocol();
        List<Cidr> trustedProxies = new ArrayList<>();

        var in = new Arguments(args);
        int positional = 0;
        while (in.hasNext()) {
            String arg = in.next();
            if (!arg.startsWith("--")) {
                // The seed's form: PORT, then HOST, then POOL.
                switch (positional++) {
                    case 0 -> port = integer("PORT", arg, 0, 65_535);
                    case 1 -> host = host("HOST", arg);
                    case 2 -> pool = integer("POOL", arg, 1, 10_000);
                    default -> throw new UsageException("unexpected argument '" + arg + "' (try --help)");
                }
                continue;
            }
            String flag = in.flagName(arg);
            switch (flag) {
                case "--help" -> { in.noValue(flag); return new Help(); }
                case "--version" -> { in.noValue(flag); return new ShowVersion(); }
                case "--access-log" -> { in.noValue(flag); accessLog = true; }
                case "--http2" -> http2 = onOff(flag, in.value(flag));
                case "--compress" -> compression = compression(flag, in.value(flag));
                case "--compress-cache" -> compressCache = bytes(flag, in.value(flag));
                case "--port" -> {
                    String value = in.value(flag);
                    cleartext = !value.equals("off");
                    port = cleartext ? integer(flag, value, 0, 65_535) : port;
                }
                case "--host" -> host = host(flag, in.value(flag));
                case "--pool" -> pool = integer(flag, in.value(flag), 1, 10_000);
                case "--queue" -> queue = integer(flag, in.value(flag), 1, 1_000_000);
                case "--root" -> root = path(flag, in.value(flag));
                case "--uploads" -> uploads = Optional.of(path(flag, in.value(flag)));
                case "--max-body" -> maxBody = bytes(flag, in.value(flag));
                case "--keep-alive-timeout" -> keepAlive = seconds(flag, in.value(flag));
                case "--max-requests" -> maxRequests = integer(flag, in.value(flag), 1, Integer.MAX_VALUE);
                case "--head-timeout" -> headTimeout = seconds(flag, in.value(flag));
                case "--write-timeout" -> writeTimeout = seconds(flag, in.value(flag));
                case "--max-connections" -> maxConnections = integer(flag, in.value(flag), 1, 1_000_000);
                case "--allow-host" -> allowedHosts.add(allowedHost(flag, in.value(flag)));
                case "--downloads" -> downloads = downloads(flag, in.value(flag));
                case "--precompressed" -> precompressed = precompressed(flag, in.value(flag));
                case "--log-level" -> logLevel = Optional.of(logLevel(flag, in.value(flag)));
                case "--tls-cert" -> tlsCert = Optional.of(file(flag, in.value(flag)));
                case "--tls-key" -> tlsKey = Optional.of(file(flag, in.value(flag)));
                case "--tls-keystore" -> keystore = Optional.of(file(flag, in.value(flag)));
                case "--tls-keystore-password-file" -> passwordFile = Optional.of(file(flag, in.value(flag)));
                case "--https-port" -> httpsPort = OptionalInt.of(integer(flag, in.value(flag), 0, 65_535));
                case "--redirect-http" -> { in.noValue(flag); redirectHttp = true; }
                case "--admin-port" -> adminPort = OptionalInt.of(integer(flag, in.value(flag), 0, 65_535));
                case "--admin-host" -> adminHost = Optional.of(host(flag, in.value(flag)));
                case "--list-directories" -> { in.noValue(flag); listDirectories = true; }
                case "--list-limit" -> listLimit = OptionalInt.of(integer(flag, in.value(flag), 1, Listing.MAX_LIMIT));
                case "--hsts" -> hsts = Optional.of(Duration.ofSeconds(
                        integer(flag, in.value(flag), 0, (int) TlsConfig.MAX_HSTS_SECONDS)));
                case "--security-headers" -> { in.noValue(flag); securityHeaders = true; }
                case "--cache-control" -> cachePreset = cachePreset(flag, in.value(flag));
                case "--header" -> {
                    Headers.Field field = responseHeaders(() -> ResponseHeaders.parseField(in.value(flag)));
                    fixedFields.add(field.name(), field.value());
                }
                case "--cors" -> {
                    String origins = in.value(flag);
                    cors = Optional.of(responseHeaders(() -> ResponseHeaders.parseCors(origins)));
                }
                case "--drain-delay" -> drainDelay = Duration.ofSeconds(
                        integer(flag, in.value(flag), 0, (int) ServerConfig.MAX_DRAIN_DELAY.toSeconds()));
                case "--proxy-protocol" -> { in.noValue(flag); proxyProtocol = true; }
                case "--trusted-proxy" -> trustedProxies.add(cidr(flag, in.value(flag)));
                default -> throw new UsageException("unknown option '" + flag + "' (try --help)");
            }
        }
        Optional<KeySource> keys = keySource(tlsCert, tlsKey, keystore, passwordFile);
        if (keys.isEmpty()) {
            String needsCertificate = " needs a certificate (--tls-cert and --tls-key, or --tls-keystore)";
            if (httpsPort.isPresent()) {
                throw new UsageException("--https-port" + needsCertificate);
            }
            if (redirectHttp) {
                throw new UsageException("--redirect-http" + needsCertificate);
            }
            if (hsts.isPresent()) {
                throw new UsageException("--hsts" + needsCertificate);
            }
            if (!cleartext) {
                throw new UsageException("--port off" + needsCertificate + ": there would be nothing to serve");
            }
        }
        if (!cleartext && redirectHttp) {
            throw new UsageException("--redirect-http needs the cleartext listener, not --port off");
        }
        int https = httpsPort.orElse(TlsConfig.DEFAULT_HTTPS_PORT);
        if (keys.isPresent() && cleartext && port != 0 && port == https) {
            throw new UsageException("--https-port must differ from --port (both " + port + ")");
        }
        if (adminHost.isPresent() && adminPort.isEmpty()) {
            throw new UsageException("--admin-host needs --admin-port");
        }
        if (drainDelay.isPositive() && adminPort.isEmpty()) {
            // Only the admin listener's /health turns 503 while draining: without it, nothing would
            // tell a load balancer to stop sending, and the delay would only hold the shutdown back.
            throw new UsageException("--drain-delay needs --admin-port (its /health is what turns 503)");
        }
        if (adminPort.isPresent() && adminPort.getAsInt() != 0) {
            int admin = adminPort.getAsInt();
            if (cleartext && port == admin) {
                throw new UsageException("--admin-port must differ from --port (both " + admin + ")");
            }
            if (keys.isPresent() && https == admin) {
                throw new UsageException("--admin-port must differ from --https-port (both " + admin + ")");
            }
        }
        if (listLimit.isPresent() && !listDirectories) {
            throw new UsageException("--list-limit needs --list-directories");
        }
        var listing = new Listing(listDirectories, listLimit.orElse(Listing.DEFAULT_LIMIT));
        boolean security = securityHeaders;
        ResponseHeaders.CachePreset cache = cachePreset;
        Optional<ResponseHeaders.Cors> allowedOrigins = cors;
        ResponseHeaders responseHeaders = responseHeaders(() ->
                new ResponseHeaders(security, cache, fixedFields.build(), allowedOrigins));
        boolean redirect = redirectHttp;
        Optional<Duration> maxAge = hsts;
        Optional<TlsConfig> tls = keys.map(source ->
                new TlsConfig(source, https, redirect, maxAge, TlsConfig.DEFAULT_RELOAD_INTERVAL));
        return new Run(new ServerConfig(cleartext ? OptionalInt.of(port) : OptionalInt.empty(), host, pool, queue,
                root, uploads, maxBody, keepAlive, maxRequests, headTimeout, writeTimeout, maxConnections,
                allowedHosts, downloads, accessLog, tls, http2, compression, compressCache, precompressed, adminPort,
                adminHost.orElse(ServerConfig.DEFAULT_ADMIN_HOST), listing, responseHeaders, drainDelay,
                new ProxySettings(proxyProtocol, new TrustedProxies(trustedProxies))), logLevel);
    }

    private static ResponseHeaders.CachePreset cachePreset(String name, String text) throws UsageException {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "off" -> ResponseHeaders.CachePreset.OFF;
            case "static" -> ResponseHeaders.CachePreset.STATIC;
            case "immutable" -> ResponseHeaders.CachePreset.IMMUTABLE;
            default -> throw new UsageException(name + " must be off, static or immutable, not '" + text + "'");
        };
    }

    /** A value {@link ResponseHeaders} checks: its complaint, already naming the flag, is the usage error. */
    private static <T> T responseHeaders(Checked<T> value) throws UsageException {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + e.getMessage());
        }
    }

    /** A value that may be missing from the command line or refused by its check. */
    @FunctionalInterface
    private interface Checked<T> {
        T get() throws UsageException;
    }

    private static Cidr cidr(String name, String text) throws UsageException {
        try {
            return Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + ": " + e.getMessage());
        }
    }

    private static boolean onOff(String name, String text) throws UsageException {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new UsageException(name + " must be on or off, not '" + text + "'");
        };
    }

    private static ServerConfig.Compression compression(String name, String text) throws UsageException {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "gzip" -> ServerConfig.Compression.GZIP;
            case "off" -> ServerConfig.Compression.OFF;
            default -> throw new UsageException(name + " must be gzip or off, not '" + text + "'");
        };
    }

    /** PEM files or a keystore, never both; the password only goes with a keystore. */
    private static Optional<KeySource> keySource(Optional<Path> cert, Optional<Path> key, Optional<Path> keystore,
            Optional<Path> passwordFile) throws UsageException {
        if (cert.isPresent() && key.isEmpty()) {
            throw new UsageException("--tls-cert needs --tls-key");
        }
        if (key.isPresent() && cert.isEmpty()) {
            throw new UsageException("--tls-key needs --tls-cert");
        }
        if (cert.isPresent() && keystore.isPresent()) {
            throw new UsageException("--tls-keystore cannot go with --tls-cert and --tls-key; give one or the other");
        }
        if (passwordFile.isPresent() && keystore.isEmpty()) {
            throw new UsageException("--tls-keystore-password-file needs --tls-keystore");
        }
        if (cert.isPresent()) {
            return Optional.of(new KeySource.PemFiles(cert.get(), key.get()));
        }
        return keystore.map(store -> new KeySource.Pkcs12(store, passwordFile
                .<KeySource.PasswordSource>map(KeySource.PasswordSource.File::new)
                .orElse(new KeySource.PasswordSource.Environment(KeySource.PasswordSource.VARIABLE))));
    }

    private static int integer(String name, String text, int min, int max) throws UsageException {
        long value = digits(name, text);
        if (value < min || value > max) {
            throw new UsageException(name + " must be between " + min + " and " + max + ", not " + text);
        }
        return (int) value;
    }

    private static long digits(String name, String text) throws UsageException {
        if (text.isEmpty() || text.length() > 12 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new UsageException(name + " needs a whole number, not '" + text + "'");
        }
        return Long.parseLong(text);
    }

    private static long bytes(String name, String text) throws UsageException {
        String upper = text.toUpperCase(Locale.ROOT);
        int shift = upper.endsWith("K") ? 10 : upper.endsWith("M") ? 20 : upper.endsWith("G") ? 30 : 0;
        String number = shift == 0 ? text : text.substring(0, text.length() - 1);
        long value = digits(name, number);
        if (value > (Long.MAX_VALUE >> 1 >> shift)) {
            throw new UsageException(name + " is too large: " + text);
        }
        return value << shift;
    }

    private static Duration seconds(String name, String text) throws UsageException {
        long value = digits(name, text);
        if (value < 1 || value > 86_400) {
            throw new UsageException(name + " must be between 1 and 86400 seconds, not " + text);
        }
        return Duration.ofSeconds(value);
    }

    private static String host(String name, String text) throws UsageException {
        if (text.isBlank() || text.chars().anyMatch(c -> c <= ' ' || c == '/' || c >= 0x7f)) {
            throw new UsageException(name + " needs an address or host name, not '" + text + "'");
        }
        return text;
    }

    private static String allowedHost(String name, String text) throws UsageException {
        if (text.equals("*")) {
            return text;
        }
        return host(name, text).toLowerCase(Locale.ROOT);
    }

    private static Path path(String name, String text) throws UsageException {
        if (text.isEmpty() || text.indexOf('\0') >= 0) {
            throw new UsageException(name + " needs a folder path");
        }
        return Path.of(text);
    }

    private static Path file(String name, String text) throws UsageException {
        if (text.isEmpty() || text.indexOf('\0') >= 0) {
            throw new UsageException(name + " needs a file path");
        }
        return Path.of(text);
    }

    private static DownloadPolicy downloads(String name, String text) throws UsageException {
        try {
            return DownloadPolicy.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + ": " + e.getMessage());
        }
    }

    /** A list such as {@code br,gz}: each of br, zstd, gz at most once; blank for none. */
    private static Set<ContentCoding> precompressed(String name, String text) throws UsageException {
        Set<ContentCoding> codings = EnumSet.noneOf(ContentCoding.class);
        if (text.isBlank()) {
            return codings;
        }
        for (String entry : text.split(",", -1)) {
            String suffix = entry.strip().toLowerCase(Locale.ROOT);
            ContentCoding coding = switch (suffix) {
                case "br" -> ContentCoding.BR;
                case "zstd" -> ContentCoding.ZSTD;
                case "gz" -> ContentCoding.GZIP;
                default -> throw new UsageException(name + " takes br, zstd and gz, not '" + entry.strip() + "'");
            };
            if (!codings.add(coding)) {
                throw new UsageException(name + " lists '" + suffix + "' twice");
            }
        }
        return codings;
    }

    private static String logLevel(String name, String text) throws UsageException {
        String level = text.toLowerCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(level)) {
            throw new UsageException(name + " must be one of trace, debug, info, warn, error, off; not '" + text + "'");
        }
        return level;
    }

    /** A cursor over the arguments that understands {@code --flag value} and {@code --flag=value}. */
    private static final class Arguments {
        private final String[] args;
        private int next;
        private String inlineValue;

        Arguments(String[] args) {
            this.args = args.clone();
        }

        boolean hasNext() {
            return next < args.length;
        }

        String next() {
            return args[next++];
        }

        String flagName(String arg) {
            int eq = arg.indexOf('=');
            inlineValue = eq < 0 ? null : arg.substring(eq + 1);
            return eq < 0 ? arg : arg.substring(0, eq);
        }

        String value(String flag) throws UsageException {
            if (inlineValue != null) {
                return inlineValue;
            }
            if (!hasNext()) {
                throw new UsageException(flag + " needs a value");
            }
            return next();
        }

        void noValue(String flag) throws UsageException {
            if (inlineValue != null) {
                throw new UsageException(flag + " takes no value");
            }
        }
    }
}
