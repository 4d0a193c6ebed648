package app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /upload: media type, JSON validity, limits, framing, 100-continue, durability. */
class UploadTest {

    @TempDir
    Path dir;

    @BeforeEach
    void site() throws Exception {
        TestServer.site(dir);
    }

    private static String post(TestServer server, String type, String body, String... fields) {
        var text = new StringBuilder("POST /upload HTTP/1.1\r\nHost: " + server.host() + "\r\n");
        if (type != null) {
            text.append("Content-Type: ").append(type).append("\r\n");
        }
        for (String field : fields) {
            text.append(field).append("\r\n");
        }
        return text.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length)
                .append("\r\n\r\n").append(body).toString();
    }

    private List<Path> uploads() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("uploads"))) {
            return files.toList();
        }
    }

    @Test
    void validJsonIsStoredExactlyAndServedBack() throws Exception {
        String json = "{ \"ok\" : true, \"caf\u00e9\": [1, 2.5e3, null] }\n";
        try (var server = TestServer.start(dir); var client = server.client()) {
            var reply = client.send(new String(post(server, "application/json", json).getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.ISO_8859_1)).read();
            assertEquals(201, reply.status());
            assertEquals("application/json", reply.header("Content-Type"));
            String location = reply.header("Location");
            assertTrue(location.matches("/uploads/upload_\\d{8}_\\d{6}_[a-z0-9]{4}\\.json"), location);
            assertEquals("{\"status\":\"success\",\"message\":\"File created successfully\",\"filepath\":\"" + location
                    + "\"}", reply.text());
            List<Path> stored = uploads();
            assertEquals(1, stored.size());
            assertArrayEquals(json.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(stored.getFirst()));

            var back = client.send("GET " + location + " HTTP/1.1\r\nHost: " + server.host() + "\r\n\r\n").read();
            assertEquals(200, back.status());
            assertEquals("application/json; charset=utf-8", back.header("Content-Type"));
            assertArrayEquals(json.getBytes(StandardCharsets.UTF_8), back.body());
        }
    }

    @Test
    void theSeedsSampleFilesUploadAsTheyShould() throws Exception {
        // The repository's own resources/: sample.json is valid, bad.json is not.
        Path resources = Path.of("..", "resources");
        byte[] sample = Files.readAllBytes(resources.resolve("sample.json"));
        byte[] bad = Files.readAllBytes(resources.resolve("bad.json"));
        try (var server = TestServer.start(dir); var client = server.client()) {
            String head = "POST /upload HTTP/1.1\r\nHost: " + server.host() + "\r\nContent-Type: application/json\r\n";
            client.send(head + "Content-Length: " + sample.length + "\r\n\r\n").send(sample);
            assertEquals(201, client.read().status());
            client.send(head + "Content-Length: " + bad.length + "\r\n\r\n").send(bad);
            assertEquals(400, client.read().status());
        }
        List<Path> stored = uploads();
        assertEquals(1, stored.size());
        assertArrayEquals(sample, Files.readAllBytes(stored.getFirst()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json; charset=utf-8", "APPLICATION/JSON", "application/json;x=y"})
    void mediaTypeIsCaseInsensitiveWithParameters(String type) throws Exception {
        try (var server = TestServer.start(dir); var client = server.client()) {
            assertEquals(201, client.send(post(server, type, "[]")).read().status());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/jsonx", "application/x-www-form-urlencoded"})
    void otherMediaTypesAre415(String type) throws Exception {
        try (var server = TestServer.start(dir); var client = server.client()) {
            assertEquals(415, client.send(post(server, type, "{}")).read().status());
        }
        assertEquals(List.of(), uploads());
    }

    @Test
    void missingMediaTypeIs415() throws Exception {
        try (var server = TestServer.start(dir); var client = server.client()) {
            assertEquals(415, client.send(post(server, null, "{}")).read().status());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "{\"a\":1,}", "{a:1}", "{} {}", "[1] x", "\"unterminated", "nul",
        "{\"a\":\"\\x\"}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]"})
    void invalidJsonIs400AndNothingIsStored(String body) throws Exception {
        try (var server = TestServer.start(dir); var client = server.client()) {
            var reply = client.send(post(server, "application/json", body)).read();
            assertEquals(400, reply.status());
            assertTrue(reply.text().contains("<h1>400 Bad Request</h1>"));
        }
        assertEquals(List.of(), uploads());
    }

    @Test
    void chunkedBodiesWork() throws Exception {
        try (var server = TestServer.start(dir); var client = server.client()) {
            var reply = client.send("POST /upload HTTP/1.1\r\nHost: " + server.host()
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\n{\"a\":\r\n3;ext=1\r\n42}\r\n0\r\nX-Trailer: fine\r\n\r\n").read();
            assertEquals(201, reply.status());
            assertArrayEquals("{\"a\":42}".getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(uploads().getFirst()));
        }
    }

    @Test
    void oversizeBodiesAre413BeforeReading() throws Exception {
        try (var server = TestServer.start(dir, "--max-body", "100"); var client = server.client()) {
            var reply = client.send("POST /upload HTTP/1.1\r\nHost: " + server.host()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 101\r\n\r\n").read();
            assertEquals(413, reply.status());
            assertEquals("close", reply.header("Connection"));
        }
        try (var server = TestServer.start(dir, "--max-body", "100"); var client = server.client()) {
            String body = "[" + "1,".repeat(60) + "1]";
            var reply = client.send("POST /upload HTTP/1.1\r\nHost: " + server.host()
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n").read();
            assertEquals(413, reply.status());
        }
        assertEquals(List.of(), uploads());
    }

    @Test
    void expectContinueIsAnsweredOnlyForAnAcceptableHead() throws Exception {
        try (var server = TestServer.start(dir); var client = server.client()) {
            client.send("POST /upload HTTP/1.1\r\nHost: " + server.host()
                    + "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
            var interim = client.read();
            assertEquals(100, interim.status());
            client.send("{}");
            assertEquals(201, client.read().status());
        }
        try (var server = TestServer.start(dir); var client = server.client()) {
            client.send("POST /upload HTTP/1.1\r\nHost: " + server.host()
                    + "\r\nContent-Type: text/plain\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
            var refused = client.read();
            assertEquals(415, refused.status());
            assertEquals("close", refused.header("Connection"));
        }
        try (var server = TestServer.start(dir); var client = server.client()) {
            client.send("POST /upload HTTP/1.1\r\nHost: " + server.host()
                    + "\r\nContent-Type: application/json\r\nExpect: teapot\r\nContent-Length: 2\r\n\r\n");
            assertEquals(417, client.read().status());
        }
    }
}
