package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.ListingsTest.Reply;
import app.ListingsTest.Wire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --list-limit}: at N entries everything is listed, at N + 1 the first N and a note; and 100 000 entries. */
class ListingLimitTest {

    private static final int LIMIT = 5;
    private static final String NOTE = "<p>Only the first " + LIMIT + " entries are listed; the folder holds more.</p>";

    /** {@code count} empty files {@code f0 ... f(count-1)}, created last name first. */
    private static void files(Path dir, int count) throws IOException {
        for (int i = count - 1; i >= 0; i--) {
            Files.createFile(dir.resolve(String.format(Locale.ROOT, "f%06d", i)));
        }
    }

    /** The upload folder apart, so that the listed folder holds only what a test puts there. */
    @TempDir
    Path uploads;

    private TestServer start(Path dir, String... args) throws IOException {
        var all = new ArrayList<>(List.of("--uploads", uploads.toString(), "--list-directories"));
        all.addAll(List.of(args));
        return TestServer.start(dir, all.toArray(String[]::new));
    }

    /** Compares long lists without printing them whole: the size, then the first difference. */
    private static void assertSameNames(List<String> expected, List<String> actual) {
        assertEquals(expected.size(), actual.size(), "entries");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "entry " + i);
        }
    }

    @Test
    void atTheLimitNothingIsLeftOut(@TempDir Path dir) throws Exception {
        files(dir, LIMIT);
        try (var server = start(dir, "--list-limit", Integer.toString(LIMIT))) {
            Reply json = ListingsTest.fetch(server, Wire.HTTP1, "GET", "/", "Accept", "application/json");
            assertEquals(List.of("f000000", "f000001", "f000002", "f000003", "f000004"), ListingsTest.names(
                    ListingsTest.json(json)));
            assertNull(json.header("X-Listing-Truncated"));
            Reply html = ListingsTest.fetch(server, Wire.HTTP1, "GET", "/");
            assertNull(html.header("X-Listing-Truncated"));
            assertFalse(html.text().contains("Only the first"));
        }
    }

    @Test
    void pastTheLimitTheFirstAreListedAndTheCutIsSaid(@TempDir Path dir) throws Exception {
        files(dir, LIMIT);
        // Created last, sorted first: a directory.
        Files.createDirectory(dir.resolve("zzz"));
        try (var server = start(dir, "--list-limit", Integer.toString(LIMIT))) {
            for (Wire wire : List.of(Wire.HTTP1, Wire.H2C)) {
                Reply json = ListingsTest.fetch(server, wire, "GET", "/", "Accept", "application/json");
                assertEquals(List.of("zzz/", "f000000", "f000001", "f000002", "f000003"),
                        ListingsTest.names(ListingsTest.json(json)));
                assertEquals("true", json.header("X-Listing-Truncated"));
                Reply html = ListingsTest.fetch(server, wire, "GET", "/");
                assertEquals("true", html.header("X-Listing-Truncated"));
                assertTrue(html.text().contains(NOTE), html.text());
                assertFalse(html.text().contains("f000004"));
                Reply head = ListingsTest.fetch(server, wire, "HEAD", "/");
                assertEquals("true", head.header("X-Listing-Truncated"));
            }
        }
    }

    /**
     * 100 000 entries under the default limit of 10 000: the answer holds exactly the first 10 000 in order and
     * says it was cut. The listing keeps only those 10 000 while it reads the directory.
     */
    @Test
    void aHundredThousandEntriesAreCutToTheDefaultLimit(@TempDir Path dir) throws Exception {
        int count = 100_000;
        files(dir, count - 3);
        for (int i = 0; i < 3; i++) {
            Files.createDirectory(dir.resolve("z-dir-" + i));
        }
        var expected = new ArrayList<>(List.of("z-dir-0/", "z-dir-1/", "z-dir-2/"));
        for (int i = 0; i < Listing.DEFAULT_LIMIT - 3; i++) {
            expected.add(String.format(Locale.ROOT, "f%06d", i));
        }
        try (var server = start(dir)) {
            for (Wire wire : List.of(Wire.HTTP1, Wire.H2C)) {
                Reply json = ListingsTest.fetch(server, wire, "GET", "/", "Accept", "application/json");
                assertEquals(200, json.status());
                assertEquals("true", json.header("X-Listing-Truncated"));
                assertSameNames(expected, ListingsTest.names(ListingsTest.json(json)));
            }
            Reply html = ListingsTest.fetch(server, Wire.HTTP1, "GET", "/");
            assertTrue(html.text().contains("<p>Only the first 10000 entries are listed; the folder holds more.</p>"));
            assertTrue(html.text().contains(">f009996</a>"));
            assertFalse(html.text().contains(">f009997</a>"));
        }
    }
}
