package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import protocol.Headers;

/**
 * {@code --security-headers}, {@code --cache-control}, {@code --header} and {@code --cors} on the
 * command line: their defaults, both spellings, and every bad value refused in one line that
 * names the flag, with exit code 2.
 */
class ResponseHeaderFlagsTest {

    private static ResponseHeaders headers(String... args) throws CommandLine.UsageException {
        return assertInstanceOf(CommandLine.Run.class, CommandLine.parse(args)).config().responseHeaders();
    }

    private static String refusal(String... args) {
        var e = assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse(args));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void everythingIsOffByDefault() throws Exception {
        assertEquals(ResponseHeaders.DEFAULTS, headers());
        assertEquals(new ResponseHeaders(false, ResponseHeaders.CachePreset.OFF, Headers.EMPTY, Optional.empty()),
                headers());
    }

    @Test
    void presetsInBothSpellings() throws Exception {
        assertTrue(headers("--security-headers").security());
        assertEquals(ResponseHeaders.CachePreset.STATIC, headers("--cache-control", "static").cache());
        assertEquals(ResponseHeaders.CachePreset.IMMUTABLE, headers("--cache-control=IMMUTABLE").cache());
        assertEquals(ResponseHeaders.CachePreset.OFF, headers("--cache-control=off").cache());
    }

    @Test
    void fixedFieldsKeepTheirOrderAndRepeats() throws Exception {
        assertEquals(Headers.of("X-Served-By", "edge-1", "Set-Cookie", "a=1", "Set-Cookie", "b=2",
                        "X-Empty", "", "Permissions-Policy", "geolocation=(), camera=()"),
                headers("--header", "X-Served-By: edge-1", "--header=Set-Cookie:a=1", "--header", "Set-Cookie:  b=2 ",
                        "--header", "X-Empty:", "--header", "Permissions-Policy: geolocation=(), camera=()").fixed());
    }

    @Test
    void corsOriginsAreKeptAsBrowsersSendThem() throws Exception {
        var cors = headers("--cors", "http://App.Example:8080, https://b.example:443,http://c.example:80,"
                + "http://[::1]:9000,http://127.0.0.1:5173").cors().orElseThrow();
        assertEquals(Set.of("http://app.example:8080", "https://b.example", "http://c.example", "http://[::1]:9000",
                "http://127.0.0.1:5173"), cors.origins());
        assertTrue(cors.allows("http://app.example:8080"));
        assertTrue(!cors.allows("http://app.example:8081") && !cors.allows("null"));
        var any = headers("--cors=*").cors().orElseThrow();
        assertTrue(any.anyOrigin() && any.allows("https://anything.example"));
    }

    @Test
    void atMostThirtyTwoFixedFieldsOfAtMost1024Characters() throws Exception {
        assertEquals(ResponseHeaders.MAX_FIXED_FIELDS, headers(fields(ResponseHeaders.MAX_FIXED_FIELDS)).fixed().size());
        assertTrue(refusal(fields(ResponseHeaders.MAX_FIXED_FIELDS + 1)).startsWith("--header: at most 32 fields"));
        String longest = "X-Long: " + "v".repeat(ResponseHeaders.MAX_FIXED_FIELD_LENGTH - "X-Long: ".length());
        assertEquals(ResponseHeaders.MAX_FIXED_FIELD_LENGTH, longest.length());
        assertEquals(1, headers("--header", longest).fixed().size());
        assertTrue(refusal("--header", longest + "v").startsWith("--header: longer than 1024 characters"));
    }

    private static String[] fields(int count) {
        var args = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            args.add("--header");
            args.add("X-Field-" + i + ": " + i);
        }
        return args.toArray(String[]::new);
    }

    static Stream<List<String>> badHeaders() {
        return Stream.of(
                List.of("no colon", "--header needs 'Name: value'"),
                List.of(": value", "--header: the name '' is not a token"),
                List.of("Bad Name: v", "--header: the name 'Bad Name' is not a token"),
                List.of("X-A\r\nX-B: v", "--header: the name 'X-A\\u000d\\u000aX-B' is not a token"),
                List.of("X-A: one\r\nX-B: two", "--header: the value of X-A holds a character not allowed"),
                List.of("X-A: one\ntwo", "--header: the value of X-A holds a character not allowed"),
                List.of("X-A: nul\0", "--header: the value of X-A holds a character not allowed"),
                List.of("X-A: caf\u00e9", "--header: the value of X-A holds a character not allowed"),
                List.of("X-A: \u0007", "--header: the value of X-A holds a character not allowed"),
                List.of("Content-Length: 5", "--header: Content-Length is set by the server itself"),
                List.of("transfer-encoding: chunked", "--header: transfer-encoding is set by the server itself"),
                List.of("Connection: close", "--header: Connection is set by the server itself"),
                List.of("Keep-Alive: timeout=5", "--header: Keep-Alive is set by the server itself"),
                List.of("Upgrade: h2c", "--header: Upgrade is set by the server itself"),
                List.of("Date: today", "--header: Date is set by the server itself"),
                List.of("Server: other", "--header: Server is set by the server itself"),
                List.of("Content-Type: text/plain", "--header: Content-Type is set by the server itself"),
                List.of("X-Request-Id: fixed", "--header: X-Request-Id is set by the server itself"),
                List.of("X-Content-Type-Options: none", "--header: X-Content-Type-Options is set by the server"),
                List.of("Access-Control-Allow-Origin: *", "--header: Access-Control-Allow-Origin is set by the server"),
                List.of("Strict-Transport-Security: max-age=1", "--header: Strict-Transport-Security is set by"));
    }

    @ParameterizedTest
    @MethodSource("badHeaders")
    void badFixedFieldsAreOneNamedLine(List<String> bad) {
        String message = refusal("--header", bad.get(0));
        assertTrue(message.startsWith(bad.get(1)), message);
    }

    @Test
    void aFixedFieldMayNotTakeWhatAPresetSends() throws Exception {
        assertEquals(1, headers("--header", "Cache-Control: no-transform").fixed().size());
        assertEquals(1, headers("--header", "Content-Security-Policy: default-src 'none'").fixed().size());
        assertTrue(refusal("--cache-control", "static", "--header", "Cache-Control: no-transform")
                .startsWith("--header: Cache-Control is set by --cache-control"));
        assertTrue(refusal("--header", "X-Frame-Options: SAMEORIGIN", "--security-headers")
                .startsWith("--header: X-Frame-Options is set by --security-headers"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "app.example", "ftp://app.example", "http://", "http://app.example/",
        "http://app.example/path", "http://app.example?x=1", "http://app.example#f", "http://user@app.example",
        "http://app.example:0", "http://app.example:65536", "http://app.example:", "http://app example",
        "http://app.example,", "*,http://app.example", "http://a_b.example", "//app.example", "null"})
    void badOriginsAreOneNamedLine(String origins) {
        String message = refusal("--cors", origins);
        assertTrue(message.startsWith("--cors: '"), message);
        assertTrue(message.contains("is not an origin (scheme://host[:port], http or https)"), message);
    }

    @Test
    void theFlagsNeedTheirValues() {
        assertTrue(refusal("--cache-control").startsWith("--cache-control needs a value"));
        assertTrue(refusal("--cache-control", "forever").startsWith("--cache-control must be off, static or immutable"));
        assertTrue(refusal("--header").startsWith("--header needs a value"));
        assertTrue(refusal("--cors").startsWith("--cors needs a value"));
        assertTrue(refusal("--security-headers=on").startsWith("--security-headers takes no value"));
    }

    @Test
    void aBadValueExitsTwoWithOneLine() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"--header", "Content-Length: 1"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code);
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("http-server: --header: Content-Length is set by the server itself"), text);
    }

    @Test
    void theUsageTextListsTheFlags() {
        for (String flag : List.of("--security-headers", "--cache-control PRESET", "--header 'NAME: VALUE'",
                "--cors ORIGIN")) {
            assertTrue(CommandLine.USAGE.contains(flag), flag);
        }
    }
}
