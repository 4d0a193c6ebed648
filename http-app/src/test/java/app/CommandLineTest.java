package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tls.KeySource;
import app.tls.TlsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import protocol.ContentCoding;
import protocol.proxy.Cidr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

    private static ServerConfig config(String... args) throws CommandLine.UsageException {
        return assertInstanceOf(CommandLine.Run.class, CommandLine.parse(args)).config();
    }

    @Test
    void noArgumentsGiveTheSeedDefaults() throws Exception {
        ServerConfig config = config();
        assertEquals(8080, config.port());
        assertEquals("127.0.0.1", config.host());
        assertEquals(10, config.poolSize());
        assertEquals(100, config.queueCapacity());
        assertEquals(Path.of("resources"), config.root());
        assertEquals(Path.of("resources", "uploads"), config.uploadFolder());
        assertEquals(1 << 20, config.maxBody());
        assertEquals(Duration.ofSeconds(30), config.keepAlive());
        assertEquals(100, config.maxRequests());
        assertEquals(Set.of("txt", "png", "jpg", "jpeg"), config.downloads().extensions());
    }

    @Test
    void positionalFormIsPortHostPool() throws Exception {
        ServerConfig config = config("8000", "0.0.0.0", "20");
        assertEquals(8000, config.port());
        assertEquals("0.0.0.0", config.host());
        assertEquals(20, config.poolSize());
    }

    @Test
    void flagsInBothSpellings() throws Exception {
        ServerConfig config = config("--port", "9000", "--host=::1", "--pool", "3", "--queue=7", "--root", "/srv/www",
                "--uploads", "/tmp/up", "--max-body", "2M", "--keep-alive-timeout", "5", "--max-requests", "9",
                "--allow-host", "Example.org", "--allow-host", "*", "--downloads", "", "--access-log",
                "--head-timeout", "3", "--write-timeout", "4", "--max-connections", "50");
        assertEquals(9000, config.port());
        assertEquals("::1", config.host());
        assertEquals(3, config.poolSize());
        assertEquals(7, config.queueCapacity());
        assertEquals(Path.of("/srv/www"), config.root());
        assertEquals(Path.of("/tmp/up"), config.uploadFolder());
        assertEquals(2 << 20, config.maxBody());
        assertEquals(Duration.ofSeconds(5), config.keepAlive());
        assertEquals(9, config.maxRequests());
        assertEquals(List.of("example.org", "*"), config.allowedHosts());
        assertTrue(config.downloads().extensions().isEmpty());
        assertTrue(config.accessLog());
        assertEquals(Duration.ofSeconds(3), config.headTimeout());
        assertEquals(Duration.ofSeconds(4), config.writeTimeout());
        assertEquals(50, config.maxConnections());
    }

    @Test
    void helpVersionAndLogLevel() throws Exception {
        assertInstanceOf(CommandLine.Help.class, CommandLine.parse("--help"));
        assertInstanceOf(CommandLine.ShowVersion.class, CommandLine.parse("--version"));
        var run = assertInstanceOf(CommandLine.Run.class, CommandLine.parse("--log-level", "DEBUG"));
        assertEquals(Optional.of("debug"), run.logLevel());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--port=70000", "--port=-1", "--port=abc", "--pool=0", "--queue=0", "--max-body=12Q", "--keep-alive-timeout=0",
        "--max-requests=0", "--frobnicate", "--help=yes", "--log-level=loud", "--downloads=.., ", "--port"})
    void badArgumentsAreNamed(String arg) {
        var e = assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse(arg));
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        assertTrue(e.getMessage().contains(name), e.getMessage());
        assertTrue(e.getMessage().lines().count() == 1, "one line");
    }

    @Test
    void precompressedVariants() throws Exception {
        var all = Set.of(ContentCoding.BR, ContentCoding.ZSTD, ContentCoding.GZIP);
        assertEquals(all, config().precompressed());
        assertEquals(all, config("--precompressed", "gz, ZSTD,br").precompressed());
        assertEquals(Set.of(ContentCoding.GZIP), config("--precompressed=gz").precompressed());
        assertEquals(Set.of(), config("--precompressed", "").precompressed());
        assertEquals(Set.of(), config("--precompressed=  ").precompressed());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "br,", "br,br", "identity", "deflate", ",", "zst", "br;gz"})
    void badPrecompressedListsAreOneLine(String list) {
        var e = assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse("--precompressed", list));
        assertTrue(e.getMessage().startsWith("--precompressed "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void positionalMistakesNameThePosition() {
        var e = assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse("http"));
        assertTrue(e.getMessage().startsWith("PORT"), e.getMessage());
        e = assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse("80", "h", "x"));
        assertTrue(e.getMessage().startsWith("POOL"), e.getMessage());
        e = assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse("80", "h", "1", "extra"));
        assertTrue(e.getMessage().contains("extra"), e.getMessage());
    }

    // HTTPS

    private static TlsConfig tls(String... args) throws CommandLine.UsageException {
        return config(args).tls().orElseThrow();
    }

    @Test
    void noCertificateMeansNoHttps() throws Exception {
        assertEquals(Optional.empty(), config().tls());
        assertEquals(OptionalInt.of(8080), config().cleartextPort());
    }

    @Test
    void pemFilesInBothSpellingsWithTheDefaults() throws Exception {
        TlsConfig tls = tls("--tls-cert", "/etc/cert.pem", "--tls-key=/etc/key.pem");
        assertEquals(new KeySource.PemFiles(Path.of("/etc/cert.pem"), Path.of("/etc/key.pem")), tls.keys());
        assertEquals(8443, tls.httpsPort());
        assertFalse(tls.redirectHttp());
        assertEquals(Optional.empty(), tls.hsts());
        assertEquals(TlsConfig.DEFAULT_RELOAD_INTERVAL, tls.reloadInterval());
    }

    @Test
    void aKeystoreReadsItsPasswordFromAFileOrTheEnvironment() throws Exception {
        assertEquals(new KeySource.Pkcs12(Path.of("s.p12"),
                        new KeySource.PasswordSource.Environment("HTTP_SERVER_KEYSTORE_PASSWORD")),
                tls("--tls-keystore", "s.p12").keys());
        assertEquals(new KeySource.Pkcs12(Path.of("s.p12"), new KeySource.PasswordSource.File(Path.of("pw"))),
                tls("--tls-keystore=s.p12", "--tls-keystore-password-file", "pw").keys());
    }

    @Test
    void httpsPortRedirectAndHsts() throws Exception {
        TlsConfig tls = tls("--tls-keystore", "s.p12", "--https-port", "9443", "--redirect-http", "--hsts=31536000");
        assertEquals(9443, tls.httpsPort());
        assertTrue(tls.redirectHttp());
        assertEquals(Optional.of(Duration.ofSeconds(31_536_000)), tls.hsts());
        assertEquals(Optional.of("max-age=31536000"), tls.hstsHeaderValue());
        assertEquals(0, tls("--tls-keystore", "s.p12", "--https-port=0").httpsPort());
        assertEquals(65_535, tls("--tls-keystore", "s.p12", "--https-port=65535").httpsPort());
        assertEquals(Optional.of(Duration.ZERO), tls("--tls-keystore", "s.p12", "--hsts", "0").hsts());
        assertEquals(Optional.of(Duration.ofSeconds(63_072_000)), tls("--tls-keystore", "s.p12", "--hsts=63072000").hsts());
    }

    @Test
    void portOffLeavesOnlyHttps() throws Exception {
        ServerConfig config = config("--tls-keystore", "s.p12", "--port", "off");
        assertEquals(OptionalInt.empty(), config.cleartextPort());
        assertFalse(config.cleartext());
        assertThrows(IllegalStateException.class, config::port);
        assertEquals(OptionalInt.empty(), config("--port=off", "--tls-keystore", "s.p12").cleartextPort());
    }

    @Test
    void portsMayBothBeZeroButNotBothTheSame() throws Exception {
        assertEquals(0, tls("--port", "0", "--https-port", "0", "--tls-keystore", "s.p12").httpsPort());
        assertEquals(8080, config("--port", "8080", "--https-port", "8081", "--tls-keystore", "s.p12").port());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--tls-cert=c.pem|--tls-cert needs --tls-key",
        "--tls-key=k.pem|--tls-key needs --tls-cert",
        "--tls-cert=c.pem --tls-key=k.pem --tls-keystore=s.p12|--tls-keystore cannot go with --tls-cert",
        "--https-port=9443|--https-port needs a certificate",
        "--redirect-http|--redirect-http needs a certificate",
        "--hsts=60|--hsts needs a certificate",
        "--tls-keystore-password-file=pw|--tls-keystore-password-file needs --tls-keystore",
        "--tls-cert=c.pem --tls-key=k.pem --tls-keystore-password-file=pw|--tls-keystore-password-file needs --tls-keystore",
        "--port=off|--port off needs a certificate",
        "--port=off --tls-keystore=s.p12 --redirect-http|--redirect-http needs the cleartext listener",
        "--port=8443 --tls-keystore=s.p12|--https-port must differ from --port (both 8443)",
        "--port=9000 --https-port=9000 --tls-keystore=s.p12|--https-port must differ from --port (both 9000)",
        "--https-port=65536 --tls-keystore=s.p12|--https-port must be between 0 and 65535, not 65536",
        "--https-port=-1 --tls-keystore=s.p12|--https-port needs a whole number",
        "--hsts=63072001 --tls-keystore=s.p12|--hsts must be between 0 and 63072000, not 63072001",
        "--hsts=-1 --tls-keystore=s.p12|--hsts needs a whole number",
        "--redirect-http=yes --tls-keystore=s.p12|--redirect-http takes no value",
        "--tls-cert= --tls-key=k.pem|--tls-cert needs a file path",
        "--port=of|--port needs a whole number",
        "--tls-keystore|--tls-keystore needs a value"})
    void httpsUsageErrorsNameTheFlag(String line) {
        String[] parts = line.split("\\|");
        var e = assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse(parts[0].split(" ")));
        assertTrue(e.getMessage().startsWith(parts[1]), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void theUsageTextListsTheHttpsFlags() {
        for (String flag : List.of("--tls-cert", "--tls-key", "--tls-keystore ", "--tls-keystore-password-file",
                "--https-port", "--redirect-http", "--hsts", "off")) {
            assertTrue(CommandLine.USAGE.contains(flag), flag);
        }
    }

    // Compression

    @Test
    void compressionIsGzipWithA32MiBCacheByDefault() throws Exception {
        assertEquals(ServerConfig.Compression.GZIP, config().compression());
        assertEquals(32L << 20, config().compressCache());
        assertEquals(ServerConfig.DEFAULTS.compressCache(), fs.GzipCache.DEFAULT_CAPACITY);
    }

    @Test
    void compressionFlagsInBothSpellings() throws Exception {
        assertEquals(ServerConfig.Compression.OFF, config("--compress", "off").compression());
        assertEquals(ServerConfig.Compression.OFF, config("--compress=OFF").compression());
        assertEquals(ServerConfig.Compression.GZIP, config("--compress", "Gzip").compression());
        assertEquals(0, config("--compress-cache", "0").compressCache());
        assertEquals(1000, config("--compress-cache=1000").compressCache());
        assertEquals(64 << 10, config("--compress-cache", "64K").compressCache());
        assertEquals(128L << 20, config("--compress-cache", "128m").compressCache());
        assertEquals(2L << 30, config("--compress-cache", "2G").compressCache());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--compress=br", "--compress=", "--compress=on", "--compress", "--compress-cache=-1",
        "--compress-cache=12Q", "--compress-cache=", "--compress-cache=1.5M", "--compress-cache=99999999999999G",
        "--compress-cache"})
    void badCompressionValuesAreOneNamedLine(String arg) {
        var e = assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse(arg));
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        assertTrue(e.getMessage().startsWith(name + " "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    // The admin listener

    @Test
    void theAdminListenerIsOffByDefaultAndBindsLoopback() throws Exception {
        assertEquals(OptionalInt.empty(), config().adminPort());
        ServerConfig config = config("--admin-port", "9100");
        assertEquals(OptionalInt.of(9100), config.adminPort());
        assertEquals("127.0.0.1", config.adminHost());
        config = config("--admin-port=0", "--admin-host=::1", "--port", "0");
        assertEquals(OptionalInt.of(0), config.adminPort());
        assertEquals("::1", config.adminHost());
        assertEquals(OptionalInt.of(9100), config("--port", "9101", "--admin-port", "9100", "--https-port", "9102",
                "--tls-keystore", "s.p12").adminPort());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--admin-port=8080|--admin-port must differ from --port (both 8080)",
        "--port=9000 --admin-port=9000|--admin-port must differ from --port (both 9000)",
        "--admin-port=8443 --tls-keystore=s.p12|--admin-port must differ from --https-port (both 8443)",
        "--port=off --admin-port=9443 --https-port=9443 --tls-keystore=s.p12|--admin-port must differ from --https-port (both 9443)",
        "--admin-port=65536|--admin-port must be between 0 and 65535, not 65536",
        "--admin-port=-1|--admin-port needs a whole number",
        "--admin-port|--admin-port needs a value",
        "--admin-host=127.0.0.1|--admin-host needs --admin-port",
        "--admin-port=9100 --admin-host=|--admin-host needs an address or host name"})
    void adminUsageErrorsNameTheFlag(String line) {
        String[] parts = line.split("\\|");
        var e = assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse(parts[0].split(" ")));
        assertTrue(e.getMessage().startsWith(parts[1]), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void theUsageTextListsTheCompressionFlags() {
        assertTrue(CommandLine.USAGE.contains("--compress gzip|off"));
        assertTrue(CommandLine.USAGE.contains("--compress-cache BYTES"));
    }

    @Test
    void theUsageTextListsTheAdminFlags() {
        assertTrue(CommandLine.USAGE.contains("--admin-port N"));
        assertTrue(CommandLine.USAGE.contains("--admin-host ADDR"));
    }

    // Directory listings

    @Test
    void listingsAreOffByDefaultWithALimitOfTenThousand() throws Exception {
        assertEquals(Listing.OFF, config().listing());
        assertEquals(new Listing(false, 10_000), ServerConfig.DEFAULTS.listing());
        assertEquals(new Listing(true, 10_000), config("--list-directories").listing());
        assertEquals(new Listing(true, 1), config("--list-directories", "--list-limit", "1").listing());
        assertEquals(new Listing(true, 1_000_000), config("--list-limit=1000000", "--list-directories").listing());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--list-directories --list-limit=0|--list-limit must be between 1 and 1000000, not 0",
        "--list-directories --list-limit=1000001|--list-limit must be between 1 and 1000000, not 1000001",
        "--list-directories --list-limit=ten|--list-limit needs a whole number, not 'ten'",
        "--list-directories --list-limit=-5|--list-limit needs a whole number, not '-5'",
        "--list-directories --list-limit|--list-limit needs a value",
        "--list-limit=10|--list-limit needs --list-directories",
        "--list-directories=yes|--list-directories takes no value"})
    void listingUsageErrorsNameTheFlag(String line) {
        String[] parts = line.split("\\|");
        var e = assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse(parts[0].split(" ")));
        assertEquals(parts[1], e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void theUsageTextListsTheListingFlags() {
        assertTrue(CommandLine.USAGE.contains("--list-directories"));
        assertTrue(CommandLine.USAGE.contains("--list-limit N"));
    }

    // Drain delay

    @Test
    void theDrainDelayIsNoneByDefaultAndWholeSecondsUpToAnHour() throws Exception {
        assertEquals(Duration.ZERO, config().drainDelay());
        assertEquals(Duration.ofSeconds(2), config("--admin-port", "0", "--drain-delay", "2").drainDelay());
        assertEquals(Duration.ZERO, config("--drain-delay=0").drainDelay());
        assertEquals(Duration.ofSeconds(3600), config("--admin-port=9100", "--drain-delay", "3600").drainDelay());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--drain-delay=3601|--drain-delay must be between 0 and 3600, not 3601",
        "--drain-delay=-1|--drain-delay needs a whole number, not '-1'",
        "--drain-delay=1.5|--drain-delay needs a whole number, not '1.5'",
        "--drain-delay=2s|--drain-delay needs a whole number, not '2s'",
        "--drain-delay|--drain-delay needs a value",
        "--drain-delay=2|--drain-delay needs --admin-port (its /health is what turns 503)",
        "--drain-delay=1 --port 8080|--drain-delay needs --admin-port (its /health is what turns 503)"})
    void drainDelayUsageErrorsNameTheFlag(String line) {
        String[] parts = line.split("\\|");
        var e = assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse(parts[0].split(" ")));
        assertEquals(parts[1], e.getMessage());
    }

    @Test
    void theUsageTextListsTheDrainDelay() {
        assertTrue(CommandLine.USAGE.contains("--drain-delay S"));
    }

    // Behind a proxy

    @Test
    void proxySettings() throws Exception {
        assertEquals(ProxySettings.NONE, config().proxy());
        ServerConfig config = config("--proxy-protocol", "--trusted-proxy", "10.0.0.0/8", "--trusted-proxy=::1",
                "--trusted-proxy", "192.0.2.7");
        assertTrue(config.proxy().proxyProtocol());
        assertEquals(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("::1/128"), Cidr.parse("192.0.2.7/32")),
                config.proxy().trusted().ranges());
        assertFalse(config("--trusted-proxy", "127.0.0.1").proxy().proxyProtocol());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1/8", "10.0.0.0/33", "example.org", "", "::1/129", "10.0.0.0/8,10.1.0.0/16"})
    void aBadTrustedProxyNamesTheFlag(String range) {
        var e = assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse("--trusted-proxy", range));
        assertTrue(e.getMessage().startsWith("--trusted-proxy: '"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void proxyProtocolTakesNoValue() {
        var e = assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse("--proxy-protocol=on"));
        assertEquals("--proxy-protocol takes no value", e.getMessage());
    }
}
