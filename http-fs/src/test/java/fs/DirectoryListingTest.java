package fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DirectoryListingTest {

    @TempDir
    static Path base;

    private static DocumentRoot root;

    @BeforeAll
    static void buildTree() throws IOException {
        root = DocumentRoot.open(TestTree.build(base));
    }

    private static RequestPath path(String raw) {
        return (RequestPath) RequestPath.parse(raw);
    }

    private static Resolution.Listable listable(DocumentRoot root, String raw) {
        return assertInstanceOf(Resolution.Listable.class, root.resolve(path(raw), DirectoryMode.LISTED));
    }

    private static List<String> names(DirectoryListing listing) {
        return listing.entries().stream()
                .map(entry -> entry.name() + (entry.type() == DirectoryListing.Type.DIRECTORY ? "/" : ""))
                .toList();
    }

    @Test
    void directoriesWithoutIndexAreListableOnlyWhenListed() {
        assertInstanceOf(Resolution.NotFound.class, root.resolve(path("/noindex/")));
        assertInstanceOf(Resolution.NotFound.class, root.resolve(path("/noindex")));
        assertEquals(new Resolution.Listable(base.resolve("root/noindex")),
                root.resolve(path("/noindex/"), DirectoryMode.LISTED));
        assertEquals(new Resolution.DirectoryRedirect("/noindex/"), root.resolve(path("/noindex"), DirectoryMode.LISTED));
        // A directory with an index is its index whatever the mode.
        assertInstanceOf(Resolution.Found.class, root.resolve(path("/sub/"), DirectoryMode.LISTED));
        assertEquals(new Resolution.DirectoryRedirect("/sub/"), root.resolve(path("/sub"), DirectoryMode.LISTED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/escape-dir/", "/escape-dir", "/absolute-escape/", "/.git/", "/.git", "/sub/up-escape/",
        "/sub/hidden-dir/", "/missing/", "/missing", "/a.txt/", "/loop/", "/dangling/"})
    void directoriesThatCannotBeServedAreNotListable(String raw) {
        assertInstanceOf(Resolution.NotFound.class, root.resolve(path(raw), DirectoryMode.LISTED));
    }

    @Test
    void listsWhatCouldBeServedDirectoriesFirstByCodePoint() throws IOException {
        // The root has an index page, so it is not listable by request; its listing is read directly.
        var listing = DirectoryListing.read(root, new Resolution.Listable(root.realRoot()), 100, entry -> true);
        var expected = new ArrayList<>(List.of("dir with space/", "index-escape/", "index-hidden/", "index-is-dir/",
                "index-link/", "linkdir/", "noindex/", "sub/",
                "%2e%2e", "a+b.txt", "a..b.txt", "a.txt", "index.html", "linkfile", "with space.txt"));
        if (TestTree.unicodeNames()) {
            expected.add("ünïcødé.txt");
        }
        // Left out: hidden names, links out of the root or to hidden names, a dangling link and a loop.
        assertEquals(expected, names(listing));
        assertFalse(listing.truncated());
    }

    @Test
    void aLinkInsideIsListedAsItsTarget() throws IOException {
        var listing = DirectoryListing.read(root, new Resolution.Listable(root.realRoot()), 100, entry -> true);
        var link = listing.entries().stream().filter(entry -> entry.name().equals("linkfile")).findFirst().orElseThrow();
        assertEquals(DirectoryListing.Type.FILE, link.type());
        assertEquals(Files.size(root.realRoot().resolve("a.txt")), link.size());
        var linkedDirectory = listing.entries().stream().filter(entry -> entry.name().equals("linkdir")).findFirst()
                .orElseThrow();
        assertEquals(new DirectoryListing.Entry("linkdir", DirectoryListing.Type.DIRECTORY, 0,
                Files.getLastModifiedTime(root.realRoot().resolve("sub")).toInstant().truncatedTo(
                        java.time.temporal.ChronoUnit.SECONDS)), linkedDirectory);
    }

    @Test
    void entriesCarrySizeAndModificationToTheSecond(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("five.txt"), "12345");
        Files.setLastModifiedTime(dir.resolve("five.txt"), FileTime.from(Instant.parse("2024-05-06T07:08:09.987Z")));
        var own = DocumentRoot.open(dir);
        var listing = DirectoryListing.read(own, listable(own, "/"), 10, entry -> true);
        assertEquals(List.of(new DirectoryListing.Entry("five.txt", DirectoryListing.Type.FILE, 5,
                Instant.parse("2024-05-06T07:08:09Z"))), listing.entries());
    }

    @Test
    void namesThatAreNoSafeSegmentAreLeftOut(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("ok.txt"), "ok");
        Files.writeString(dir.resolve("back\\slash.txt"), "x");
        Files.writeString(dir.resolve("bell\u0007.txt"), "x");
        Files.writeString(dir.resolve("line\nbreak.txt"), "x");
        var own = DocumentRoot.open(dir);
        assertEquals(List.of("ok.txt"), names(DirectoryListing.read(own, listable(own, "/"), 10, entry -> true)));
    }

    @Test
    void theCallerMayLeaveOutMoreBeforeTheLimitCounts(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a"), "");
        Files.writeString(dir.resolve("b"), "");
        var own = DocumentRoot.open(dir);
        var listing = DirectoryListing.read(own, listable(own, "/"), 1, entry -> !entry.name().equals("a"));
        assertEquals(List.of("b"), names(listing));
        assertFalse(listing.truncated());
    }

    /** {@code count} files and as many directories, in an order that is not the listing's. */
    private static List<String> populate(Path dir, int files, int directories) throws IOException {
        var expected = new ArrayList<String>();
        for (int i = 0; i < directories; i++) {
            Files.createDirectory(dir.resolve("d" + i));
            expected.add("d" + i + "/");
        }
        for (int i = 0; i < files; i++) {
            Files.createFile(dir.resolve("f" + i));
            expected.add("f" + i);
        }
        Collections.sort(expected.subList(0, directories));
        Collections.sort(expected.subList(directories, expected.size()));
        return expected;
    }

    @Test
    void atTheLimitEverythingIsListed(@TempDir Path dir) throws IOException {
        List<String> expected = populate(dir, 20, 5);
        var own = DocumentRoot.open(dir);
        var listing = DirectoryListing.read(own, listable(own, "/"), 25, entry -> true);
        assertEquals(expected, names(listing));
        assertFalse(listing.truncated());
    }

    @Test
    void pastTheLimitTheFirstInOrderAreListed(@TempDir Path dir) throws IOException {
        List<String> expected = populate(dir, 21, 5);
        var own = DocumentRoot.open(dir);
        var listing = DirectoryListing.read(own, listable(own, "/"), 25, entry -> true);
        assertEquals(expected.subList(0, 25), names(listing));
        assertTrue(listing.truncated());
        // With fewer kept than there are directories, only directories are listed.
        var few = DirectoryListing.read(own, listable(own, "/"), 3, entry -> true);
        assertEquals(expected.subList(0, 3), names(few));
        assertTrue(few.truncated());
    }

    @Test
    void aDirectoryOutsideTheRootIsNotRead() {
        for (Path elsewhere : List.of(base.resolve("outside"), base, root.realRoot().resolve(".git"))) {
            assertThrows(NoSuchFileException.class,
                    () -> DirectoryListing.read(root, new Resolution.Listable(elsewhere), 10, entry -> true));
        }
    }

    @Test
    void theLimitIsAtLeastOne(@TempDir Path dir) throws IOException {
        var own = DocumentRoot.open(dir);
        assertThrows(IllegalArgumentException.class,
                () -> DirectoryListing.read(own, listable(own, "/"), 0, entry -> true));
    }

    @Test
    void namesCompareByCodePointNotByUtf16Unit() {
        String replacement = "\uFFFD";
        String emoji = "\uD83D\uDE00";
        assertTrue(emoji.compareTo(replacement) < 0, "UTF-16 order puts the surrogate first");
        assertTrue(DirectoryListing.compareCodePoints(replacement, emoji) < 0);
        assertTrue(DirectoryListing.compareCodePoints("a", "ab") < 0);
        assertTrue(DirectoryListing.compareCodePoints("B", "a") < 0);
        assertEquals(0, DirectoryListing.compareCodePoints(emoji, emoji));
        var shuffled = new ArrayList<>(List.of("é", "e", "z", "E", emoji, replacement, "日本"));
        Collections.shuffle(shuffled, new Random(7));
        shuffled.sort(DirectoryListing::compareCodePoints);
        assertEquals(List.of("E", "e", "z", "é", "日本", replacement, emoji), shuffled);
    }
}
