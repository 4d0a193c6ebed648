package fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A document root on disk with the awkward cases: links leading out of it (to a file, to a
 * directory, by relative and absolute target), links staying inside, hidden files, odd names,
 * an index that escapes, a dangling link and a link loop. Read-only once built.
 */
final class TestTree {

    private TestTree() {}

    /** Builds the tree under {@code base} and returns the document root, {@code base/root}. */
    static Path build(Path base) throws IOException {
        Path outside = Files.createDirectories(base.resolve("outside"));
        write(outside.resolve("secret.txt"), "secret");
        write(outside.resolve("config"), "secret config");
        write(outside.resolve("index.html"), "outside index");

        Path root = Files.createDirectories(base.resolve("root"));
        write(root.resolve("index.html"), "<h1>home</h1>");
        write(root.resolve("a.txt"), "a");
        write(root.resolve("with space.txt"), "space");
        write(root.resolve("a+b.txt"), "plus");
        if (unicodeNames()) {
            write(root.resolve("ünïcødé.txt"), "unicode");
        }
        write(root.resolve("%2e%2e"), "literal percent name");
        write(root.resolve("a..b.txt"), "dots inside a name");
        write(root.resolve(".hidden.txt"), "hidden");
        write(Files.createDirectories(root.resolve(".git")).resolve("config"), "hidden config");
        write(Files.createDirectories(root.resolve("sub")).resolve("index.html"), "sub index");
        write(root.resolve("sub").resolve("page.txt"), "page");
        write(Files.createDirectories(root.resolve("noindex")).resolve("file.txt"), "file");
        write(Files.createDirectories(root.resolve("dir with space")).resolve("index.html"), "spaced index");
        Files.createDirectories(root.resolve("index-is-dir").resolve("index.html"));

        Files.createSymbolicLink(root.resolve("linkdir"), Path.of("sub"));
        Files.createSymbolicLink(root.resolve("linkfile"), Path.of("a.txt"));
        Files.createSymbolicLink(root.resolve("escape-file"), Path.of("..", "outside", "secret.txt"));
        Files.createSymbolicLink(root.resolve("escape-dir"), Path.of("..", "outside"));
        Files.createSymbolicLink(root.resolve("absolute-escape"), outside.toAbsolutePath());
        Files.createSymbolicLink(root.resolve("to-hidden"), Path.of(".hidden.txt"));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("nowhere"));
        Files.createSymbolicLink(root.resolve("loop"), Path.of("loop"));
        Files.createSymbolicLink(root.resolve("sub").resolve("up-link.txt"), Path.of("..", "a.txt"));
        Files.createSymbolicLink(root.resolve("sub").resolve("up-escape"), Path.of("..", "..", "outside"));
        Files.createSymbolicLink(root.resolve("sub").resolve("hidden-dir"), Path.of("..", ".git"));
        Files.createSymbolicLink(Files.createDirectories(root.resolve("index-link")).resolve("index.html"),
                Path.of("..", "sub", "page.txt"));
        Files.createSymbolicLink(Files.createDirectories(root.resolve("index-hidden")).resolve("index.html"),
                Path.of("..", ".hidden.txt"));
        Path escapingIndex = Files.createDirectories(root.resolve("index-escape"));
        Files.createSymbolicLink(escapingIndex.resolve("index.html"), Path.of("..", "..", "outside", "index.html"));
        return root;
    }

    /** Whether the JVM can name files outside ASCII: it encodes names per the locale (sun.jnu.encoding). */
    static boolean unicodeNames() {
        return "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"));
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
