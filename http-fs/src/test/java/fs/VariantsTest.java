package fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Precompressed siblings pass the same sandbox as any file, and only fresh ones count. */
class VariantsTest {

    private static final Instant T = Instant.parse("2026-01-01T12:00:00Z");

    @TempDir
    static Path base;

    private static DocumentRoot root;
    private static Variants variants;

    @BeforeAll
    static void buildTree() throws IOException {
        Path outside = Files.createDirectories(base.resolve("outside"));
        write(outside.resolve("page.html.br"), T);
        Path dir = Files.createDirectories(base.resolve("root"));
        write(dir.resolve("page.html"), T);
        write(dir.resolve("page.html.br"), T);
        write(dir.resolve("page.html.gz"), T.plusSeconds(60));
        write(dir.resolve("page.html.zst"), T.minusSeconds(1));
        write(dir.resolve("same-second.html"), T.plusMillis(900));
        write(dir.resolve("same-second.html.br"), T);
        write(dir.resolve("escaping.html"), T);
        Files.createSymbolicLink(dir.resolve("escaping.html.br"), Path.of("..", "outside", "page.html.br"));
        write(dir.resolve("linked.html"), T);
        Files.createSymbolicLink(dir.resolve("linked.html.br"), Path.of("page.html.br"));
        write(dir.resolve("folder.html"), T);
        Files.createDirectories(dir.resolve("folder.html.br"));
        write(dir.resolve("dangling.html"), T);
        Files.createSymbolicLink(dir.resolve("dangling.html.br"), Path.of("nowhere"));
        Path sub = Files.createDirectories(dir.resolve("sub"));
        write(sub.resolve("index.html"), T);
        write(sub.resolve("index.html.gz"), T);
        root = DocumentRoot.open(dir);
        variants = new Variants(root);
    }

    private static void write(Path file, Instant modified) throws IOException {
        Files.writeString(file, file.getFileName().toString());
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    private static Variants.Lookup find(String rawPath, String suffix) {
        var path = (RequestPath) RequestPath.parse(rawPath);
        var original = assertInstanceOf(Resolution.Found.class, root.resolve(path)).file();
        return variants.find(original, suffix);
    }

    private static String name(Variants.Lookup lookup) {
        return switch (lookup) {
            case Variants.Lookup.Fresh fresh -> "fresh " + fresh.file().path().getFileName();
            case Variants.Lookup.Stale stale -> "stale " + stale.file().path().getFileName();
            case Variants.Lookup.Missing missing -> "missing";
        };
    }

    @Test
    void freshStaleAndMissing() {
        assertEquals("fresh page.html.br", name(find("/page.html", ".br")));
        assertEquals("fresh page.html.gz", name(find("/page.html", ".gz")), "newer is fresh");
        assertEquals("stale page.html.zst", name(find("/page.html", ".zst")), "a second older is stale");
        assertEquals("fresh same-second.html.br", name(find("/same-second.html", ".br")),
                "modification times compare to the second, as HTTP dates carry them");
        assertEquals("missing", name(find("/page.html", ".xz")));
    }

    @Test
    void siblingsPassTheSandbox() {
        assertEquals("missing", name(find("/escaping.html", ".br")), "a link out of the root");
        assertEquals("fresh page.html.br", name(find("/linked.html", ".br")), "a link inside the root");
        assertEquals("missing", name(find("/folder.html", ".br")), "not a regular file");
        assertEquals("missing", name(find("/dangling.html", ".br")));
    }

    @Test
    void anIndexHasItsSiblingInItsFolder() {
        assertEquals("fresh index.html.gz", name(find("/sub/", ".gz")));
        assertEquals("missing", name(find("/sub/", ".br")));
        var path = new RequestPath(List.of("sub", "index.html"), false);
        var original = assertInstanceOf(Resolution.Found.class, root.resolve(path)).file();
        assertEquals("fresh index.html.gz", name(variants.find(original, ".gz")));
    }

    @Test
    void aSuffixThatIsNoSafeNameFindsNothing() {
        assertEquals("missing", name(find("/page.html", "/../page.html.br")));
        assertEquals("missing", name(find("/page.html", "\u0000")));
    }
}
