package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    private record Outcome(int code, String out, String err) {}

    private static Outcome run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpAndVersionExitZero() {
        Outcome help = run("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--max-body"));
        Outcome version = run("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().matches("http-server \\d+\\.\\d+\\.\\d+.*\\n"), version.out());
    }

    @Test
    void badArgumentIsOneLineAndExitTwo() {
        Outcome outcome = run("--pool", "zero");
        assertEquals(2, outcome.code());
        assertEquals(1, outcome.err().lines().count(), outcome.err());
        assertTrue(outcome.err().startsWith("http-server: --pool"), outcome.err());
    }

    @Test
    void aBadDrainDelayIsOneLineAndExitTwo() {
        Outcome outcome = run("--drain-delay", "forever");
        assertEquals(2, outcome.code());
        assertEquals("http-server: --drain-delay needs a whole number, not 'forever'\n", outcome.err());
    }

    @Test
    void aBadTrustedProxyIsOneLineAndExitTwo() {
        Outcome outcome = run("--trusted-proxy", "10.0.0.1/8");
        assertEquals(2, outcome.code());
        assertEquals("http-server: --trusted-proxy: '10.0.0.1/8' has bits set past its prefix /8\n", outcome.err());
    }

    @Test
    void missingRootIsOneLineAndExitOne(@TempDir Path dir) {
        Outcome outcome = run("--port", "0", "--root", dir.resolve("nowhere").toString());
        assertEquals(1, outcome.code());
        assertEquals(1, outcome.err().lines().count(), outcome.err());
        assertTrue(outcome.err().contains("nowhere"), outcome.err());
    }

    @Test
    void portInUseIsOneLineAndExitOne(@TempDir Path dir) throws Exception {
        try (var taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Outcome outcome = run("--port", Integer.toString(taken.getLocalPort()), "--root", dir.toString());
            assertEquals(1, outcome.code());
            assertEquals(1, outcome.err().lines().count(), outcome.err());
            assertTrue(outcome.err().contains(Integer.toString(taken.getLocalPort())), outcome.err());
        }
    }

    @Test
    void aBadListLimitIsOneLineAndExitTwo(@TempDir Path dir) {
        Outcome outcome = run("--port", "0", "--list-directories", "--list-limit", "0", "--root", dir.toString());
        assertEquals(2, outcome.code());
        assertEquals("http-server: --list-limit must be between 1 and 1000000, not 0\n", outcome.err());
    }

    @Test
    void anAdminPortEqualToTheMainPortIsOneLineAndExitTwo(@TempDir Path dir) {
        Outcome outcome = run("--port", "18123", "--admin-port", "18123", "--root", dir.toString());
        assertEquals(2, outcome.code());
        assertEquals("http-server: --admin-port must differ from --port (both 18123)\n", outcome.err());
    }

    @Test
    void anAdminPortInUseIsOneLineAndExitOne(@TempDir Path dir) throws Exception {
        try (var taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Outcome outcome = run("--port", "0", "--admin-port", Integer.toString(taken.getLocalPort()),
                    "--root", dir.toString());
            assertEquals(1, outcome.code());
            assertEquals(1, outcome.err().lines().count(), outcome.err());
            assertTrue(outcome.err().startsWith("http-server: cannot listen on 127.0.0.1:" + taken.getLocalPort()),
                    outcome.err());
        }
    }
}
