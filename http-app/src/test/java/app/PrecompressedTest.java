package app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.Fetch.Answer;
import app.Fetch.Wire;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Precompressed siblings chosen by Accept-Encoding, over HTTP/1.1, h2c and h2: the exact variant bytes, the
 * variant's own validators and ranges, Vary on every answer for a resource that varies, and 406.
 */
class PrecompressedTest {

    private static Answer fetch(TestServer server, Wire wire, String method, String target, String... fields)
            throws IOException {
        return Fetch.fetch(server, wire, method, target, fields);
    }

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    static Path dir;
    static TestServer server;
    static byte[] page;

    @BeforeAll
    static void start() throws IOException {
        TestServer.site(dir);
        var text = new StringBuilder("<!DOCTYPE html><title>Page</title>\n");
        for (int i = 0; i < 120; i++) {
            text.append("<p>Paragraph ").append(i).append(" of a page that compresses well.</p>\n");
        }
        page = text.toString().getBytes(StandardCharsets.UTF_8);
        write("page.html", page, T);
        write("page.html.gz", gzip(page), T);
        write("page.html.br", marked("br", 701), T.plusSeconds(5));
        write("page.html.zst", marked("zstd", 809), T);
        write("stale.css", "body { color: red }\n".getBytes(StandardCharsets.UTF_8), T);
        write("stale.css.br", marked("br", 40), T.minusSeconds(10));
        write("photo.jpg", marked("jpeg", 2000), T);
        write("logo.svg.gz", gzip("<svg/>".getBytes(StandardCharsets.UTF_8)), T);
        write("notes.txt", "notes\n".repeat(50).getBytes(StandardCharsets.UTF_8), T);
        write("notes.txt.br", marked("br", 33), T);
        write("docs/index.html", page, T);
        write("docs/index.html.gz", gzip(page), T);
        Path outside = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-outside"));
        Files.write(outside.resolve("leak.br"), marked("leak", 50));
        write("escape.html", page, T);
        Files.createSymbolicLink(dir.resolve("escape.html.br"), outside.resolve("leak.br"));
        server = TestServer.startTls(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void write(String name, byte[] bytes, Instant modified) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    /** Bytes that say which file they are: the server never decodes a variant, it only sends it. */
    private static byte[] marked(String mark, int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        byte[] head = mark.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] file(String name) throws IOException {
        return Files.readAllBytes(dir.resolve(name));
    }

    private static Answer get(Wire wire, String target, String... fields) throws IOException {
        return fetch(server, wire, "GET", target, fields);
    }

    static List<Arguments> choices() {
        var rows = new ArrayList<Arguments>();
        String[][] table = {
            // Accept-Encoding, the coding sent ("" = identity), the file whose bytes are sent
            {null, "", "page.html"},
            {"", "", "page.html"},
            {"br", "br", "page.html.br"},
            {"gzip", "gzip", "page.html.gz"},
            {"x-gzip", "gzip", "page.html.gz"},
            {"zstd", "zstd", "page.html.zst"},
            {"gzip, deflate, br, zstd", "br", "page.html.br"},
            {"gzip, zstd", "zstd", "page.html.zst"},
            {"gzip;q=1, br;q=0.5", "gzip", "page.html.gz"},
            {"br;q=0, zstd;q=0.1, gzip;q=0.1", "zstd", "page.html.zst"},
            {"identity;q=0.9, gzip;q=0.5", "", "page.html"},
            {"*", "br", "page.html.br"},
            {"*;q=0.5, identity", "", "page.html"},
            {"deflate", "", "page.html"},
            {"gzip;q=2", "", "page.html"},
        };
        for (Wire wire : Wire.values()) {
            for (String[] row : table) {
                rows.add(Arguments.of(wire, row[0], row[1], row[2]));
            }
        }
        return rows;
    }

    @ParameterizedTest(name = "[{index}] {0} Accept-Encoding: {1} -> ''{2}''")
    @MethodSource("choices")
    void eachVariantIsChosenAndSentByteForByte(Wire wire, String accept, String coding, String sent) throws Exception {
        Answer answer = accept == null ? get(wire, "/page.html") : get(wire, "/page.html", "Accept-Encoding", accept);
        assertEquals(200, answer.status());
        assertArrayEquals(file(sent), answer.body());
        assertEquals(coding.isEmpty() ? null : coding, answer.field("content-encoding"));
        assertEquals("text/html; charset=utf-8", answer.field("content-type"));
        assertEquals("Accept-Encoding", answer.field("vary"));
        assertEquals(Long.toString(file(sent).length), answer.field("content-length"));
        assertEquals("bytes", answer.field("accept-ranges"));
        String identityTag = identityTag(wire);
        if (coding.isEmpty()) {
            assertEquals(identityTag, answer.field("etag"));
        } else {
            String opaque = identityTag.substring(1, identityTag.length() - 1);
            assertTrue(answer.field("etag").startsWith("\"" + opaque + "-" + coding + "-"), answer.field("etag"));
        }
    }

    private static String identityTag(Wire wire) throws IOException {
        return get(wire, "/page.html").field("etag");
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void theGzipVariantDecodesToTheFile(Wire wire) throws Exception {
        Answer answer = get(wire, "/page.html", "Accept-Encoding", "gzip");
        try (var in = new GZIPInputStream(new ByteArrayInputStream(answer.body()))) {
            assertArrayEquals(page, in.readAllBytes());
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void everyCodingHasItsOwnStrongTagAndItsOwn304(Wire wire) throws Exception {
        var tags = new LinkedHashMap<String, String>();
        for (String coding : List.of("identity", "br", "zstd", "gzip")) {
            Answer answer = get(wire, "/page.html", "Accept-Encoding", coding);
            String tag = answer.field("etag");
            assertFalse(tag.startsWith("W/"), "strong");
            tags.put(coding, tag);
        }
        assertEquals(4, Map.copyOf(tags).values().stream().distinct().count(), "distinct: " + tags);
        for (var entry : tags.entrySet()) {
            String coding = entry.getKey();
            Answer notModified = get(wire, "/page.html", "Accept-Encoding", coding, "If-None-Match", entry.getValue());
            assertEquals(304, notModified.status(), coding);
            assertEquals(0, notModified.body().length);
            assertEquals(entry.getValue(), notModified.field("etag"));
            assertEquals("Accept-Encoding", notModified.field("vary"), coding);
            assertEquals(coding.equals("identity") ? null : coding, notModified.field("content-encoding"));
            assertEquals(200, get(wire, "/page.html", "Accept-Encoding", coding, "If-None-Match",
                    tags.get(coding.equals("br") ? "gzip" : "br")).status(), "another variant's tag does not match");
            assertEquals(304, get(wire, "/page.html", "Accept-Encoding", coding, "If-None-Match",
                    String.join(", ", tags.values())).status(), "a list holding it");
        }
        assertEquals(200, get(wire, "/page.html", "Accept-Encoding", "br", "If-Match", tags.get("br")).status());
        Answer failed = get(wire, "/page.html", "Accept-Encoding", "br", "If-Match", tags.get("identity"));
        assertEquals(412, failed.status());
        assertEquals("Accept-Encoding", failed.field("vary"));
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void rangesApplyToTheVariantsBytes(Wire wire) throws Exception {
        byte[] br = file("page.html.br");
        Answer partial = get(wire, "/page.html", "Accept-Encoding", "br", "Range", "bytes=10-109");
        assertEquals(206, partial.status());
        assertArrayEquals(Arrays.copyOfRange(br, 10, 110), partial.body());
        assertEquals("bytes 10-109/" + br.length, partial.field("content-range"));
        assertEquals("br", partial.field("content-encoding"));
        assertEquals("Accept-Encoding", partial.field("vary"));
        String tag = partial.field("etag");

        Answer suffix = get(wire, "/page.html", "Accept-Encoding", "br", "Range", "bytes=-5", "If-Range", tag);
        assertEquals(206, suffix.status());
        assertArrayEquals(Arrays.copyOfRange(br, br.length - 5, br.length), suffix.body());

        Answer otherTag = get(wire, "/page.html", "Accept-Encoding", "br", "Range", "bytes=0-4",
                "If-Range", identityTag(wire));
        assertEquals(200, otherTag.status(), "If-Range with the identity's tag: the whole variant");
        assertArrayEquals(br, otherTag.body());

        Answer multi = get(wire, "/page.html", "Accept-Encoding", "br", "Range", "bytes=0-1,20-21");
        assertEquals(206, multi.status());
        assertTrue(multi.field("content-type").startsWith("multipart/byteranges; boundary="));
        String body = new String(multi.body(), StandardCharsets.ISO_8859_1);
        assertTrue(body.contains("Content-Range: bytes 0-1/" + br.length), body);
        assertTrue(body.contains("Content-Type: text/html; charset=utf-8"));

        Answer unsatisfiable = get(wire, "/page.html", "Accept-Encoding", "br", "Range", "bytes=" + br.length + "-");
        assertEquals(416, unsatisfiable.status());
        assertEquals("bytes */" + br.length, unsatisfiable.field("content-range"));
        assertEquals("Accept-Encoding", unsatisfiable.field("vary"));
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aStaleVariantIsIgnored(Wire wire) throws Exception {
        Answer answer = get(wire, "/stale.css", "Accept-Encoding", "br");
        assertEquals(200, answer.status());
        assertArrayEquals(file("stale.css"), answer.body());
        assertNull(answer.field("content-encoding"));
        assertEquals("Accept-Encoding", answer.field("vary"), "a compressible type varies all the same");
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aVariantLeadingOutOfTheRootIsIgnored(Wire wire) throws Exception {
        Answer answer = get(wire, "/escape.html", "Accept-Encoding", "br");
        assertArrayEquals(page, answer.body());
        assertNull(answer.field("content-encoding"));
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void varyOnlyWhereTheAnswerDependsOnAcceptEncoding(Wire wire) throws Exception {
        assertNull(get(wire, "/photo.jpg", "Accept-Encoding", "br, gzip").field("vary"), "no variant, not compressible");
        Answer svg = get(wire, "/logo.svg.gz", "Accept-Encoding", "gzip");
        assertNull(svg.field("vary"));
        for (String target : List.of("/page.html", "/stale.css", "/notes.txt", "/docs/", "/index.html")) {
            for (String accept : List.of("gzip", "identity")) {
                assertEquals("Accept-Encoding", get(wire, target, "Accept-Encoding", accept).field("vary"), target);
            }
            assertEquals("Accept-Encoding", get(wire, target).field("vary"), target + " without Accept-Encoding");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void headHasGetsFieldsForEveryCoding(Wire wire) throws Exception {
        for (String accept : List.of("br", "zstd", "gzip", "identity")) {
            // The same client id both times, or the X-Request-Id fields would differ by nature.
            Answer get = get(wire, "/page.html", "Accept-Encoding", accept, "X-Request-Id", "head-is-get");
            Answer head = fetch(server, wire, "HEAD", "/page.html", "Accept-Encoding", accept,
                    "X-Request-Id", "head-is-get");
            assertEquals(200, head.status());
            assertEquals(0, head.body().length);
            var getFields = new LinkedHashMap<>(get.fields());
            var headFields = new LinkedHashMap<>(head.fields());
            getFields.remove("date");
            headFields.remove("date");
            assertEquals(getFields, headFields, accept);
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void nothingAcceptableIs406(Wire wire) throws Exception {
        for (String[] row : new String[][] {
            {"/photo.jpg", "identity;q=0"}, {"/page.html", "*;q=0"}, {"/stale.css", "identity;q=0, br"},
            {"/page.html", "identity;q=0, deflate"}}) {
            Answer answer = get(wire, row[0], "Accept-Encoding", row[1]);
            assertEquals(406, answer.status(), row[0] + " " + row[1]);
            assertEquals("text/html; charset=utf-8", answer.field("content-type"));
            assertNull(answer.field("content-encoding"), "error pages stay identity");
            assertTrue(new String(answer.body(), StandardCharsets.UTF_8).contains("<h1>406 Not Acceptable</h1>"));
            assertEquals("Accept-Encoding", answer.field("vary"));
        }
        Answer refusedButVariant = get(wire, "/page.html", "Accept-Encoding", "identity;q=0, gzip");
        assertEquals(200, refusedButVariant.status());
        assertEquals("gzip", refusedButVariant.field("content-encoding"));
        assertEquals(404, get(wire, "/missing.html", "Accept-Encoding", "identity;q=0").status(),
                "a missing file is missing, whatever the codings");
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void variantsAreFilesOfTheirOwnUnderTheirOwnNames(Wire wire) throws Exception {
        Answer gz = get(wire, "/page.html.gz", "Accept-Encoding", "gzip, br");
        assertEquals(200, gz.status());
        assertEquals("application/gzip", gz.field("content-type"));
        assertNull(gz.field("content-encoding"), "a coding is never applied twice");
        assertArrayEquals(file("page.html.gz"), gz.body());
        Answer br = get(wire, "/page.html.br", "Accept-Encoding", "br");
        assertEquals("application/x-brotli", br.field("content-type"));
        assertNull(br.field("content-encoding"));
        assertEquals("application/zstd", get(wire, "/page.html.zst").field("content-type"));
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aVariantKeepsItsOriginalsDownloadPolicy(Wire wire) throws Exception {
        Answer answer = get(wire, "/notes.txt", "Accept-Encoding", "br");
        assertEquals("application/octet-stream", answer.field("content-type"));
        assertEquals("attachment; filename=\"notes.txt\"", answer.field("content-disposition"));
        assertEquals("br", answer.field("content-encoding"));
        assertArrayEquals(file("notes.txt.br"), answer.body());
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aFoldersIndexHasVariantsToo(Wire wire) throws Exception {
        Answer answer = get(wire, "/docs/", "Accept-Encoding", "gzip");
        assertEquals("gzip", answer.field("content-encoding"));
        assertArrayEquals(file("docs/index.html.gz"), answer.body());
    }

    @Test
    void thePrecompressedFlagChoosesWhichSiblingsCount() throws Exception {
        try (var gzOnly = TestServer.start(dir, "--precompressed", "gz")) {
            Answer answer = fetch(gzOnly, Wire.HTTP1, "GET", "/page.html", "Accept-Encoding", "br, zstd, gzip");
            assertEquals("gzip", answer.field("content-encoding"));
            assertArrayEquals(file("page.html.gz"), answer.body());
            Answer none = fetch(gzOnly, Wire.HTTP1, "GET", "/page.html", "Accept-Encoding", "br, zstd");
            assertNull(none.field("content-encoding"));
        }
        try (var off = TestServer.start(dir, "--precompressed", "")) {
            Answer answer = fetch(off, Wire.HTTP1, "GET", "/page.html", "Accept-Encoding", "br, zstd, gzip");
            assertEquals("gzip", answer.field("content-encoding"), "made here, without its sibling");
            assertArrayEquals(page, Gzip.decompress(answer.body()));
            assertTrue(answer.field("etag").endsWith("-gzip-l6\""), answer.field("etag"));
        }
        try (var off = TestServer.start(dir, "--precompressed", "", "--compress", "off")) {
            Answer answer = fetch(off, Wire.HTTP1, "GET", "/page.html", "Accept-Encoding", "br, zstd, gzip");
            assertNull(answer.field("content-encoding"));
            assertArrayEquals(page, answer.body());
            assertEquals("Accept-Encoding", answer.field("vary"), "still a compressible type");
            Answer notes = fetch(off, Wire.HTTP1, "GET", "/photo.jpg", "Accept-Encoding", "br");
            assertNull(notes.field("vary"));
        }
    }

    @Test
    void aRegeneratedVariantGetsANewTag() throws Exception {
        write("again.html", page, T);
        write("again.html.gz", gzip(page), T);
        String before = get(Wire.HTTP1, "/again.html", "Accept-Encoding", "gzip").field("etag");
        write("again.html.gz", marked("gz", 99), T.plusSeconds(30));
        Answer after = get(Wire.HTTP1, "/again.html", "Accept-Encoding", "gzip");
        assertNotEquals(before, after.field("etag"));
        assertArrayEquals(file("again.html.gz"), after.body());
    }
}
