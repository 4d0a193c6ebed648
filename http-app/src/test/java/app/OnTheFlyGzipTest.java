package app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.Fetch.Answer;
import app.Fetch.Wire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * gzip made here for compressible files without a fresh {@code F.gz}, as the choice in StaticFiles makes it: at the
 * 1 KiB threshold, cached with a length and ranges up to 1 MiB, streamed past it; against precompressed siblings and
 * q-values; over HTTP/1.1, h2c and h2.
 */
class OnTheFlyGzipTest {

    private static final int MIB = 1 << 20;

    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        TestServer.site(dir);
        Files.write(dir.resolve("small.txt"), text(1023));
        Files.write(dir.resolve("threshold.txt"), text(1024));
        Files.write(dir.resolve("app.js"), text(40_000));
        Files.write(dir.resolve("cached.css"), text(MIB));
        Files.write(dir.resolve("streamed.css"), text(MIB + 1));
        Files.write(dir.resolve("photo.jpg"), text(5000));
        Files.write(dir.resolve("with-gz.html"), text(3000));
        Files.write(dir.resolve("with-gz.html.gz"), Gzip.compress(text(3000)));
        Files.write(dir.resolve("with-br.html"), text(3000));
        Files.write(dir.resolve("with-br.html.br"), "not really brotli".getBytes(StandardCharsets.US_ASCII));
        server = TestServer.startTls(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** {@code size} bytes of text that compress well but not to nothing. */
    static byte[] text(int size) {
        var out = new StringBuilder(size + 64);
        for (int i = 0; out.length() < size; i++) {
            out.append("line ").append(i).append(": the quick brown fox jumps over the lazy dog ").append(i % 97).append('\n');
        }
        return Arrays.copyOf(out.toString().getBytes(StandardCharsets.US_ASCII), size);
    }

    private static byte[] file(String name) throws IOException {
        return Files.readAllBytes(dir.resolve(name));
    }

    private static Answer get(Wire wire, String target, String... fields) throws IOException {
        return Fetch.fetch(server, wire, "GET", target, fields);
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void fromOneKibibyteUp(Wire wire) throws Exception {
        Answer below = get(wire, "/small.txt", "Accept-Encoding", "gzip");
        assertNull(below.field("content-encoding"), "1023 bytes: identity");
        assertArrayEquals(file("small.txt"), below.body());
        assertEquals("Accept-Encoding", below.field("vary"), "a compressible type varies all the same");
        Answer at = get(wire, "/threshold.txt", "Accept-Encoding", "gzip");
        assertEquals("gzip", at.field("content-encoding"), "1024 bytes: gzip");
        assertArrayEquals(file("threshold.txt"), Gzip.decompress(at.body()));
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aCachedBodyHasALengthATagOfItsOwnAnd304(Wire wire) throws Exception {
        Answer identity = get(wire, "/app.js");
        Answer gzip = get(wire, "/app.js", "Accept-Encoding", "gzip, deflate");
        assertEquals(200, gzip.status());
        assertEquals("gzip", gzip.field("content-encoding"));
        assertEquals("text/javascript; charset=utf-8", gzip.field("content-type"));
        assertEquals(Long.toString(gzip.body().length), gzip.field("content-length"));
        assertTrue(gzip.body().length < file("app.js").length / 3, gzip.body().length + " bytes");
        assertArrayEquals(file("app.js"), Gzip.decompress(gzip.body()));
        assertEquals("bytes", gzip.field("accept-ranges"));
        assertEquals("Accept-Encoding", gzip.field("vary"));
        String tag = identity.field("etag");
        assertEquals(tag.substring(0, tag.length() - 1) + "-gzip-l6\"", gzip.field("etag"));
        assertArrayEquals(gzip.body(), get(wire, "/app.js", "Accept-Encoding", "gzip").body(), "the same bytes again");

        Answer notModified = get(wire, "/app.js", "Accept-Encoding", "gzip", "If-None-Match", gzip.field("etag"));
        assertEquals(304, notModified.status());
        assertEquals("gzip", notModified.field("content-encoding"));
        assertEquals("Accept-Encoding", notModified.field("vary"));
        assertEquals(200, get(wire, "/app.js", "Accept-Encoding", "gzip", "If-None-Match", tag).status());
        assertEquals(200, get(wire, "/app.js", "If-None-Match", gzip.field("etag")).status());
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void rangesOfACachedBodyAreItsBytes(Wire wire) throws Exception {
        byte[] whole = get(wire, "/app.js", "Accept-Encoding", "gzip").body();
        Answer partial = get(wire, "/app.js", "Accept-Encoding", "gzip", "Range", "bytes=5-104");
        assertEquals(206, partial.status());
        assertEquals("bytes 5-104/" + whole.length, partial.field("content-range"));
        assertArrayEquals(Arrays.copyOfRange(whole, 5, 105), partial.body());
        assertEquals("gzip", partial.field("content-encoding"));
        assertEquals("Accept-Encoding", partial.field("vary"));

        Answer multi = get(wire, "/app.js", "Accept-Encoding", "gzip", "Range", "bytes=0-3,-4");
        assertEquals(206, multi.status());
        String body = new String(multi.body(), StandardCharsets.ISO_8859_1);
        String boundary = multi.field("content-type").substring("multipart/byteranges; boundary=".length());
        assertTrue(body.contains("Content-Range: bytes 0-3/" + whole.length + "\r\n\r\n"
                + new String(whole, 0, 4, StandardCharsets.ISO_8859_1) + "\r\n--" + boundary), body);
        assertTrue(body.endsWith(new String(whole, whole.length - 4, 4, StandardCharsets.ISO_8859_1)
                + "\r\n--" + boundary + "--\r\n"));
        assertEquals(Long.toString(multi.body().length), multi.field("content-length"));

        Answer unsatisfiable = get(wire, "/app.js", "Accept-Encoding", "gzip", "Range", "bytes=" + whole.length + "-");
        assertEquals(416, unsatisfiable.status());
        assertEquals("bytes */" + whole.length, unsatisfiable.field("content-range"));
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void oneMebibyteIsCachedOneByteMoreIsStreamed(Wire wire) throws Exception {
        Answer cached = get(wire, "/cached.css", "Accept-Encoding", "gzip");
        assertEquals("gzip", cached.field("content-encoding"));
        assertEquals(Long.toString(cached.body().length), cached.field("content-length"));
        assertEquals("bytes", cached.field("accept-ranges"));
        assertFalse(cached.chunked());
        assertArrayEquals(file("cached.css"), Gzip.decompress(cached.body()));

        Answer streamed = get(wire, "/streamed.css", "Accept-Encoding", "gzip");
        assertEquals(200, streamed.status());
        assertEquals("gzip", streamed.field("content-encoding"));
        assertNull(streamed.field("content-length"));
        assertEquals(wire == Wire.HTTP1, streamed.chunked());
        assertEquals("none", streamed.field("accept-ranges"));
        assertEquals("Accept-Encoding", streamed.field("vary"));
        assertTrue(streamed.field("etag").endsWith("-gzip-l6\""));
        assertArrayEquals(file("streamed.css"), Gzip.decompress(streamed.body()));

        Answer ranged = get(wire, "/streamed.css", "Accept-Encoding", "gzip", "Range", "bytes=0-99");
        assertEquals(200, ranged.status(), "no ranges of a body made as it is sent: the whole of it");
        assertArrayEquals(file("streamed.css"), Gzip.decompress(ranged.body()));
        Answer notModified = get(wire, "/streamed.css", "Accept-Encoding", "gzip", "If-None-Match",
                streamed.field("etag"));
        assertEquals(304, notModified.status());
        assertNull(notModified.field("content-length"));
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void headHasGetsFieldsCachedAndStreamed(Wire wire) throws Exception {
        for (String target : List.of("/app.js", "/streamed.css")) {
            // The same client id both times, or the X-Request-Id fields would differ by nature.
            Answer get = get(wire, target, "Accept-Encoding", "gzip", "X-Request-Id", "head-is-get");
            Answer head = Fetch.fetch(server, wire, "HEAD", target, "Accept-Encoding", "gzip",
                    "X-Request-Id", "head-is-get");
            assertEquals(0, head.body().length);
            var getFields = new LinkedHashMap<>(get.fields());
            var headFields = new LinkedHashMap<>(head.fields());
            getFields.remove("date");
            headFields.remove("date");
            assertEquals(getFields, headFields, target);
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aPrecompressedSiblingAndTheQValuesComeFirst(Wire wire) throws Exception {
        Answer sibling = get(wire, "/with-gz.html", "Accept-Encoding", "gzip");
        assertArrayEquals(file("with-gz.html.gz"), sibling.body(), "F.gz, not gzip made here");
        Answer gzipOnly = get(wire, "/with-br.html", "Accept-Encoding", "gzip");
        assertEquals("gzip", gzipOnly.field("content-encoding"), "no F.gz: made here");
        assertArrayEquals(file("with-br.html"), Gzip.decompress(gzipOnly.body()));
        assertEquals("br", get(wire, "/with-br.html", "Accept-Encoding", "gzip, br").field("content-encoding"),
                "a tie goes to br");
        assertEquals("gzip", get(wire, "/with-br.html", "Accept-Encoding", "br;q=0.5, gzip").field("content-encoding"));
        assertNull(get(wire, "/with-br.html", "Accept-Encoding", "br;q=0, gzip;q=0").field("content-encoding"));
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void gzipMadeHereMeansIdentityMayBeRefused(Wire wire) throws Exception {
        Answer answer = get(wire, "/app.js", "Accept-Encoding", "identity;q=0, gzip");
        assertEquals(200, answer.status());
        assertEquals("gzip", answer.field("content-encoding"));
        assertEquals(406, get(wire, "/small.txt", "Accept-Encoding", "identity;q=0, gzip").status(), "too small");
        assertEquals(406, get(wire, "/photo.jpg", "Accept-Encoding", "identity;q=0, gzip").status(), "not compressible");
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void incompressibleTypesAreSentAsTheyAre(Wire wire) throws Exception {
        Answer answer = get(wire, "/photo.jpg", "Accept-Encoding", "gzip");
        assertNull(answer.field("content-encoding"));
        assertNull(answer.field("vary"));
        assertArrayEquals(file("photo.jpg"), answer.body());
    }

    @Test
    void compressOffSendsFilesAsTheyAre() throws Exception {
        try (var off = TestServer.start(dir, "--compress", "off")) {
            Answer answer = Fetch.fetch(off, Wire.HTTP1, "GET", "/app.js", "Accept-Encoding", "gzip");
            assertNull(answer.field("content-encoding"));
            assertArrayEquals(file("app.js"), answer.body());
            assertEquals("Accept-Encoding", answer.field("vary"));
            Answer sibling = Fetch.fetch(off, Wire.HTTP1, "GET", "/with-gz.html", "Accept-Encoding", "gzip");
            assertArrayEquals(file("with-gz.html.gz"), sibling.body(), "precompressed siblings cost nothing: still sent");
        }
    }

    @Test
    void anUploadedJsonFileIsServedCompressed() throws Exception {
        byte[] json = ("{\"items\":[" + "\"an item of the list\",".repeat(100) + "\"last\"]}")
                .getBytes(StandardCharsets.UTF_8);
        String location;
        try (var client = server.client()) {
            client.send(("POST /upload HTTP/1.1\r\nHost: " + server.host() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + json.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            client.send(json);
            RawClient.Reply created = client.read();
            assertEquals(201, created.status());
            assertNull(created.header("Content-Encoding"), "the upload answer stays identity");
            location = created.header("Location");
        }
        Answer answer = get(Wire.HTTP1, location, "Accept-Encoding", "gzip");
        assertEquals("gzip", answer.field("content-encoding"));
        assertEquals("application/json; charset=utf-8", answer.field("content-type"));
        assertArrayEquals(json, Gzip.decompress(answer.body()));
        Files.delete(dir.resolve(location.substring(1)));
    }

    @Test
    void curlCompressedGetsTheFile() throws Exception {
        Optional<Path> curl = ExternalCommand.find("curl");
        assumeTrue(curl.isPresent(), "curl is not installed");
        for (String target : List.of("/app.js", "/streamed.css")) {
            var result = ExternalCommand.run(dir, List.of(curl.get().toString(), "-sS", "--compressed",
                    "-D", "-", server.base() + target));
            assertEquals(0, result.exitCode(), result.err());
            String out = new String(result.out(), StandardCharsets.ISO_8859_1);
            int end = out.indexOf("\r\n\r\n");
            String head = out.substring(0, end).toLowerCase(java.util.Locale.ROOT);
            assertTrue(head.contains("content-encoding: gzip"), head);
            byte[] body = Arrays.copyOfRange(result.out(), end + 4, result.out().length);
            assertArrayEquals(file(target.substring(1)), body, target);
        }
    }

    @Test
    void aChangedFileIsCompressedAgain() throws Exception {
        Files.write(dir.resolve("changing.txt"), text(5000));
        Answer before = get(Wire.HTTP1, "/changing.txt", "Accept-Encoding", "gzip");
        byte[] changed = text(6000);
        Files.write(dir.resolve("changing.txt"), changed);
        Answer after = get(Wire.HTTP1, "/changing.txt", "Accept-Encoding", "gzip");
        assertNotEquals(before.field("etag"), after.field("etag"));
        assertArrayEquals(changed, Gzip.decompress(after.body()));
    }
}
