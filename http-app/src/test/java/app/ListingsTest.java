package app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import protocol.hpack.HeaderField;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --list-directories} end to end, over HTTP/1.1 and HTTP/2, cleartext and TLS: a folder of awkward names,
 * hidden files and links in and out of the root, listed as HTML or JSON, with validators, HEAD and redirects.
 */
class ListingsTest {

    /** How a request travels. */
    enum Wire { HTTP1, HTTP1_TLS, H2C, H2_TLS }

    /** A response, whatever carried it: header names in lower case. */
    record Reply(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    @TempDir
    static Path base;
    static Path root;
    static TestServer server;

    /** What the root's JSON listing holds, in order: name and type. */
    static final List<String> ROOT_ORDER = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        Path outside = Files.createDirectories(base.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        root = Files.createDirectories(base.resolve("root"));
        Files.createDirectories(root.resolve("folder one"));
        Files.writeString(root.resolve("folder one/inner.txt"), "inner");
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/index.html"), "<!DOCTYPE html><title>Docs</title>\n");
        Files.createDirectories(root.resolve("empty"));
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve("a b.txt"), "spaces");
        Files.writeString(root.resolve("100%.txt"), "percent");
        Files.writeString(root.resolve("<script>alert(1)<.html"), "<p>x</p>");
        Files.writeString(root.resolve("fish & chips.txt"), "amp");
        Files.writeString(root.resolve("say \"hi\".txt"), "quote");
        Files.writeString(root.resolve("café.txt"), "e acute");
        Files.writeString(root.resolve("日本語.txt"), "cjk");
        Files.writeString(root.resolve(".hidden"), "hidden");
        Files.writeString(root.resolve("upload"), "the upload address takes only POST");
        Files.createSymbolicLink(root.resolve("out.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("out-dir"), Path.of("..", "outside"));
        Files.createSymbolicLink(root.resolve("inside.txt"), Path.of("a b.txt"));
        Files.createSymbolicLink(root.resolve("to-hidden"), Path.of(".hidden"));
        server = TestServer.startTls(root, "--list-directories");
        // The upload folder, ROOT/uploads, exists once the server has started.
        ROOT_ORDER.addAll(List.of("docs/", "empty/", "folder one/", "uploads/", "100%.txt", "<script>alert(1)<.html",
                "a b.txt", "café.txt", "fish & chips.txt", "inside.txt", "say \"hi\".txt", "日本語.txt"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Reply fetch(TestServer server, Wire wire, String method, String target, String... fields) throws IOException {
        return switch (wire) {
            case HTTP1 -> http1(server.client(), server.host(), method, target, fields);
            case HTTP1_TLS -> http1(server.tlsClient("http/1.1"), server.secureHost(), method, target, fields);
            case H2C -> h2(H2Client.cleartext(server.port()), server.host(), method, target, fields);
            case H2_TLS -> h2(H2Client.tls(server.securePort()), server.secureHost(), method, target, fields);
        };
    }

    private static Reply http1(RawClient client, String host, String method, String target, String... fields)
            throws IOException {
        try (client) {
            var text = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\n");
            for (int i = 0; i < fields.length; i += 2) {
                text.append(fields[i]).append(": ").append(fields[i + 1]).append("\r\n");
            }
            client.send(text.append("Connection: close\r\n\r\n").toString());
            var reply = client.read(method.equals("HEAD"));
            return new Reply(reply.status(), reply.headers(), reply.body());
        }
    }

    private static Reply h2(H2Client client, String authority, String method, String target, String... fields)
            throws IOException {
        try (client) {
            client.start();
            var extra = new HeaderField[fields.length / 2];
            for (int i = 0; i < fields.length; i += 2) {
                extra[i / 2] = new HeaderField(fields[i].toLowerCase(Locale.ROOT), fields[i + 1]);
            }
            var reply = client.response(client.request(H2Client.request(method, target, authority, extra), true));
            var headers = new LinkedHashMap<String, String>();
            reply.fields().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
            return new Reply(reply.status(), headers, reply.body());
        }
    }

    static List<String> names(JsonNode array) {
        var names = new ArrayList<String>();
        for (JsonNode entry : array) {
            names.add(entry.get("name").asString() + (entry.get("type").asString().equals("directory") ? "/" : ""));
        }
        return names;
    }

    static JsonNode json(Reply reply) {
        return JsonMapper.builder().build().readTree(reply.body());
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void theRootIsListedAsHtmlWithAwkwardNamesEscaped(Wire wire) throws Exception {
        Reply reply = fetch(server, wire, "GET", "/");
        assertEquals(200, reply.status());
        assertEquals("text/html; charset=utf-8", reply.header("Content-Type"));
        assertEquals("Accept", reply.header("Vary"));
        assertTrue(reply.header("ETag").matches("\"l-[0-9a-f]{32}\""), reply.header("ETag"));
        assertNull(reply.header("X-Listing-Truncated"));
        assertEquals(Integer.toString(reply.body().length), reply.header("Content-Length"));
        String html = reply.text();
        assertTrue(html.contains("<title>Index of /</title>"), html);
        assertFalse(html.contains("Parent folder"), "no parent above the root");
        for (String link : List.of(
                "<a href=\"/folder%20one/\">folder one/</a>",
                "<a href=\"/docs/\">docs/</a>",
                "<a href=\"/uploads/\">uploads/</a>",
                "<a href=\"/a%20b.txt\">a b.txt</a>",
                "<a href=\"/100%25.txt\">100%.txt</a>",
                "<a href=\"/%3Cscript%3Ealert(1)%3C.html\">&lt;script&gt;alert(1)&lt;.html</a>",
                "<a href=\"/fish%20&amp;%20chips.txt\">fish &amp; chips.txt</a>",
                "<a href=\"/say%20%22hi%22.txt\">say &quot;hi&quot;.txt</a>",
                "<a href=\"/caf%C3%A9.txt\">café.txt</a>",
                "<a href=\"/%E6%97%A5%E6%9C%AC%E8%AA%9E.txt\">日本語.txt</a>",
                "<a href=\"/inside.txt\">inside.txt</a>")) {
            assertTrue(html.contains(link), link);
        }
        assertFalse(html.contains("<script>"), "a name's markup reached the page");
        for (String hidden : List.of(".hidden", ".git", "out.txt", "out-dir", "to-hidden", "\"/upload\"", "secret")) {
            assertFalse(html.contains(hidden), hidden);
        }
        // Directories first, then files, each by code point.
        int previous = -1;
        for (String name : List.of("docs/", "empty/", "folder one/", "uploads/", "100%.txt", "a b.txt", "café.txt",
                "fish &amp; chips.txt", "inside.txt", "say &quot;hi&quot;.txt", "日本語.txt")) {
            int at = html.indexOf(">" + name + "</a>");
            assertTrue(at > previous, name + " out of order");
            previous = at;
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void jsonWhenAcceptPrefersIt(Wire wire) throws Exception {
        Reply reply = fetch(server, wire, "GET", "/", "Accept", "text/html;q=0.9, application/json");
        assertEquals(200, reply.status());
        assertEquals("application/json", reply.header("Content-Type"));
        assertEquals("Accept", reply.header("Vary"));
        JsonNode array = json(reply);
        assertTrue(array.isArray());
        assertEquals(ROOT_ORDER, names(array));
        JsonNode first = array.get(0);
        assertEquals("docs", first.get("name").asString());
        assertEquals("directory", first.get("type").asString());
        assertFalse(first.has("size"), "a directory has no size");
        JsonNode cafe = array.get(ROOT_ORDER.indexOf("café.txt"));
        assertEquals("file", cafe.get("type").asString());
        assertEquals(Files.size(root.resolve("café.txt")), cafe.get("size").asLong());
        assertEquals(Files.getLastModifiedTime(root.resolve("café.txt")).toInstant()
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), cafe.get("modified").asString());
        // The link inside the root is its target: its size.
        assertEquals(Files.size(root.resolve("a b.txt")), array.get(ROOT_ORDER.indexOf("inside.txt")).get("size").asLong());
    }

    @Test
    void acceptIsWeighedWithItsQValues() throws Exception {
        for (var accept : Map.of(
                "application/json", "application/json",
                "application/json;q=0.5, text/html", "text/html; charset=utf-8",
                "text/html, application/json", "text/html; charset=utf-8",
                "*/*", "text/html; charset=utf-8",
                "text/*;q=0.1, application/*", "application/json",
                "image/png", "text/html; charset=utf-8",
                "application/json;q=nonsense", "text/html; charset=utf-8").entrySet()) {
            Reply reply = fetch(server, Wire.HTTP1, "GET", "/folder%20one/", "Accept", accept.getKey());
            assertEquals(200, reply.status(), accept.getKey());
            assertEquals(accept.getValue(), reply.header("Content-Type"), accept.getKey());
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aSubfolderLinksToItsParent(Wire wire) throws Exception {
        String html = fetch(server, wire, "GET", "/folder%20one/").text();
        assertTrue(html.contains("<title>Index of /folder one/</title>"), html);
        assertTrue(html.contains("<a href=\"/\">Parent folder</a>"), html);
        assertTrue(html.contains("<a href=\"/folder%20one/inner.txt\">inner.txt</a>"), html);
        String empty = fetch(server, wire, "GET", "/empty/", "Accept", "application/json").text();
        assertEquals("[]", empty);
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void headIsGetWithoutTheBody(Wire wire) throws Exception {
        for (String accept : List.of("text/html", "application/json")) {
            Reply get = fetch(server, wire, "GET", "/", "Accept", accept);
            Reply head = fetch(server, wire, "HEAD", "/", "Accept", accept);
            assertEquals(200, head.status());
            assertEquals(0, head.body().length);
            for (String field : List.of("Content-Type", "Content-Length", "ETag", "Vary")) {
                assertEquals(get.header(field), head.header(field), field);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void theTagRevalidatesAndDiffersByRepresentation(Wire wire) throws Exception {
        Reply html = fetch(server, wire, "GET", "/");
        Reply json = fetch(server, wire, "GET", "/", "Accept", "application/json");
        assertNotEquals(html.header("ETag"), json.header("ETag"));
        assertEquals(html.header("ETag"), fetch(server, wire, "GET", "/").header("ETag"), "stable while unchanged");
        Reply notModified = fetch(server, wire, "GET", "/", "If-None-Match", html.header("ETag"));
        assertEquals(304, notModified.status());
        assertEquals(0, notModified.body().length);
        assertEquals(html.header("ETag"), notModified.header("ETag"));
        assertEquals("Accept", notModified.header("Vary"));
        assertEquals(304, fetch(server, wire, "HEAD", "/", "If-None-Match", "\"x\", " + html.header("ETag")).status());
        // The HTML tag does not stand for the JSON.
        assertEquals(200, fetch(server, wire, "GET", "/", "If-None-Match", html.header("ETag"),
                "Accept", "application/json").status());
        assertEquals(412, fetch(server, wire, "GET", "/", "If-Match", "\"l-other\"").status());
        assertEquals(200, fetch(server, wire, "GET", "/", "If-Match", html.header("ETag")).status());
        // No modification date: If-Modified-Since alone never gives 304.
        assertEquals(200, fetch(server, wire, "GET", "/", "If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT")
                .status());
    }

    @Test
    void theTagChangesWithTheListing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.txt"), "a");
        try (var own = TestServer.start(dir, "--list-directories")) {
            String before = fetch(own, Wire.HTTP1, "GET", "/").header("ETag");
            Files.writeString(dir.resolve("b.txt"), "b");
            String after = fetch(own, Wire.HTTP1, "GET", "/").header("ETag");
            assertNotEquals(before, after);
            assertEquals(200, fetch(own, Wire.HTTP1, "GET", "/", "If-None-Match", before).status());
        }
    }

    @Test
    void aListingIsRevalidatedWhateverTheCachePreset(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.js"), "a");
        try (var own = TestServer.start(dir, "--list-directories", "--cache-control", "immutable")) {
            assertEquals("no-cache", fetch(own, Wire.HTTP1, "GET", "/").header("Cache-Control"));
            assertEquals("no-cache", fetch(own, Wire.HTTP1, "GET", "/", "Accept", "application/json")
                    .header("Cache-Control"));
            assertEquals("public, max-age=31536000, immutable",
                    fetch(own, Wire.HTTP1, "GET", "/a.js").header("Cache-Control"));
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aFolderWithoutItsSlashRedirectsAndOneWithAnIndexIsItsIndex(Wire wire) throws Exception {
        Reply redirect = fetch(server, wire, "GET", "/folder%20one?x=1");
        assertEquals(301, redirect.status());
        assertEquals("/folder%20one/?x=1", redirect.header("Location"));
        Reply docs = fetch(server, wire, "GET", "/docs/");
        assertEquals(200, docs.status());
        assertArrayEquals(Files.readAllBytes(root.resolve("docs/index.html")), docs.body());
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void whatCannotBeServedIsNeitherListedNorServed(Wire wire) throws Exception {
        for (String target : List.of("/out-dir/", "/out-dir", "/.git/", "/.git", "/out.txt", "/to-hidden",
                "/missing/", "/missing", "/a%20b.txt/")) {
            assertEquals(404, fetch(server, wire, "GET", target).status(), target);
        }
        assertEquals(405, fetch(server, wire, "GET", "/upload").status());
    }

    @Test
    void theUploadFolderIsListedWhereverItIs(@TempDir Path dir) throws Exception {
        Path site = Files.createDirectories(dir.resolve("site"));
        Path uploads = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(uploads.resolve("upload_20240101_000000_abcd.json"), "{}");
        Files.writeString(uploads.resolve(".upload-partial.tmp"), "{");
        try (var own = TestServer.start(site, "--list-directories", "--uploads", uploads.toString())) {
            Reply reply = fetch(own, Wire.HTTP1, "GET", "/uploads/");
            assertEquals(200, reply.status());
            assertTrue(reply.text().contains("<title>Index of /uploads/</title>"), reply.text());
            assertTrue(reply.text().contains("<a href=\"/\">Parent folder</a>"), reply.text());
            assertTrue(reply.text().contains(
                    "<a href=\"/uploads/upload_20240101_000000_abcd.json\">upload_20240101_000000_abcd.json</a>"));
            assertFalse(reply.text().contains(".upload-partial"));
            assertEquals(200, fetch(own, Wire.HTTP1, "GET", "/uploads/upload_20240101_000000_abcd.json").status());
        }
        try (var own = TestServer.start(site, "--uploads", uploads.toString())) {
            assertEquals(404, fetch(own, Wire.HTTP1, "GET", "/uploads/").status(), "not listed without the flag");
        }
    }

    @Test
    void offByDefaultTheAnswersAreAsBefore(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("folder"));
        Files.writeString(dir.resolve("folder/file.txt"), "x");
        try (var own = TestServer.start(dir)) {
            for (Wire wire : List.of(Wire.HTTP1, Wire.H2C)) {
                for (String target : List.of("/", "/folder/", "/folder", "/uploads/")) {
                    Reply reply = fetch(own, wire, "GET", target);
                    assertEquals(404, reply.status(), target);
                    assertNull(reply.header("Vary"), target);
                }
            }
        }
    }
}
