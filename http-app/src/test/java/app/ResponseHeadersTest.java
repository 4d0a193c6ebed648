package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.Wires.Answer;
import app.Wires.Wire;
import app.server.RequestIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fields every answer of a main listener gets, over HTTP/1.1 and HTTP/2, in cleartext and
 * over TLS: {@code X-Content-Type-Options} and {@code X-Request-Id} always, and what
 * {@code --security-headers}, {@code --cache-control}, {@code --header} and {@code --cors} add,
 * on files, error pages, uploads' answers and stored uploads alike.
 */
class ResponseHeadersTest {

    private static final byte[] JSON = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    private static final String APP = "http://app.example:8080";

    @TempDir
    static Path dir;
    private static TestServer plain;
    private static TestServer secured;
    private static TestServer cached;
    private static TestServer immutable;
    private static TestServer fixed;
    private static TestServer listed;
    private static TestServer anyOrigin;
    private static final List<TestServer> servers = new ArrayList<>();

    @BeforeAll
    static void startAll() throws IOException {
        TestServer.site(dir);
        Files.writeString(dir.resolve("uploads/kept.json"), "{\"kept\":true}\n");
        plain = server();
        secured = server("--security-headers");
        cached = server("--cache-control", "static");
        immutable = server("--cache-control", "immutable");
        fixed = server("--header", "X-Served-By: edge-1", "--header", "Permissions-Policy: geolocation=()");
        listed = server("--cors", APP + ",https://other.example");
        anyOrigin = server("--cors", "*");
    }

    private static TestServer server(String... args) throws IOException {
        var server = TestServer.startTls(dir, args);
        servers.add(server);
        return server;
    }

    @AfterAll
    static void stop() {
        servers.forEach(TestServer::close);
    }

    /** A file, HTML, an error page, a refused method, OPTIONS, HEAD, an upload, a stored upload. */
    private static List<Answer> everyKind(TestServer server, Wire wire, String... fields) throws IOException {
        var answers = new ArrayList<Answer>();
        for (String target : List.of("/", "/style.css", "/logo.png", "/missing.html", "/uploads/kept.json")) {
            answers.add(Wires.fetch(server, wire, "GET", target, fields));
        }
        answers.add(Wires.fetch(server, wire, "HEAD", "/about.html", fields));
        answers.add(Wires.fetch(server, wire, "DELETE", "/style.css", fields));
        answers.add(Wires.fetch(server, wire, "OPTIONS", "/upload", fields));
        answers.add(upload(server, wire, fields));
        assertEquals(List.of(200, 200, 200, 404, 200, 200, 405, 204, 201),
                answers.stream().map(Answer::status).toList());
        return answers;
    }

    private static Answer upload(TestServer server, Wire wire, String... fields) throws IOException {
        var all = Stream.concat(Stream.of("Content-Type", "application/json"), Stream.of(fields)).toArray(String[]::new);
        return Wires.send(server, wire, "POST", "/upload", JSON, all);
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void everyAnswerSaysNosniffAndCarriesARequestIdAndNothingElseByDefault(Wire wire) throws IOException {
        var ids = new HashSet<String>();
        for (Answer answer : everyKind(plain, wire)) {
            assertEquals("nosniff", answer.field("x-content-type-options"));
            String id = answer.field("x-request-id");
            assertTrue(RequestIds.acceptable(id), id);
            ids.add(id);
            for (String absent : List.of("content-security-policy", "x-frame-options", "referrer-policy",
                    "cross-origin-opener-policy", "cache-control", "access-control-allow-origin")) {
                assertNull(answer.field(absent), absent);
            }
        }
        assertEquals(9, ids.size(), "a new id for every request");
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void theSecurityPresetSendsCspOnHtmlOnlyAndTheOtherPoliciesEverywhere(Wire wire) throws IOException {
        List<Answer> answers = everyKind(secured, wire);
        for (Answer answer : answers) {
            assertEquals("DENY", answer.field("x-frame-options"));
            assertEquals("strict-origin-when-cross-origin", answer.field("referrer-policy"));
            assertEquals("same-origin", answer.field("cross-origin-opener-policy"));
            assertEquals("nosniff", answer.field("x-content-type-options"));
            boolean html = answer.field("content-type") != null && answer.field("content-type").startsWith("text/html");
            assertEquals(html ? "default-src 'self'" : null, answer.field("content-security-policy"),
                    answer.field("content-type"));
        }
        // The page, the error page, the 405's page and HEAD's head of a page are HTML.
        assertEquals(4, answers.stream().filter(a -> a.field("content-security-policy") != null).count());
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void theStaticPresetRevalidatesHtmlCachesFilesAnHourAndNeverStoresErrorsOrUploads(Wire wire) throws IOException {
        List<String> expected = List.of("no-cache", "public, max-age=3600", "public, max-age=3600", "no-store",
                "private, no-cache", "no-cache", "no-store", "-", "no-store");
        assertEquals(expected, everyKind(cached, wire).stream().map(a -> orDash(a.field("cache-control"))).toList());
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void theImmutablePresetMarksFilesImmutableAndStillRevalidatesHtml(Wire wire) throws IOException {
        List<String> expected = List.of("no-cache", "public, max-age=31536000, immutable",
                "public, max-age=31536000, immutable", "no-store", "private, no-cache", "no-cache", "no-store", "-",
                "no-store");
        assertEquals(expected, everyKind(immutable, wire).stream().map(a -> orDash(a.field("cache-control"))).toList());
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aNotModifiedAnswerCarriesTheCacheControlOfTheFullOne(Wire wire) throws IOException {
        Answer full = Wires.fetch(cached, wire, "GET", "/style.css");
        Answer again = Wires.fetch(cached, wire, "GET", "/style.css", "If-None-Match", full.field("etag"));
        assertEquals(304, again.status());
        assertEquals("public, max-age=3600", again.field("cache-control"));
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void fixedFieldsGoOnEveryAnswerInLowercaseOverHttp2(Wire wire) throws IOException {
        for (Answer answer : everyKind(fixed, wire)) {
            // Both readers lowercase what HTTP/1 sends; over HTTP/2 the server itself must.
            assertEquals("edge-1", answer.field("x-served-by"));
            assertEquals("geolocation=()", answer.field("permissions-policy"));
            assertFalse(answer.fields().containsKey("X-Served-By"));
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aListedOriginMayReadEveryAnswerAndIsVariedOn(Wire wire) throws IOException {
        for (Answer answer : everyKind(listed, wire, "Origin", APP)) {
            assertEquals(APP, answer.field("access-control-allow-origin"));
            assertEquals("Content-Range, ETag, Location, X-Request-Id", answer.field("access-control-expose-headers"));
        }
        Answer png = Wires.fetch(listed, wire, "GET", "/logo.png", "Origin", "https://other.example");
        assertEquals("https://other.example", png.field("access-control-allow-origin"));
        assertEquals("Origin", png.field("vary"));
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void anOriginNotListedGetsNoCorsFieldsAndTheSameAnswer(Wire wire) throws IOException {
        for (String origin : List.of("http://evil.example", "http://app.example:8081", "https://app.example:8080",
                "null")) {
            for (Answer answer : everyKind(listed, wire, "Origin", origin)) {
                assertNull(answer.field("access-control-allow-origin"), origin);
                assertNull(answer.field("access-control-expose-headers"), origin);
            }
        }
        // Without Origin, the answer still varies by it, so that a cache keeps the two apart.
        assertEquals("Origin", Wires.fetch(listed, wire, "GET", "/logo.png").field("vary"));
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aPreflightFromAListedOriginIsAnsweredWithWhatMayBeSent(Wire wire) throws IOException {
        Answer preflight = Wires.fetch(listed, wire, "OPTIONS", "/upload", "Origin", APP,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
        assertEquals(204, preflight.status());
        assertEquals(APP, preflight.field("access-control-allow-origin"));
        assertEquals("GET, HEAD, POST, OPTIONS", preflight.field("access-control-allow-methods"));
        assertEquals("Content-Type, Content-Encoding, Range, If-Match, If-None-Match, If-Modified-Since, "
                + "If-Unmodified-Since, If-Range, X-Request-Id", preflight.field("access-control-allow-headers"));
        assertEquals(Long.toString(ResponseHeaders.DEFAULT_CORS_MAX_AGE.toSeconds()),
                preflight.field("access-control-max-age"));
        assertEquals(0, preflight.body().length);
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aPreflightFromAnotherOriginAndAPlainOptionsGetTodaysAnswer(Wire wire) throws IOException {
        Answer today = Wires.fetch(plain, wire, "OPTIONS", "/upload");
        var asked = List.of(
                Wires.fetch(listed, wire, "OPTIONS", "/upload", "Origin", "http://evil.example",
                        "Access-Control-Request-Method", "POST"),
                Wires.fetch(listed, wire, "OPTIONS", "/upload", "Origin", APP),
                Wires.fetch(listed, wire, "OPTIONS", "/upload"));
        for (Answer answer : asked) {
            assertEquals(today.status(), answer.status());
            assertEquals(today.field("allow"), answer.field("allow"));
            assertNull(answer.field("access-control-allow-methods"));
            assertNull(answer.field("access-control-max-age"));
        }
        assertNull(asked.get(0).field("access-control-allow-origin"));
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void anyOriginIsAllowedOnEveryAnswerWithOrWithoutOrigin(Wire wire) throws IOException {
        for (Answer answer : everyKind(anyOrigin, wire)) {
            assertEquals("*", answer.field("access-control-allow-origin"));
            assertNotEquals("Origin", answer.field("vary"), "the answer is the same for every origin");
        }
        Answer preflight = Wires.fetch(anyOrigin, wire, "OPTIONS", "/style.css", "Origin", "https://x.example",
                "Access-Control-Request-Method", "GET");
        assertEquals(204, preflight.status());
        assertEquals("*", preflight.field("access-control-allow-origin"));
        assertEquals("GET, HEAD, POST, OPTIONS", preflight.field("access-control-allow-methods"));
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aClientsIdIsKeptUpToSixtyFourSafeCharactersAndReplacedOtherwise(Wire wire) throws IOException {
        String longest = "a".repeat(RequestIds.MAX_LENGTH - 6) + "._-Z09";
        assertEquals(RequestIds.MAX_LENGTH, longest.length());
        assertEquals(longest, Wires.fetch(plain, wire, "GET", "/", "X-Request-Id", longest).field("x-request-id"));
        assertEquals("x", Wires.fetch(plain, wire, "GET", "/missing", "X-Request-Id", "x").field("x-request-id"));
        String tooLong = longest + "b";
        for (String refused : List.of(tooLong, "", "a b", "a/b", "id;1", "a\tb", "a,b")) {
            String id = Wires.fetch(plain, wire, "GET", "/", "X-Request-Id", refused).field("x-request-id");
            assertNotEquals(refused.strip(), id, refused);
            assertTrue(RequestIds.acceptable(id), id);
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void anUploadRefusedBeforeItsBodyIsReadCarriesThePolicyToo(Wire wire) throws IOException {
        // Refused on its head (415), before the handler runs: the early answer of either protocol.
        Answer refused = Wires.send(listed, wire, "POST", "/upload", JSON, "Content-Type", "text/plain",
                "Origin", APP, "X-Request-Id", "refused-1");
        assertEquals(415, refused.status());
        assertEquals(APP, refused.field("access-control-allow-origin"), "the script may read why");
        assertEquals("refused-1", refused.field("x-request-id"));
        assertEquals("nosniff", refused.field("x-content-type-options"));
        Answer unstored = Wires.send(cached, wire, "POST", "/upload", JSON, "Content-Type", "text/plain");
        assertEquals(415, unstored.status());
        assertEquals("no-store", unstored.field("cache-control"));
        assertTrue(RequestIds.acceptable(unstored.field("x-request-id")));
    }

    @Test
    void theAdminListenerAddsNothing() throws IOException {
        try (var server = TestServer.start(dir, "--admin-port", "0", "--security-headers", "--cors", "*",
                "--header", "X-Served-By: edge-1");
                var client = new RawClient(server.adminPort())) {
            var reply = client.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + server.adminPort()
                    + "\r\nConnection: close\r\n\r\n").read();
            assertEquals(200, reply.status());
            for (String absent : List.of("X-Content-Type-Options", "X-Request-Id", "X-Frame-Options",
                    "Access-Control-Allow-Origin", "X-Served-By")) {
                assertNull(reply.header(absent), absent);
            }
            assertEquals("edge-1", Wires.fetch(server, Wire.HTTP1, "GET", "/").field("x-served-by"));
        }
    }

    @Test
    void aPageAndItsErrorPageCarryAVaryOnOriginBesideTheirOwnOverHttp1() throws IOException {
        for (String target : List.of("/style.css", "/missing.css")) {
            try (var client = listed.client()) {
                client.send("GET " + target + " HTTP/1.1\r\nHost: " + listed.host() + "\r\nOrigin: " + APP
                        + "\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n");
                String head = new String(client.input().readAllBytes(), StandardCharsets.ISO_8859_1);
                head = head.substring(0, head.indexOf("\r\n\r\n") + 2);
                assertTrue(head.contains("\r\nVary: Origin\r\n"), head);
                if (target.equals("/style.css")) {
                    assertTrue(head.contains("\r\nVary: Accept-Encoding\r\n"), head);
                }
            }
        }
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
