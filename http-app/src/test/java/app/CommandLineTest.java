package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
    void positionalMistakesNameThePosition() {
        var e = assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse("http"));
        assertTrue(e.getMessage().startsWith("PORT"), e.getMessage());
        e = assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse("80", "h", "x"));
        assertTrue(e.getMessage().startsWith("POOL"), e.getMessage());
        e = assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse("80", "h", "1", "extra"));
        assertTrue(e.getMessage().contains("extra"), e.getMessage());
    }
}
