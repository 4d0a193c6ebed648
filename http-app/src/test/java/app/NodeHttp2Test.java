package app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.tls.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Node.js's {@code http2} client (the script {@code h2-client.mjs} beside this class): one session
 * over h2 (TLS, trusting the test CA alone) or h2c (prior knowledge), with GET /, HEAD /, POST
 * /upload and 20 concurrent GETs on that session. The script prints a JSON summary; this test
 * checks it against the files.
 */
class NodeHttp2Test {

    enum Wire { H2, H2C }

    @TempDir
    static Path dir;
    @TempDir
    Path work;
    static TestServer server;
    static Path node;
    static byte[] big;

    @BeforeAll
    static void start() throws IOException {
        node = ExternalCommand.find("node").orElse(null);
        assumeTrue(node != null, "node is not installed");
        TestServer.site(dir);
        big = TestServer.randomFile(dir, "big.bin", 300_000, 17);
        server = TestServer.startTls(dir);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void getHeadUploadAndTwentyConcurrentStreamsOnOneSession(Wire wire) throws Exception {
        byte[] json = ("{\"client\":\"node-http2\",\"wire\":\"" + wire + "\"}").getBytes(StandardCharsets.UTF_8);
        var result = script(wire == Wire.H2 ? server.secureBase() : server.base(),
                wire == Wire.H2 ? TestCertificates.caPem().toString() : "-", json);
        assertEquals(0, result.exitCode(), result.err());
        JsonNode summary = new ObjectMapper().readTree(result.outText());
        // Over TLS the ALPN result; over prior knowledge Node reports "h2c".
        assertEquals(wire == Wire.H2 ? "h2" : "h2c", summary.path("alpn").asString(), summary.toString());

        byte[] index = Files.readAllBytes(dir.resolve("index.html"));
        JsonNode get = summary.path("get");
        assertEquals(200, get.path("status").asInt(), get.toString());
        assertEquals(index.length, get.path("length").asInt(), get.toString());
        assertEquals(sha256(index), get.path("sha256").asString());
        assertEquals("text/html; charset=utf-8", get.path("contentType").asString());

        JsonNode head = summary.path("head");
        assertEquals(200, head.path("status").asInt(), head.toString());
        assertEquals(0, head.path("length").asInt(), head.toString());
        assertEquals(Integer.toString(index.length), head.path("contentLength").asString(), head.toString());

        JsonNode upload = summary.path("upload");
        assertEquals(201, upload.path("status").asInt(), upload.toString());
        String location = upload.path("location").asString();
        assertTrue(location.matches("/uploads/upload_\\d{8}_\\d{6}_[a-z0-9]{4}\\.json"), location);
        assertArrayEquals(json, Files.readAllBytes(dir.resolve(location.substring(1))));

        JsonNode concurrent = summary.path("concurrent");
        assertEquals(20, concurrent.size(), concurrent.toString());
        assertEquals(20, summary.path("maxInFlight").asInt(), summary.toString());
        Set<Integer> streams = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            JsonNode stream = concurrent.get(i);
            assertEquals(200, stream.path("status").asInt(), stream.toString());
            byte[] file = i % 2 == 0 ? index : big;
            assertEquals(file.length, stream.path("length").asInt(), stream.toString());
            assertEquals(sha256(file), stream.path("sha256").asString(), stream.toString());
            streams.add(stream.path("id").asInt());
        }
        // Twenty streams of the one session: distinct client stream identifiers after the first three.
        assertEquals(20, streams.size(), concurrent.toString());
        assertTrue(streams.stream().allMatch(id -> id % 2 == 1 && id > 5), streams.toString());
    }

    @Test
    void withoutTheTestCaNodeRefusesTheCertificate() throws Exception {
        // The control for the test above: the CA passed to http2.connect is what makes it verify.
        var result = script(server.secureBase(), "-", new byte[] {'{', '}'});
        assertEquals(2, result.exitCode(), result.outText() + result.err());
        assertTrue(result.err().contains("self-signed certificate in certificate chain"), result.err());
    }

    /** Runs the script against {@code base} with the CA file (or "-") and an upload of {@code json}. */
    private ExternalCommand.Result script(String base, String ca, byte[] json) throws IOException, InterruptedException {
        Path script = work.resolve("h2-client.mjs");
        try (InputStream in = NodeHttp2Test.class.getResourceAsStream("h2-client.mjs")) {
            assertNotNull(in, "h2-client.mjs is not on the test class path");
            Files.write(script, in.readAllBytes());
        }
        Path upload = Files.write(work.resolve("upload.json"), json);
        return ExternalCommand.run(work, List.of(node.toString(), script.toString(), base, ca, upload.toString()));
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
