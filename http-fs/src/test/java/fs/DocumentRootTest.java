package fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DocumentRootTest {

    @TempDir
    static Path base;

    private static DocumentRoot root;

    @BeforeAll
    static void buildTree() throws IOException {
        root = DocumentRoot.open(TestTree.build(base));
    }

    /** Raw request path and the expected outcome, as {@link #outcome} spells it. */
    static Stream<Arguments> traversalTable() {
        return Stream.of(
                row("/..", "FORBIDDEN"),
                row("/../outside/secret.txt", "FORBIDDEN"),
                row("/%2e%2e", "FORBIDDEN"),
                row("/%2E%2E/outside/secret.txt", "FORBIDDEN"),
                row("/sub/%2e", "FORBIDDEN"),
                row("/%2E%2E%2F", "MALFORMED"),
                row("/%2E%2E%2Foutside%2Fsecret.txt", "MALFORMED"),
                row("/..%2f", "MALFORMED"),
                row("/..%2foutside%2fsecret.txt", "MALFORMED"),
                // Decoded exactly once: the literal name "%2e%2e", which exists in the tree.
                row("/%252e%252e", "FOUND %2e%2e"),
                row("/%252e%252e/outside", "NOT_FOUND"),
                row("/\\..\\", "MALFORMED"),
                row("/%5C..%5C", "MALFORMED"),
                row("c:\\", "FORBIDDEN"),
                row("/c:\\windows", "MALFORMED"),
                row("/c:", "NOT_FOUND"),
                row("/%00", "MALFORMED"),
                row("/a.txt%00.html", "MALFORMED"),
                row("//etc/passwd", "FORBIDDEN"),
                row("/./././../config", "FORBIDDEN"),
                row("/%c0%ae%c0%ae", "MALFORMED"),
                row("/%c0%ae%c0%ae/config", "MALFORMED"),
                row("/%e0%80%ae%e0%80%ae", "MALFORMED"),
                row("/sub//page.txt", "FORBIDDEN"),
                row("/sub/page.txt//", "FORBIDDEN"),
                row("/a..b.txt", "FOUND a..b.txt"),
                row("/with%20space.txt", "FOUND with space.txt"),
                row("/with space.txt", "MALFORMED"),
                row("/a+b.txt", "FOUND a+b.txt"),
                row("/a%2Bb.txt", "FOUND a+b.txt"),
                row("/a%2bb.txt", "FOUND a+b.txt"),
                row("/a%20b.txt", "NOT_FOUND"),
                row("/", "FOUND index.html"),
                row("/a.txt", "FOUND a.txt"),
                row("/a.txt/", "NOT_FOUND"),
                row("/missing.txt", "NOT_FOUND"),
                row("/sub", "REDIRECT /sub/"),
                row("/sub/", "FOUND sub/index.html"),
                row("/sub/page.txt", "FOUND sub/page.txt"),
                row("/dir%20with%20space", "REDIRECT /dir%20with%20space/"),
                row("/noindex", "NOT_FOUND"),
                row("/noindex/", "NOT_FOUND"),
                row("/noindex/file.txt", "FOUND noindex/file.txt"),
                row("/index-is-dir/", "NOT_FOUND"),
                row("/index-is-dir", "NOT_FOUND"),
                row("/linkdir", "REDIRECT /linkdir/"),
                row("/linkdir/", "FOUND sub/index.html"),
                row("/linkdir/page.txt", "FOUND sub/page.txt"),
                row("/linkfile", "FOUND a.txt"),
                row("/linkdir/up-link.txt", "FOUND a.txt"),
                row("/sub/up-link.txt", "FOUND a.txt"),
                row("/sub/up-escape/secret.txt", "NOT_FOUND"),
                row("/linkdir/up-escape/secret.txt", "NOT_FOUND"),
                row("/sub/hidden-dir/config", "NOT_FOUND"),
                row("/a.txt/x", "NOT_FOUND"),
                row("/sub/page.txt/index.html", "NOT_FOUND"),
                row("/escape-file", "NOT_FOUND"),
                row("/escape-dir", "NOT_FOUND"),
                row("/escape-dir/", "NOT_FOUND"),
                row("/escape-dir/secret.txt", "NOT_FOUND"),
                row("/escape-dir/config", "NOT_FOUND"),
                row("/absolute-escape/secret.txt", "NOT_FOUND"),
                row("/index-link/", "FOUND sub/page.txt"),
                row("/index-link", "REDIRECT /index-link/"),
                row("/index-hidden/", "NOT_FOUND"),
                row("/index-hidden", "NOT_FOUND"),
                row("/index-escape/", "NOT_FOUND"),
                row("/index-escape", "NOT_FOUND"),
                row("/.hidden.txt", "NOT_FOUND"),
                row("/%2ehidden.txt", "NOT_FOUND"),
                row("/.git/config", "NOT_FOUND"),
                row("/to-hidden", "NOT_FOUND"),
                row("/dangling", "NOT_FOUND"),
                row("/loop", "NOT_FOUND"),
                row("/loop/x", "NOT_FOUND"),
                row(Named.of("one 300-byte segment", "/" + "a".repeat(300)), "NOT_FOUND"),
                row(Named.of("3000 nested segments", "/" + "a/".repeat(3000) + "x"), "NOT_FOUND"),
                row(Named.of("6000 encoded bytes", "/" + "%41".repeat(2000)), "NOT_FOUND"),
                row(Named.of("long name under an escaping link", "/escape-dir/" + "b".repeat(5000)), "NOT_FOUND"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("traversalTable")
    void resolvesTraversalAttempts(String raw, String expected) {
        assertEquals(expected, outcome(raw));
    }

    @Test
    void servesUnicodeNames() {
        assumeTrue(TestTree.unicodeNames(), "the JVM's file name encoding (sun.jnu.encoding) is not UTF-8");
        assertEquals("FOUND ünïcødé.txt", outcome("/%C3%BCn%C3%AFc%C3%B8d%C3%A9.txt"));
        // NFD spelling of the same text is a different name on Linux.
        assertEquals("NOT_FOUND", outcome("/u%CC%88n%C3%AFc%C3%B8d%C3%A9.txt"));
    }

    @Test
    void foundCarriesRequestedNameAndRealPath() throws IOException {
        FileInfo file = found("/linkfile");
        assertEquals("linkfile", file.name());
        assertEquals(root.realRoot().resolve("a.txt"), file.path());
        assertEquals(1, file.size());
        assertEquals("index.html", found("/linkdir/").name());
        assertEquals(Files.getLastModifiedTime(file.path()).toInstant().getEpochSecond(),
                file.lastModified().getEpochSecond());
        assertEquals(0, file.lastModified().getNano());
    }

    @Test
    void identityIsStableUntilTheContentChanges(@TempDir Path dir) throws IOException {
        Path page = dir.resolve("page.html");
        Files.writeString(page, "one");
        Files.setLastModifiedTime(page, FileTime.from(Instant.parse("2026-01-01T00:00:00.123456789Z")));
        DocumentRoot docs = DocumentRoot.open(dir);
        RequestPath path = new RequestPath(List.of("page.html"), false);
        String first = identityOf(docs.resolve(path));
        assertEquals(first, identityOf(DocumentRoot.open(dir).resolve(path)));
        assertTrue(first.matches("[0-9a-f-]+"), first);

        Files.setLastModifiedTime(page, FileTime.from(Instant.parse("2026-01-01T00:00:00.123456790Z")));
        assertNotEquals(first, identityOf(docs.resolve(path)), "a nanosecond later");
        Files.writeString(page, "two!");
        assertNotEquals(first, identityOf(docs.resolve(path)), "new content");
    }

    @Test
    void aNameSwappedForALinkIsCheckedAgain(@TempDir Path dir) throws IOException {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("page.html"), "secret");
        Files.writeString(Files.createDirectories(docs.resolve("folder")).resolve("page.html"), "public");
        DocumentRoot opened = DocumentRoot.open(docs);
        RequestPath path = new RequestPath(List.of("folder", "page.html"), false);
        assertInstanceOf(Resolution.Found.class, opened.resolve(path));

        Files.move(docs.resolve("folder"), dir.resolve("old-folder"));
        Files.createSymbolicLink(docs.resolve("folder"), outside);
        assertInstanceOf(Resolution.NotFound.class, opened.resolve(path), "a folder swapped for an escaping link");

        Files.delete(docs.resolve("folder"));
        Files.createDirectories(docs.resolve("folder"));
        Files.createSymbolicLink(docs.resolve("folder").resolve("page.html"), outside.resolve("page.html"));
        assertInstanceOf(Resolution.NotFound.class, opened.resolve(path), "a file swapped for an escaping link");
    }

    @Test
    void aRootSwappedForALinkServesNothing(@TempDir Path dir) throws IOException {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(docs.resolve("index.html"), "public");
        Files.writeString(outside.resolve("index.html"), "secret");
        DocumentRoot opened = DocumentRoot.open(docs);
        var page = new RequestPath(List.of("index.html"), false);
        var top = new RequestPath(List.of(), true);
        assertInstanceOf(Resolution.Found.class, opened.resolve(page));

        Files.move(docs, dir.resolve("old-docs"));
        Files.createSymbolicLink(docs, outside);
        assertInstanceOf(Resolution.NotFound.class, opened.resolve(page));
        assertInstanceOf(Resolution.NotFound.class, opened.resolve(top));
    }

    @Test
    void openRejectsMissingRoot(@TempDir Path dir) {
        Path missing = dir.resolve("missing");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> DocumentRoot.open(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void openRejectsFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        FileSystemException e = assertThrows(FileSystemException.class, () -> DocumentRoot.open(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
    }

    @Test
    void openFollowsLinkToRootOnce(@TempDir Path dir) throws IOException {
        Path real = Files.createDirectory(dir.resolve("real"));
        Files.writeString(real.resolve("index.html"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        DocumentRoot docs = DocumentRoot.open(link);
        assertEquals(real.toRealPath(), docs.realRoot());
        assertInstanceOf(Resolution.Found.class, docs.resolve(new RequestPath(List.of(), true)));
    }

    @Test
    void specialFilesAreNotServed(@TempDir Path fifo) throws Exception {
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.resolve("pipe").toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available: " + e.getMessage());
            return;
        }
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        assertInstanceOf(Resolution.NotFound.class,
                DocumentRoot.open(fifo).resolve(new RequestPath(List.of("pipe"), false)));
    }

    private static String outcome(String raw) {
        return switch (RequestPath.parse(raw)) {
            case PathRejection rejection -> rejection.kind().name();
            case RequestPath path -> switch (root.resolve(path)) {
                case Resolution.Found found -> {
                    Path real = found.file().path();
                    assertTrue(real.startsWith(root.realRoot()), "escaped the root");
                    yield "FOUND " + root.realRoot().relativize(real).toString();
                }
                case Resolution.NotFound notFound -> "NOT_FOUND";
                case Resolution.DirectoryRedirect redirect -> "REDIRECT " + redirect.location();
                case Resolution.Listable listable -> "LISTABLE";
            };
        };
    }

    private static FileInfo found(String raw) {
        RequestPath path = assertInstanceOf(RequestPath.class, RequestPath.parse(raw));
        return assertInstanceOf(Resolution.Found.class, root.resolve(path)).file();
    }

    private static String identityOf(Resolution resolution) {
        return assertInstanceOf(Resolution.Found.class, resolution).file().identity();
    }

    private static Arguments row(Object raw, String expected) {
        return Arguments.of(raw, expected);
    }
}
