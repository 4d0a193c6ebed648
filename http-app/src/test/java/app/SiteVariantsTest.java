package app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The precompressed variants committed in resources/ (made by scripts/compress-site.sh) decode to exactly their
 * sources: a page edited without running the script again fails here.
 */
class SiteVariantsTest {

    private static final Path SITE = Path.of("..", "resources");
    private static final List<String> SOURCE_EXTENSIONS = List.of(".html", ".css", ".js");
    private static final List<String> VARIANT_SUFFIXES = List.of(".br", ".gz", ".zst");

    static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(SITE)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !SITE.relativize(file).startsWith("uploads"))
                    .filter(file -> SOURCE_EXTENSIONS.stream().anyMatch(file.toString()::endsWith))
                    .sorted().toList();
        }
    }

    @Test
    void theSiteHasPagesStylesAndScripts() throws IOException {
        List<String> names = sources().stream().map(file -> SITE.relativize(file).toString()).toList();
        assertTrue(names.containsAll(List.of("index.html", "about.html", "contact.html", "site.css", "upload.js")),
                names.toString());
    }

    @ParameterizedTest
    @MethodSource("sources")
    void theGzipVariantDecodesToTheSource(Path source) throws IOException {
        Path gz = sibling(source, ".gz");
        assertTrue(Files.isRegularFile(gz), gz + " is missing: run scripts/compress-site.sh");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            assertArrayEquals(Files.readAllBytes(source), in.readAllBytes(), gz + " is stale: run scripts/compress-site.sh");
        }
    }

    @ParameterizedTest
    @MethodSource("sources")
    void theBrotliVariantDecodesToTheSource(Path source) throws Exception {
        Path br = sibling(source, ".br");
        assertTrue(Files.isRegularFile(br), br + " is missing: run scripts/compress-site.sh");
        assertDecodes("brotli", source, br);
    }

    @ParameterizedTest
    @MethodSource("sources")
    void aZstandardVariantDecodesToTheSource(Path source) throws Exception {
        Path zst = sibling(source, ".zst");
        assumeTrue(Files.isRegularFile(zst), "no .zst variant (made only where zstd is installed)");
        assertDecodes("zstd", source, zst);
    }

    @Test
    void everyVariantHasItsSource() throws IOException {
        try (Stream<Path> files = Files.walk(SITE)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                Optional<String> suffix = VARIANT_SUFFIXES.stream().filter(name::endsWith).findFirst();
                if (suffix.isPresent()) {
                    Path source = file.resolveSibling(name.substring(0, name.length() - suffix.get().length()));
                    assertTrue(Files.isRegularFile(source), file + " has no source");
                }
            }
        }
    }

    /** Decodes {@code variant} with {@code program -d -c} and compares to the source; skipped without the program. */
    private static void assertDecodes(String program, Path source, Path variant) throws Exception {
        Optional<Path> decoder = ExternalCommand.find(program);
        assumeTrue(decoder.isPresent(), program + " is not installed; the check of " + variant + " is skipped");
        var result = ExternalCommand.run(SITE, List.of(decoder.get().toString(), "-d", "-c", "--",
                variant.toAbsolutePath().toString()));
        assertEquals(0, result.exitCode(), result.err());
        assertFalse(result.out().length == 0 && Files.size(source) > 0, "decoded to nothing");
        assertArrayEquals(Files.readAllBytes(source), result.out(), variant + " is stale: run scripts/compress-site.sh");
    }

    private static Path sibling(Path source, String suffix) {
        return source.resolveSibling(source.getFileName() + suffix);
    }
}
