package app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.tls.TestCertificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The same smoke (GET, HEAD, Range, If-None-Match, upload, download) through real client
 * programs: Java's HttpClient in HTTP/1.1 mode, wget, Python's urllib and curl; over cleartext,
 * and over HTTPS with each client trusting the test CA (and nothing else) in its own way. A
 * client that is not installed is skipped with the reason.
 *
 * <p>HttpClient runs in its own JVM (a small program compiled once per test): the tests are patched into
 * module {@code http.app}, which does not read {@code java.net.http}.
 */
class ClientsTest {

    @TempDir
    Path dir;
    @TempDir
    Path work;
    byte[] big;
    /** The TLS protocol of each response the Java client got ("none" over cleartext). */
    final List<String> javaTlsProtocols = new ArrayList<>();

    /** A real client program that sends one request and reports the response it got. */
    enum Client {
        JAVA_HTTP_CLIENT, WGET, PYTHON_URLLIB, CURL;

        Optional<Path> program() {
            return switch (this) {
                case JAVA_HTTP_CLIENT -> ProcessHandle.current().info().command().map(Path::of)
                        .filter(java -> Files.isExecutable(java.resolveSibling("javac")));
                case WGET -> ExternalCommand.find("wget");
                case PYTHON_URLLIB -> ExternalCommand.find("python3").map(Client::interpreter);
                case CURL -> ExternalCommand.find("curl");
            };
        }

        /** The interpreter behind a launcher such as a pyenv shim, which is slow to start each time. */
        private static Path interpreter(Path python) {
            try {
                var result = ExternalCommand.run(Path.of("."), List.of(python.toString(), "-c",
                        "import sys; print(sys.executable)"));
                return result.exitCode() == 0 ? Path.of(result.outText().strip()) : python;
            } catch (IOException e) {
                return python;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return python;
            }
        }
    }

    /**
     * Sends one request: method, URL, body file or "-", output file, then "Name: value" fields.
     * Reports the status and the session's TLS protocol on the first line, then the fields.
     */
    private static final String JAVA_PROGRAM = """
            import java.net.URI;
            import java.net.http.HttpClient;
            import java.net.http.HttpRequest;
            import java.net.http.HttpResponse;
            import java.nio.file.Path;

            public class HttpClientRequest {
                public static void main(String[] args) throws Exception {
                    var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    var body = args[2].equals("-") ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofFile(Path.of(args[2]));
                    var request = HttpRequest.newBuilder(URI.create(args[1])).method(args[0], body);
                    for (int i = 4; i < args.length; i++) {
                        int colon = args[i].indexOf(':');
                        request.header(args[i].substring(0, colon), args[i].substring(colon + 1).trim());
                    }
                    var response = client.send(request.build(), HttpResponse.BodyHandlers.ofFile(Path.of(args[3])));
                    if (response.version() != HttpClient.Version.HTTP_1_1) {
                        throw new IllegalStateException("not HTTP/1.1: " + response.version());
                    }
                    System.out.println(response.statusCode() + " "
                            + response.sslSession().map(session -> session.getProtocol()).orElse("none"));
                    response.headers().map().forEach((name, values) -> values.forEach(v -> System.out.println(name + ": " + v)));
                }
            }
            """;

    /** The same arguments as the Java program, with the CA file (or "-") after the output file. */
    private static final String PYTHON_PROGRAM = """
            import ssl, sys, urllib.request, urllib.error
            method, url, body_file, out_file, ca_file = sys.argv[1:6]
            fields = dict(f.split(": ", 1) for f in sys.argv[6:])
            data = None if body_file == "-" else open(body_file, "rb").read()
            request = urllib.request.Request(url, data=data, headers=fields, method=method)
            context = None if ca_file == "-" else ssl.create_default_context(cafile=ca_file)
            try:
                response = urllib.request.urlopen(request, timeout=30, context=context)
            except urllib.error.HTTPError as error:
                response = error
            body = response.read()
            with open(out_file, "wb") as out:
                out.write(body)
            print(response.status)
            for name, value in response.headers.items():
                print(name + ": " + value)
            """;

    @BeforeEach
    void site() throws IOException {
        TestServer.site(dir);
        big = new byte[300_000];
        new Random(3).nextBytes(big);
        Files.write(dir.resolve("big.bin"), big);
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void getHeadRangeConditionalUploadAndDownloadWork(Client client) throws Exception {
        Optional<Path> program = client.program();
        assumeTrue(program.isPresent(), client + ": program not installed");
        try (var server = TestServer.start(dir)) {
            smoke(client, program.get(), server.base());
        }
        if (client == Client.JAVA_HTTP_CLIENT) {
            assertEquals(List.of("none"), javaTlsProtocols.stream().distinct().toList());
        }
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void getHeadRangeConditionalUploadAndDownloadWorkOverHttps(Client client) throws Exception {
        Optional<Path> program = client.program();
        assumeTrue(program.isPresent(), client + ": program not installed");
        try (var server = TestServer.startTls(dir)) {
            smoke(client, program.get(), server.secureBase());
        }
        if (client == Client.JAVA_HTTP_CLIENT) {
            // Six exchanges, each over TLS 1.3 (and HTTP/1.1: the program refuses any other version).
            assertEquals(6, javaTlsProtocols.size());
            assertEquals(List.of("TLSv1.3"), javaTlsProtocols.stream().distinct().toList());
        }
    }

    /** GET, HEAD, Range, If-None-Match, an upload and a download from {@code base}. */
    private void smoke(Client client, Path program, String base) throws Exception {
        byte[] about = Files.readAllBytes(dir.resolve("about.html"));
        RawClient.Reply page = send(client, program, "GET", base + "/about.html", null);
        assertEquals(200, page.status());
        assertEquals("text/html; charset=utf-8", page.header("Content-Type"));
        assertArrayEquals(about, page.body());
        String etag = page.header("ETag");
        assertNotNull(etag);

        RawClient.Reply head = send(client, program, "HEAD", base + "/about.html", null);
        assertEquals(200, head.status());
        assertEquals(Integer.toString(about.length), head.header("Content-Length"));
        assertEquals(etag, head.header("ETag"));
        assertEquals(0, head.body().length);

        // From offset 0: wget gives up on a 206 that starts elsewhere unless it asked to continue a file.
        RawClient.Reply range = send(client, program, "GET", base + "/big.bin", null, "Range: bytes=0-999");
        assertEquals(206, range.status());
        assertEquals("bytes 0-999/" + big.length, range.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(big, 0, 1000), range.body());

        RawClient.Reply notModified = send(client, program, "GET", base + "/about.html", null,
                "If-None-Match: " + etag);
        assertEquals(304, notModified.status());
        assertEquals(etag, notModified.header("ETag"));
        assertEquals(0, notModified.body().length);

        byte[] json = ("{\"client\":\"" + client.name().toLowerCase(Locale.ROOT) + "\"}").getBytes(StandardCharsets.UTF_8);
        RawClient.Reply created = send(client, program, "POST", base + "/upload", json,
                "Content-Type: application/json");
        assertEquals(201, created.status());
        String location = created.header("Location");
        assertTrue(location.matches("/uploads/upload_\\d{8}_\\d{6}_[a-z0-9]{4}\\.json"), location);
        assertArrayEquals(json, Files.readAllBytes(dir.resolve(location.substring(1))));

        RawClient.Reply download = send(client, program, "GET", base + "/sample.txt", null);
        assertEquals(200, download.status());
        assertEquals("attachment; filename=\"sample.txt\"", download.header("Content-Disposition"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("sample.txt")), download.body());
    }

    private RawClient.Reply send(Client client, Path program, String method, String url, byte[] body, String... fields)
            throws Exception {
        Path bodyFile = work.resolve("request.body");
        Path out = work.resolve("response.body");
        Files.deleteIfExists(out);
        if (body != null) {
            Files.write(bodyFile, body);
        }
        String bodyArgument = body == null ? "-" : bodyFile.toString();
        // Over HTTPS each client trusts the test CA alone; the name checked is the URL's, 127.0.0.1.
        boolean secure = url.startsWith("https:");
        String caPem = secure ? TestCertificates.caPem().toString() : "-";
        var command = new ArrayList<String>();
        switch (client) {
            case JAVA_HTTP_CLIENT -> {
                Path source = work.resolve("HttpClientRequest.java");
                if (!Files.exists(source)) {
                    Files.writeString(source, JAVA_PROGRAM);
                    var compiled = ExternalCommand.run(work, List.of(program.resolveSibling("javac").toString(),
                            "-d", work.toString(), source.toString()));
                    assertEquals(0, compiled.exitCode(), compiled.err());
                }
                command.addAll(List.of(program.toString(), "-XX:TieredStopAtLevel=1"));
                if (secure) {
                    command.addAll(List.of("-Djavax.net.ssl.trustStore=" + TestCertificates.trustStore(),
                            "-Djavax.net.ssl.trustStorePassword=" + TestCertificates.PASSWORD,
                            "-Djavax.net.ssl.trustStoreType=PKCS12"));
                }
                command.addAll(List.of("-cp", work.toString(), "HttpClientRequest", method, url, bodyArgument,
                        out.toString()));
                command.addAll(List.of(fields));
                var result = ExternalCommand.run(work, command);
                assertEquals(0, result.exitCode(), result.err());
                javaTlsProtocols.add(result.outText().lines().findFirst().orElseThrow().split(" ")[1]);
                return reported(result, out);
            }
            case PYTHON_URLLIB -> {
                command.addAll(List.of(program.toString(), "-c", PYTHON_PROGRAM, method, url, bodyArgument, out.toString(),
                        caPem));
                command.addAll(List.of(fields));
                return reported(ExternalCommand.run(work, command), out);
            }
            case WGET -> {
                // wget 1.21 reads a 304's Content-Length worth of body when it is at most 4 KiB and waits
                // for bytes that never come (a 304 has no content) until its read timeout.
                command.addAll(List.of(program.toString(), "--no-config", "--tries=1", "--read-timeout=5", "--server-response",
                        "--method=" + method, "--output-document=" + out));
                if (body != null) {
                    command.add("--body-file=" + bodyFile);
                }
                if (secure) {
                    command.add("--ca-certificate=" + caPem);
                }
                for (String field : fields) {
                    command.add("--header=" + field);
                }
                command.add(url);
                var result = ExternalCommand.run(work, command);
                // 0, or 8 when the server answered with an error status (4xx, and 304 for wget).
                assertTrue(result.exitCode() == 0 || result.exitCode() == 8, result.err());
                return wgetReply(result.err(), out);
            }
            case CURL -> {
                Path headers = work.resolve("response.head");
                command.addAll(List.of(program.toString(), "--silent", "--show-error", "--http1.1", "--dump-header",
                        headers.toString()));
                // curl -X HEAD would wait for a body; --head is its HEAD, and it writes the head as output.
                command.addAll(method.equals("HEAD") ? List.of("--head", "--output", "/dev/null")
                        : List.of("--request", method, "--output", out.toString()));
                if (body != null) {
                    command.add("--data-binary");
                    command.add("@" + bodyFile);
                }
                if (secure) {
                    command.addAll(List.of("--cacert", caPem));
                }
                for (String field : fields) {
                    command.add("--header");
                    command.add(field);
                }
                command.add(url);
                var result = ExternalCommand.run(work, command);
                assertEquals(0, result.exitCode(), result.err());
                return reply(lastHead(Files.readString(headers, StandardCharsets.ISO_8859_1)), out);
            }
        }
        throw new AssertionError(client);
    }

    /** The report of the Java and Python programs: the status (and Java's TLS protocol), then one field per line. */
    private static RawClient.Reply reported(ExternalCommand.Result result, Path out) throws IOException {
        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = result.outText().lines().toList();
        var head = new ArrayList<String>();
        head.add("HTTP/1.1 " + lines.getFirst().split(" ")[0] + " ");
        head.addAll(lines.subList(1, lines.size()));
        return reply(head, out);
    }

    /** wget -S prints each head it got on standard error, every line indented by two spaces. */
    private static RawClient.Reply wgetReply(String err, Path out) throws IOException {
        var head = new ArrayList<String>();
        for (String line : err.lines().toList()) {
            if (line.startsWith("  HTTP/")) {
                head.clear();
                head.add(line.strip());
            } else if (line.startsWith("  ") && !head.isEmpty() && line.indexOf(':') > 0) {
                head.add(line.strip());
            }
        }
        assertTrue(!head.isEmpty(), err);
        return reply(head, out);
    }

    /** The last head in a header dump (after any 100 Continue). */
    private static List<String> lastHead(String dump) {
        String[] blocks = dump.strip().split("\r\n\r\n");
        return blocks[blocks.length - 1].lines().toList();
    }

    private static RawClient.Reply reply(List<String> head, Path out) throws IOException {
        var fields = new LinkedHashMap<String, String>();
        for (String line : head.subList(1, head.size())) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        byte[] body = Files.exists(out) ? Files.readAllBytes(out) : new byte[0];
        return new RawClient.Reply(Integer.parseInt(head.getFirst().substring(9, 12)), head.getFirst(), fields, body);
    }
}
