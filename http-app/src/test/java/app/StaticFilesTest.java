package app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GET, HEAD, OPTIONS of files: types, downloads, validators, conditionals, ranges. */
class StaticFilesTest {

    @TempDir
    Path dir;
    byte[] big;

    @BeforeEach
    void site() throws Exception {
        TestServer.site(dir);
        big = new byte[(1 << 20) + 12_345];
        new Random(42).nextBytes(big);
        Files.write(dir.resolve("big.bin"), big);
        Files.write(dir.resolve("photo.jpg"), Arrays.copyOf(big, 5000));
        Files.writeString(dir.resolve("data.json"), "{\"a\":1}");
        Files.writeString(dir.resolve("café menu.txt"), "menu\n");
        Files.writeString(dir.resolve(".secret"), "hidden\n");
        Files.createSymbolicLink(dir.resolve("escape.txt"), Path.of("/etc/hostname"));
    }

    private static RawClient.Reply request(TestServer server, String method, String target, String... fields)
            throws Exception {
        try (var client = server.client()) {
            var text = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: " + server.host() + "\r\n");
            for (String field : fields) {
                text.append(field).append("\r\n");
            }
            client.send(text.append("Connection: close\r\n\r\n").toString());
            return client.read(method.equals("HEAD"));
        }
    }

    @Test
    void htmlIsInlineWithUtf8() throws Exception {
        try (var server = TestServer.start(dir)) {
            var reply = request(server, "GET", "/");
            assertEquals(200, reply.status());
            assertEquals("text/html; charset=utf-8", reply.header("Content-Type"));
            assertNull(reply.header("Content-Disposition"));
            assertArrayEquals(Files.readAllBytes(dir.resolve("index.html")), reply.body());
            for (String field : List.of("Date", "Server", "ETag", "Last-Modified", "Content-Length")) {
                assertNotNull(reply.header(field), field);
            }
            assertEquals("bytes", reply.header("Accept-Ranges"));
            assertTrue(reply.header("Server").startsWith("http-server/"));
        }
    }

    @Test
    void downloadPolicyMakesAttachments() throws Exception {
        try (var server = TestServer.start(dir)) {
            var png = request(server, "GET", "/logo.png");
            assertEquals("application/octet-stream", png.header("Content-Type"));
            assertEquals("attachment; filename=\"logo.png\"", png.header("Content-Disposition"));
            var css = request(server, "GET", "/style.css");
            assertEquals("text/css; charset=utf-8", css.header("Content-Type"));
            assertNull(css.header("Content-Disposition"));
            var unicode = request(server, "GET", "/caf%C3%A9%20menu.txt");
            assertEquals(200, unicode.status());
            assertTrue(unicode.header("Content-Disposition").contains("filename*=UTF-8''caf%C3%A9%20menu.txt"),
                    unicode.header("Content-Disposition"));
        }
        try (var server = TestServer.start(dir, "--downloads", "")) {
            var png = request(server, "GET", "/logo.png");
            assertEquals("image/png", png.header("Content-Type"));
            assertNull(png.header("Content-Disposition"));
            assertEquals("image/jpeg", request(server, "GET", "/photo.jpg").header("Content-Type"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/about.html", "/logo.png", "/style.css", "/big.bin", "/data.json", "/docs/"})
    void headIsGetWithoutTheBody(String path) throws Exception {
        try (var server = TestServer.start(dir)) {
            // The same client id both times, or the X-Request-Id fields would differ by nature.
            var get = request(server, "GET", path, "X-Request-Id: head-is-get");
            var head = request(server, "HEAD", path, "X-Request-Id: head-is-get");
            assertEquals(get.status(), head.status());
            var getFields = new java.util.HashMap<>(get.headers());
            var headFields = new java.util.HashMap<>(head.headers());
            getFields.remove("date");
            headFields.remove("date");
            assertEquals(getFields, headFields);
            assertEquals(0, head.body().length);
        }
    }

    @Test
    void directoriesServeTheirIndexAndRedirectWithoutSlash() throws Exception {
        try (var server = TestServer.start(dir)) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("docs/index.html")), request(server, "GET", "/docs/").body());
            var redirect = request(server, "GET", "/docs?x=1");
            assertEquals(301, redirect.status());
            assertEquals("/docs/?x=1", redirect.header("Location"));
            assertEquals(404, request(server, "GET", "/uploads/").status());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/missing.html", "/.secret", "/escape.txt", "/%252e%252e/x", "/docs/missing/"})
    void whatIsNotAFileInsideTheRootIsNotFound(String target) throws Exception {
        try (var server = TestServer.start(dir)) {
            var reply = request(server, "GET", target);
            assertEquals(404, reply.status(), target);
            assertTrue(reply.text().contains("<h1>404 Not Found</h1>"), reply.text());
            assertTrue(!reply.text().contains("hidden"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../etc/passwd", "/./index.html", "/docs/../index.html", "/%2e%2e/etc/passwd", "//etc/passwd"})
    void traversalIsForbidden(String target) throws Exception {
        try (var server = TestServer.start(dir)) {
            assertEquals(403, request(server, "GET", target).status(), target);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a%2fb", "/%zz", "/%00", "/a%5cb", "/%c0%ae%c0%ae/"})
    void malformedPathsAre400(String target) throws Exception {
        try (var server = TestServer.start(dir)) {
            assertEquals(400, request(server, "GET", target).status(), target);
        }
    }

    @Test
    void conditionalRequests() throws Exception {
        try (var server = TestServer.start(dir)) {
            var first = request(server, "GET", "/about.html");
            String etag = first.header("ETag");
            String modified = first.header("Last-Modified");
            assertTrue(etag.startsWith("\"") && etag.endsWith("\""), etag);

            var notModified = request(server, "GET", "/about.html", "If-None-Match: " + etag);
            assertEquals(304, notModified.status());
            assertEquals(etag, notModified.header("ETag"));
            assertEquals(modified, notModified.header("Last-Modified"));
            assertEquals(first.header("Content-Length"), notModified.header("Content-Length"));
            assertEquals(304, request(server, "GET", "/about.html", "If-None-Match: \"x\", " + etag).status());
            assertEquals(304, request(server, "GET", "/about.html", "If-None-Match: *").status());
            assertEquals(304, request(server, "GET", "/about.html", "If-Modified-Since: " + modified).status());
            // If-None-Match wins over If-Modified-Since (RFC 9110 §13.1.3).
            assertEquals(200, request(server, "GET", "/about.html", "If-None-Match: \"other\"",
                    "If-Modified-Since: " + modified).status());
            assertEquals(200, request(server, "GET", "/about.html",
                    "If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT").status());
            assertEquals(412, request(server, "GET", "/about.html", "If-Match: \"other\"").status());
            assertEquals(200, request(server, "GET", "/about.html", "If-Match: " + etag).status());
            assertEquals(412, request(server, "GET", "/about.html",
                    "If-Unmodified-Since: Thu, 01 Jan 1970 00:00:00 GMT").status());
        }
    }

    @Test
    void singleRanges() throws Exception {
        try (var server = TestServer.start(dir)) {
            var reply = request(server, "GET", "/big.bin", "Range: bytes=100-199");
            assertEquals(206, reply.status());
            assertEquals("bytes 100-199/" + big.length, reply.header("Content-Range"));
            assertArrayEquals(Arrays.copyOfRange(big, 100, 200), reply.body());

            var suffix = request(server, "GET", "/big.bin", "Range: bytes=-500");
            assertArrayEquals(Arrays.copyOfRange(big, big.length - 500, big.length), suffix.body());
            var open = request(server, "GET", "/big.bin", "Range: bytes=" + (big.length - 10) + "-");
            assertArrayEquals(Arrays.copyOfRange(big, big.length - 10, big.length), open.body());

            var unsatisfiable = request(server, "GET", "/big.bin", "Range: bytes=" + big.length + "-");
            assertEquals(416, unsatisfiable.status());
            assertEquals("bytes */" + big.length, unsatisfiable.header("Content-Range"));

            assertEquals(200, request(server, "GET", "/big.bin", "Range: lines=1-2").status());
            assertEquals(200, request(server, "HEAD", "/big.bin", "Range: bytes=0-1").status());
        }
    }

    @Test
    void ifRangeSendsTheWholeFileWhenTheValidatorChanged() throws Exception {
        try (var server = TestServer.start(dir)) {
            String etag = request(server, "HEAD", "/big.bin").header("ETag");
            assertEquals(206, request(server, "GET", "/big.bin", "Range: bytes=0-9", "If-Range: " + etag).status());
            var stale = request(server, "GET", "/big.bin", "Range: bytes=0-9", "If-Range: \"stale\"");
            assertEquals(200, stale.status());
            assertArrayEquals(big, stale.body());
        }
    }

    @Test
    void multipleRangesAreMultipart() throws Exception {
        try (var server = TestServer.start(dir)) {
            var reply = request(server, "GET", "/big.bin", "Range: bytes=0-9, 1000-1009, -5");
            assertEquals(206, reply.status());
            String type = reply.header("Content-Type");
            assertTrue(type.startsWith("multipart/byteranges; boundary="), type);
            String boundary = type.substring(type.indexOf('=') + 1);
            String body = new String(reply.body(), StandardCharsets.ISO_8859_1);
            assertEquals(5, body.split("--" + boundary, -1).length);
            assertTrue(body.contains("Content-Range: bytes 0-9/" + big.length));
            assertTrue(body.contains("Content-Range: bytes 1000-1009/" + big.length));
            assertTrue(body.contains("Content-Range: bytes " + (big.length - 5) + "-" + (big.length - 1) + "/" + big.length));
            assertTrue(body.endsWith("--" + boundary + "--\r\n"));
            int start = body.indexOf("\r\n\r\n", body.indexOf("bytes 1000-1009")) + 4;
            assertArrayEquals(Arrays.copyOfRange(big, 1000, 1010), Arrays.copyOfRange(reply.body(), start, start + 10));
        }
    }

    @Test
    void everyRangeOfALargeFileIsByteExact() throws Exception {
        try (var server = TestServer.start(dir); var client = server.client()) {
            var random = new Random(1);
            for (int i = 0; i < 50; i++) {
                int first = random.nextInt(big.length);
                int last = Math.min(big.length - 1, first + random.nextInt(200_000));
                client.send("GET /big.bin HTTP/1.1\r\nHost: " + server.host() + "\r\nRange: bytes=" + first + "-" + last
                        + "\r\n\r\n");
                var reply = client.read();
                assertEquals(206, reply.status());
                assertArrayEquals(Arrays.copyOfRange(big, first, last + 1), reply.body());
            }
            client.send("GET /big.bin HTTP/1.1\r\nHost: " + server.host() + "\r\n\r\n");
            assertArrayEquals(big, client.read().body());
        }
    }

    @Test
    void optionsAndMethods() throws Exception {
        try (var server = TestServer.start(dir)) {
            var star = request(server, "OPTIONS", "*");
            assertEquals(204, star.status());
            assertEquals("GET, HEAD, OPTIONS, POST", star.header("Allow"));
            assertNull(star.header("Content-Length"));
            assertEquals("GET, HEAD, OPTIONS", request(server, "OPTIONS", "/index.html").header("Allow"));
            assertEquals("OPTIONS, POST", request(server, "OPTIONS", "/upload").header("Allow"));
            var delete = request(server, "DELETE", "/index.html");
            assertEquals(405, delete.status());
            assertEquals("GET, HEAD, OPTIONS", delete.header("Allow"));
            assertEquals(405, request(server, "GET", "/upload").status());
            assertEquals(501, request(server, "BREW", "/index.html").status());
        }
    }
}
