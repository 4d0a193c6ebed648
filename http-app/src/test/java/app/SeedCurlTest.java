package app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seed README's curl commands, run with the real curl against the server (on its
 * ephemeral port instead of 8080), and what they print and save checked. Over cleartext here;
 * {@link SeedCurlTestOverTlsTest} runs every one over HTTPS by overriding {@link #start}, {@link #base}
 * and {@link #transportOptions}.
 */
class SeedCurlTest {

    static final Path CURL = Path.of("/usr/bin/curl");

    @TempDir
    Path dir;
    /** curl's working directory: where -O -J saves files. */
    @TempDir
    Path downloads;

    @BeforeAll
    static void curlIsInstalled() {
        assumeTrue(Files.isExecutable(CURL), "curl is not installed at " + CURL);
    }

    @BeforeEach
    void site() throws IOException {
        TestServer.site(dir);
        var random = new Random(11);
        for (var file : List.of("logo.png:150000", "photo.jpg:1500000", "banner.png:300000", "gallery.jpg:800000")) {
            byte[] bytes = new byte[Integer.parseInt(file.substring(file.indexOf(':') + 1))];
            random.nextBytes(bytes);
            Files.write(dir.resolve(file.substring(0, file.indexOf(':'))), bytes);
        }
    }

    /** The server the commands run against, over {@code root} with extra command-line {@code args}. */
    TestServer start(Path root, String... args) throws IOException {
        return TestServer.start(root, args);
    }

    /** The URL of the server's root, without the trailing slash: {@code http://127.0.0.1:PORT}. */
    String base(TestServer server) {
        return server.base();
    }

    /** What every curl command adds to the seed's options to reach the server. */
    List<String> transportOptions() {
        return List.of();
    }

    private ExternalCommand.Result curl(String... arguments) throws Exception {
        var command = new ArrayList<String>();
        command.add(CURL.toString());
        command.addAll(transportOptions());
        command.addAll(List.of(arguments));
        return ExternalCommand.run(downloads, command);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/about.html"})
    void htmlPagesAreShownInline(String path) throws Exception {
        try (var server = start(dir)) {
            var result = curl("-i", base(server) + path);
            assertEquals(0, result.exitCode(), result.err());
            RawClient.Reply reply = included(result.out());
            assertEquals(200, reply.status());
            assertEquals("text/html; charset=utf-8", reply.header("Content-Type"));
            assertTrue(reply.header("Date").endsWith(" GMT"), reply.header("Date"));
            assertTrue(reply.header("Server").startsWith("http-server/"), reply.header("Server"));
            assertArrayEquals(Files.readAllBytes(dir.resolve(path.equals("/") ? "index.html" : path.substring(1))),
                    reply.body());
            assertEquals(List.of(), savedFiles());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"logo.png", "photo.jpg", "sample.txt"})
    void downloadsAreSavedUnderTheServersFilenameWithIdenticalBytes(String name) throws Exception {
        byte[] expected = Files.readAllBytes(dir.resolve(name));
        try (var server = start(dir)) {
            var literal = curl("-i", "-O", "-J", base(server) + "/" + name);
            if (literal.exitCode() != 0) {
                // curl 7.x refuses to combine -i with -J: nothing to do with the server.
                assertEquals(2, literal.exitCode(), literal.err());
                assertTrue(literal.err().contains("cannot be combined"), literal.err());
            }
            Files.deleteIfExists(downloads.resolve(name));
            // The same download with the head on standard output, where -i would show it.
            var result = curl("-D", "-", "-O", "-J", base(server) + "/" + name);
            assertEquals(0, result.exitCode(), result.err());
            RawClient.Reply head = included(result.out());
            assertEquals(200, head.status());
            assertEquals("application/octet-stream", head.header("Content-Type"));
            assertEquals("attachment; filename=\"" + name + "\"", head.header("Content-Disposition"));
            assertEquals(Integer.toString(expected.length), head.header("Content-Length"));
            assertEquals(List.of(name), savedFiles());
            assertArrayEquals(expected, Files.readAllBytes(downloads.resolve(name)));
        }
    }

    @Test
    void jsonUploadIsCreatedAndStoredExactly() throws Exception {
        try (var server = start(dir)) {
            var result = curl("-i", "-H", "Content-Type: application/json", "-d", "{\"ok\":true}", base(server) + "/upload");
            assertEquals(0, result.exitCode(), result.err());
            RawClient.Reply reply = included(result.out());
            assertEquals(201, reply.status());
            assertEquals("application/json", reply.header("Content-Type"));
            String location = reply.header("Location");
            assertTrue(location.matches("/uploads/upload_\\d{8}_\\d{6}_[a-z0-9]{4}\\.json"), location);
            assertEquals("{\"status\":\"success\",\"message\":\"File created successfully\",\"filepath\":\"" + location
                    + "\"}", reply.text());
            assertArrayEquals("{\"ok\":true}".getBytes(StandardCharsets.US_ASCII),
                    Files.readAllBytes(dir.resolve(location.substring(1))));
        }
    }

    @Test
    void keepAliveIsAnnouncedAndTheConnectionIsReused() throws Exception {
        try (var server = start(dir)) {
            var result = curl("-i", "--http1.1", "-H", "Connection: keep-alive", base(server) + "/");
            assertEquals(0, result.exitCode(), result.err());
            RawClient.Reply reply = included(result.out());
            assertEquals(200, reply.status());
            assertEquals("keep-alive", reply.header("Connection"));
            assertEquals("timeout=30, max=99", reply.header("Keep-Alive"));

            var twice = curl("-sv", "--http1.1", "-H", "Connection: keep-alive", "-o", "/dev/null", "-o", "/dev/null",
                    base(server) + "/", base(server) + "/about.html");
            assertEquals(0, twice.exitCode(), twice.err());
            assertTrue(twice.err().contains("Re-using existing connection"), twice.err());
            assertTrue(twice.err().contains("< Keep-Alive: timeout=30, max=98"), twice.err());
        }
    }

    @Test
    void fiveSimultaneousDownloadsAreByteExact() throws Exception {
        var names = List.of("logo.png", "photo.jpg", "sample.txt", "banner.png", "gallery.jpg");
        try (var server = start(dir)) {
            // The seed's concurrency test, with five files so that five curl processes run at once.
            var result = ExternalCommand.run(downloads, List.of("/bin/sh", "-c", "printf \"%s\\n\" " + String.join(" ", names)
                    + " | xargs -I{} -P 5 " + CURL + shellWords(transportOptions()) + " -O -J " + base(server) + "/{}"));
            assertEquals(0, result.exitCode(), result.err());
        }
        assertEquals(names.stream().sorted().toList(), savedFiles());
        for (String name : names) {
            assertArrayEquals(Files.readAllBytes(dir.resolve(name)), Files.readAllBytes(downloads.resolve(name)), name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing file                 | 404 | /missing.html         |
            unsupported method           | 405 | /index.html           | -X PUT
            non-JSON POST                | 415 | /upload               | -d hello
            missing Host header          | 400 | /                     | -H Host:
            Host mismatch                | 403 | /                     | -H Host: evil.example
            traversal                    | 403 | /../etc/passwd        | --path-as-is
            encoded traversal            | 403 | /%2e%2e/etc/passwd    | --path-as-is
            """)
    void errorCasesOfTheSeedTable(String name, int status, String path, String option) throws Exception {
        try (var server = start(dir)) {
            var arguments = new ArrayList<String>(List.of("-i"));
            if (option != null) {
                arguments.addAll(List.of(option.split(" ", 2)));
            }
            arguments.add(base(server) + path);
            var result = curl(arguments.toArray(String[]::new));
            assertEquals(0, result.exitCode(), result.err());
            RawClient.Reply reply = included(result.out());
            assertEquals(status, reply.status(), name);
            assertTrue(reply.text().contains("<h1>" + status + " "), reply.text());
            if (status == 405) {
                assertEquals("GET, HEAD, OPTIONS", reply.header("Allow"));
            }
        }
    }

    @Test
    void aBodyOverCurlsThresholdGoesThrough100Continue() throws Exception {
        byte[] json = bigJson();
        Files.write(downloads.resolve("big.json"), json);
        try (var server = start(dir, "--max-body", "2M")) {
            var result = curl("-sv", "--expect100-timeout", "30", "-H", "Content-Type: application/json",
                    "--data-binary", "@big.json", base(server) + "/upload");
            assertEquals(0, result.exitCode(), result.err());
            assertTrue(result.err().contains("> Expect: 100-continue"), result.err());
            assertTrue(result.err().contains("< HTTP/1.1 100 Continue"), result.err());
            assertTrue(result.err().contains("< HTTP/1.1 201 Created"), result.err());
            String text = result.outText();
            String location = text.substring(text.indexOf("/uploads/"), text.lastIndexOf('"'));
            assertArrayEquals(json, Files.readAllBytes(dir.resolve(location.substring(1))));
        }
    }

    @Test
    void anExplicitExpectOnASmallBodyGets100ThenCreated() throws Exception {
        try (var server = start(dir)) {
            var result = curl("-sv", "--expect100-timeout", "30", "-H", "Content-Type: application/json",
                    "-H", "Expect: 100-continue", "-d", "{\"ok\":true}", base(server) + "/upload");
            assertEquals(0, result.exitCode(), result.err());
            assertTrue(result.err().contains("< HTTP/1.1 100 Continue"), result.err());
            assertTrue(result.err().contains("< HTTP/1.1 201 Created"), result.err());
        }
    }

    @ParameterizedTest(name = "{0} gets {1} before the body is sent")
    @CsvSource({"oversize body, 413, application/json, 1K", "wrong media type, 415, text/plain, 2M"})
    void aRefusedHeadIsAnsweredWithoutTheBody(String name, int status, String type, String maxBody) throws Exception {
        Files.write(downloads.resolve("big.json"), bigJson());
        try (var server = start(dir, "--max-body", maxBody)) {
            // A long expect timeout: curl sends the body only if the server asks for it.
            var result = curl("-sv", "--expect100-timeout", "30", "-H", "Content-Type: " + type,
                    "--data-binary", "@big.json", base(server) + "/upload");
            assertEquals(0, result.exitCode(), result.err());
            assertTrue(result.err().contains("> Expect: 100-continue"), result.err());
            assertTrue(result.err().contains("< HTTP/1.1 " + status + " "), result.err());
            assertFalse(result.err().contains("< HTTP/1.1 100 Continue"), result.err());
            assertFalse(result.err().contains("We are completely uploaded"), name + ": " + result.err());
            assertTrue(result.outText().contains("<h1>" + status + " "), result.outText());
        }
        try (Stream<Path> stored = Files.list(dir.resolve("uploads"))) {
            assertEquals(List.of(), stored.toList());
        }
    }

    /** {@code words}, each single-quoted for sh, each after a space. */
    private static String shellWords(List<String> words) {
        var quoted = new StringBuilder();
        for (String word : words) {
            quoted.append(" '").append(word.replace("'", "'\\''")).append('\'');
        }
        return quoted.toString();
    }

    /** A JSON document over 1 MiB: curl sends Expect: 100-continue for bodies that large. */
    private static byte[] bigJson() {
        return ("{\"data\":\"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.US_ASCII);
    }

    private List<String> savedFiles() throws IOException {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    /** What curl -i prints: the head (after any interim 1xx heads), a blank line, the body. */
    private static RawClient.Reply included(byte[] out) {
        int at = 0;
        while (true) {
            int end = indexOfBlankLine(out, at);
            assertTrue(end > 0, () -> "no head in: " + new String(out, StandardCharsets.ISO_8859_1));
            String[] lines = new String(out, at, end - at, StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].substring(9, 12));
            if (status >= 200) {
                var headers = new LinkedHashMap<String, String>();
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
                byte[] body = java.util.Arrays.copyOfRange(out, end + 4, out.length);
                return new RawClient.Reply(status, lines[0], headers, body);
            }
            at = end + 4;
        }
    }

    private static int indexOfBlankLine(byte[] bytes, int from) {
        for (int i = from; i + 3 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
