package app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.tls.TestCertificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java's HttpClient asking for {@code Version.HTTP_2}, in its own JVM (see {@link ClientsTest}): a
 * GET, a HEAD, a Range request, an upload and ten concurrent GETs on one client. Over HTTPS it
 * trusts the test CA alone and gets HTTP/2 by ALPN. On {@code http://} it sends {@code Upgrade:
 * h2c}, which the server deliberately ignores, so every answer must come, correct, over HTTP/1.1.
 */
class JavaHttp2ClientTest {

    /** Base URL and upload file; prints one tab-separated line per exchange. */
    private static final String PROGRAM = """
            import java.net.URI;
            import java.net.http.HttpClient;
            import java.net.http.HttpRequest;
            import java.net.http.HttpResponse;
            import java.nio.file.Path;
            import java.security.MessageDigest;
            import java.time.Duration;
            import java.util.ArrayList;
            import java.util.HexFormat;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;

            public class Http2Exchanges {
                public static void main(String[] args) throws Exception {
                    String base = args[0];
                    Path upload = Path.of(args[1]);
                    var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                            .connectTimeout(Duration.ofSeconds(10)).build();
                    report("GET", client.send(get(base + "/").build(), HttpResponse.BodyHandlers.ofByteArray()));
                    report("HEAD", client.send(get(base + "/").HEAD().build(), HttpResponse.BodyHandlers.ofByteArray()));
                    report("RANGE", client.send(get(base + "/big.bin").header("Range", "bytes=1000-1999").build(),
                            HttpResponse.BodyHandlers.ofByteArray()));
                    report("POST", client.send(get(base + "/upload").header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofFile(upload)).build(), HttpResponse.BodyHandlers.ofByteArray()));
                    var all = new ArrayList<CompletableFuture<HttpResponse<byte[]>>>();
                    for (int i = 0; i < 10; i++) {
                        all.add(client.sendAsync(get(base + "/big.bin").build(), HttpResponse.BodyHandlers.ofByteArray()));
                    }
                    for (var response : all) {
                        report("ASYNC", response.get());
                    }
                }

                private static HttpRequest.Builder get(String url) {
                    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
                }

                /** One line: label, status, version, body length, body SHA-256, then fields (or "-"), then the TLS protocol. */
                private static void report(String label, HttpResponse<byte[]> response) throws Exception {
                    var line = new ArrayList<>(List.of(label, Integer.toString(response.statusCode()), response.version().name(),
                            Integer.toString(response.body().length),
                            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(response.body()))));
                    for (String name : List.of("content-type", "content-length", "content-range", "location")) {
                        line.add(response.headers().firstValue(name).orElse("-"));
                    }
                    line.add(response.sslSession().map(session -> session.getProtocol()).orElse("none"));
                    System.out.println(String.join("\\t", line));
                }
            }
            """;

    @TempDir
    static Path dir;
    @TempDir
    Path work;
    static TestServer server;
    static byte[] big;
    static Path java;

    @BeforeAll
    static void start() throws IOException {
        java = ProcessHandle.current().info().command().map(Path::of)
                .filter(command -> Files.isExecutable(command.resolveSibling("javac"))).orElse(null);
        assumeTrue(java != null, "no JDK to run the client program with");
        TestServer.site(dir);
        big = TestServer.randomFile(dir, "big.bin", 300_000, 13);
        server = TestServer.startTls(dir);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void overHttpsEveryExchangeIsHttp2() throws Exception {
        var lines = exchanges(server.secureBase(), List.of(
                "-Djavax.net.ssl.trustStore=" + TestCertificates.trustStore(),
                "-Djavax.net.ssl.trustStorePassword=" + TestCertificates.PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12"), "https");
        for (Exchange exchange : lines) {
            assertEquals("HTTP_2", exchange.version(), exchange.toString());
            assertEquals("TLSv1.3", exchange.tls(), exchange.toString());
        }
    }

    @Test
    void onCleartextTheIgnoredUpgradeLeavesEveryExchangeOnHttp11() throws Exception {
        var lines = exchanges(server.base(), List.of(), "http");
        for (Exchange exchange : lines) {
            assertEquals("HTTP_1_1", exchange.version(), exchange.toString());
            assertEquals("none", exchange.tls(), exchange.toString());
        }
    }

    /** One exchange as the program reports it; "-" for a field the response did not have. */
    record Exchange(String label, int status, String version, int length, String sha256, String contentType,
            String contentLength, String contentRange, String location, String tls) {}

    /** Runs the program against {@code base} and asserts what does not depend on the version. */
    private List<Exchange> exchanges(String base, List<String> options, String scheme) throws Exception {
        Path source = work.resolve("Http2Exchanges.java");
        Files.writeString(source, PROGRAM);
        byte[] json = ("{\"client\":\"java-http2\",\"scheme\":\"" + scheme + "\"}").getBytes(StandardCharsets.UTF_8);
        Path upload = Files.write(work.resolve("upload.json"), json);
        var command = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1"));
        command.addAll(options);
        command.addAll(List.of(source.toString(), base, upload.toString()));
        var result = ExternalCommand.run(work, command);
        assertEquals(0, result.exitCode(), result.err());
        var exchanges = new ArrayList<Exchange>();
        for (String line : result.outText().lines().toList()) {
            String[] f = line.split("\t");
            assertEquals(10, f.length, line);
            exchanges.add(new Exchange(f[0], Integer.parseInt(f[1]), f[2], Integer.parseInt(f[3]), f[4], f[5], f[6], f[7],
                    f[8], f[9]));
        }
        assertEquals(14, exchanges.size(), result.outText());

        byte[] index = Files.readAllBytes(dir.resolve("index.html"));
        Exchange get = exchanges.get(0);
        assertEquals("GET", get.label());
        assertEquals(200, get.status(), get.toString());
        assertEquals(index.length, get.length());
        assertEquals(sha256(index), get.sha256());
        assertEquals("text/html; charset=utf-8", get.contentType());

        Exchange head = exchanges.get(1);
        assertEquals("HEAD", head.label());
        assertEquals(200, head.status(), head.toString());
        assertEquals(0, head.length());
        assertEquals(Integer.toString(index.length), head.contentLength());

        Exchange range = exchanges.get(2);
        assertEquals("RANGE", range.label());
        assertEquals(206, range.status(), range.toString());
        assertEquals("bytes 1000-1999/" + big.length, range.contentRange());
        assertEquals(1000, range.length());
        assertEquals(sha256(Arrays.copyOfRange(big, 1000, 2000)), range.sha256());

        Exchange created = exchanges.get(3);
        assertEquals("POST", created.label());
        assertEquals(201, created.status(), created.toString());
        assertTrue(created.location().matches("/uploads/upload_\\d{8}_\\d{6}_[a-z0-9]{4}\\.json"), created.location());
        assertArrayEquals(json, Files.readAllBytes(dir.resolve(created.location().substring(1))));

        for (Exchange async : exchanges.subList(4, 14)) {
            assertEquals("ASYNC", async.label());
            assertEquals(200, async.status(), async.toString());
            assertEquals(big.length, async.length());
            assertEquals(sha256(big), async.sha256());
        }
        return exchanges;
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
