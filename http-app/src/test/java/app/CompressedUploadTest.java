package app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import protocol.hpack.HeaderField;
import protocol.http2.Frame;
import protocol.http2.Octets;

/**
 * Uploads sent with {@code Content-Encoding: gzip}, over HTTP/1.1 and HTTP/2: stored decoded, the body
 * limit applied to the decoded bytes (a bomb is refused and leaves nothing), bad gzip refused with
 * 400, and any other coding with 415 naming gzip.
 */
class CompressedUploadTest {

    @TempDir
    Path dir;

    @BeforeEach
    void site() throws IOException {
        TestServer.site(dir);
    }

    private static byte[] head(TestServer server, String coding, int length) {
        return ("POST /upload HTTP/1.1\r\nHost: " + server.host() + "\r\nContent-Type: application/json\r\n"
                + (coding == null ? "" : "Content-Encoding: " + coding + "\r\n")
                + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static RawClient.Reply post(TestServer server, RawClient client, String coding, byte[] body)
            throws IOException {
        return client.send(head(server, coding, body.length)).send(body).read();
    }

    private List<Path> uploads() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("uploads"))) {
            return files.toList();
        }
    }

    private byte[] stored(String location) throws IOException {
        return Files.readAllBytes(dir.resolve("uploads").resolve(location.substring("/uploads/".length())));
    }

    /** A JSON string value exactly {@code size} bytes long. */
    private static byte[] json(int size) {
        byte[] json = new byte[size];
        Arrays.fill(json, (byte) 'a');
        json[0] = '"';
        json[size - 1] = '"';
        return json;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "x-gzip", "GZIP", "X-Gzip"})
    void aGzippedUploadIsStoredDecodedByteForByte(String coding) throws Exception {
        byte[] json = ("{ \"caf\u00e9\": [" + "1.5e3, null, true, ".repeat(2_000) + "\"end\"] }\n")
                .getBytes(StandardCharsets.UTF_8);
        try (var server = TestServer.start(dir); var client = server.client()) {
            var reply = post(server, client, coding, Gzip.compress(json));
            assertEquals(201, reply.status());
            assertArrayEquals(json, stored(reply.header("Location")));
            assertEquals(List.of(dir.resolve("uploads").resolve(reply.header("Location").substring(9))), uploads());
        }
    }

    @Test
    void identityIsNoCoding() throws Exception {
        byte[] json = "{\"plain\":1}".getBytes(StandardCharsets.UTF_8);
        try (var server = TestServer.start(dir); var client = server.client()) {
            var reply = post(server, client, "identity", json);
            assertEquals(201, reply.status());
            assertArrayEquals(json, stored(reply.header("Location")));
        }
    }

    @Test
    void theBodyLimitHoldsForTheDecodedBytes() throws Exception {
        try (var server = TestServer.start(dir, "--max-body", "1000"); var client = server.client()) {
            var atLimit = post(server, client, "gzip", Gzip.compress(json(1000)));
            assertEquals(201, atLimit.status());
            assertArrayEquals(json(1000), stored(atLimit.header("Location")));
            var overLimit = post(server, client, "gzip", Gzip.compress(json(1001)));
            assertEquals(413, overLimit.status());
            // The body was read whole: the connection goes on.
            assertEquals("keep-alive", overLimit.header("Connection"));
            assertEquals(200, client.send("GET / HTTP/1.1\r\nHost: " + server.host() + "\r\n\r\n").read().status());
        }
        assertEquals(1, uploads().size());
    }

    @Test
    void aDecompressionBombIs413AndLeavesNothing() throws Exception {
        byte[] bomb = Gzip.bomb(100L << 20);
        assertTrue(bomb.length < 200 * 1024, "100 MiB of zeros in " + bomb.length + " bytes");
        try (var server = TestServer.start(dir); var client = server.client()) {
            var reply = post(server, client, "gzip", bomb);
            assertEquals(413, reply.status());
            assertTrue(reply.text().contains("<h1>413 Content Too Large</h1>"));
        }
        assertEquals(List.of(), uploads());
    }

    @Test
    void corruptGzipIs400AndLeavesNothing() throws Exception {
        byte[] good = Gzip.compress("{\"k\":\"v\"}".getBytes(StandardCharsets.UTF_8));
        byte[] badCrc = good.clone();
        badCrc[good.length - 8] ^= 1;
        try (var server = TestServer.start(dir); var client = server.client()) {
            for (byte[] bad : List.of(badCrc, Arrays.copyOf(good, good.length - 3),
                    "{\"k\":\"v\"}".getBytes(StandardCharsets.UTF_8), new byte[0])) {
                var reply = post(server, client, "gzip", bad);
                assertEquals(400, reply.status());
                assertTrue(reply.text().contains("not valid gzip"), reply.text());
            }
        }
        assertEquals(List.of(), uploads());
    }

    @Test
    void decodedBodiesAreCheckedAsJson() throws Exception {
        try (var server = TestServer.start(dir); var client = server.client()) {
            var reply = post(server, client, "gzip", Gzip.compress("{not json".getBytes(StandardCharsets.UTF_8)));
            assertEquals(400, reply.status());
        }
        assertEquals(List.of(), uploads());
    }

    @ParameterizedTest
    @ValueSource(strings = {"br", "zstd", "deflate", "compress", "gzip, gzip", "identity, br", "gzip, br"})
    void otherCodingsAre415NamingGzip(String coding) throws Exception {
        byte[] body = Gzip.compress("{}".getBytes(StandardCharsets.UTF_8));
        try (var server = TestServer.start(dir); var client = server.client()) {
            var reply = post(server, client, coding, body);
            assertEquals(415, reply.status());
            assertEquals("gzip", reply.header("Accept-Encoding"));
        }
        assertEquals(List.of(), uploads());
    }

    @Test
    void overHttp2TheSameRulesHold() throws Exception {
        byte[] json = ("[" + "\"h2\", ".repeat(5_000) + "0]").getBytes(StandardCharsets.UTF_8);
        // Small enough to go in the stream's first window without waiting for updates.
        byte[] bomb = Gzip.bomb(50L << 20);
        byte[] good = Gzip.compress(json);
        byte[] corrupt = good.clone();
        corrupt[good.length - 5] ^= 1;
        try (var server = TestServer.startTls(dir)) {
            for (H2Client client : List.of(H2Client.cleartext(server.port()), H2Client.tls(server.securePort()))) {
                try (client) {
                    client.start();
                    String authority = client.socket() instanceof javax.net.ssl.SSLSocket
                            ? server.secureHost() : server.host();
                    H2Client.Reply created = upload(client, authority, "gzip", good);
                    assertEquals(201, created.status());
                    assertArrayEquals(json, stored(created.field("location")));
                    assertEquals(413, upload(client, authority, "x-gzip", bomb).status());
                    assertEquals(400, upload(client, authority, "gzip", corrupt).status());
                    H2Client.Reply refused = upload(client, authority, "br", good);
                    assertEquals(415, refused.status());
                    assertEquals("gzip", refused.field("accept-encoding"));
                }
            }
        }
        assertEquals(2, uploads().size());
    }

    private static H2Client.Reply upload(H2Client client, String authority, String coding, byte[] body)
            throws IOException {
        int stream = client.request(H2Client.request("POST", "/upload", authority,
                new HeaderField("content-type", "application/json"), new HeaderField("content-encoding", coding),
                new HeaderField("content-length", Integer.toString(body.length))), false);
        var frames = new ArrayList<Frame>();
        for (int at = 0; at < body.length; at += 16_384) {
            int end = Math.min(body.length, at + 16_384);
            frames.add(new Frame.Data(stream, Octets.of(Arrays.copyOfRange(body, at, end)), end == body.length));
        }
        client.send(frames.toArray(Frame[]::new));
        return client.response(stream);
    }
}
