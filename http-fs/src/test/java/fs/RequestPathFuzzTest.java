package fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Properties of the canonicaliser and the document root. Assertion messages never include the
 * input: a finding is reproduced from the saved input file.
 */
class RequestPathFuzzTest {

    @TempDir
    static Path base;

    private static DocumentRoot root;

    @BeforeAll
    static void buildTree() throws IOException {
        root = DocumentRoot.open(TestTree.build(base));
    }

    /** Any bytes, read as a raw path, are rejected or resolve to something inside the root. */
    @FuzzTest
    void neverEscapes(byte[] input) throws IOException {
        checkNeverEscapes(new String(input, StandardCharsets.ISO_8859_1));
        checkNeverEscapes(new String(input, StandardCharsets.UTF_8));
    }

    /** Every path that can be constructed survives encoding and canonicalising unchanged. */
    @FuzzTest
    void encodeThenParse(FuzzedDataProvider data) {
        int count = data.consumeInt(0, 6);
        List<String> segments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            segments.add(data.consumeBoolean() ? data.consumeAsciiString(16) : data.consumeString(16));
        }
        boolean directory = segments.isEmpty() || data.consumeBoolean();
        RequestPath path;
        try {
            path = new RequestPath(segments, directory);
        } catch (IllegalArgumentException unsafe) {
            return;
        }
        String encoded = path.encoded();
        assertFalse(encoded.startsWith("//"), "network-path reference");
        assertEquals(path, RequestPath.parse(encoded));
    }

    private static void checkNeverEscapes(String raw) throws IOException {
        if (!(RequestPath.parse(raw) instanceof RequestPath path)) {
            return;
        }
        assertEquals(path, RequestPath.parse(path.encoded()), "canonical form is stable");
        checkNeverEscapes(path, root.resolve(path));
        checkNeverEscapes(path, root.resolve(path, DirectoryMode.LISTED));
    }

    private static void checkNeverEscapes(RequestPath path, Resolution resolution) throws IOException {
        switch (resolution) {
            case Resolution.Found found -> {
                Path real = found.file().path();
                assertTrue(real.startsWith(root.realRoot()), "escaped the root");
                assertEquals(real, real.toRealPath(), "not a real path");
                assertTrue(Files.isRegularFile(real), "not a regular file");
                for (Path name : root.realRoot().relativize(real)) {
                    assertFalse(name.toString().startsWith("."), "hidden file served");
                }
            }
            case Resolution.DirectoryRedirect redirect -> {
                assertFalse(redirect.location().startsWith("//"), "open redirect");
                assertEquals(new RequestPath(path.segments(), true), RequestPath.parse(redirect.location()));
            }
            case Resolution.Listable listable -> {
                Path real = listable.directory();
                assertTrue(real.startsWith(root.realRoot()), "escaped the root");
                assertEquals(real, real.toRealPath(), "not a real path");
                assertTrue(Files.isDirectory(real), "not a directory");
                for (Path name : root.realRoot().relativize(real)) {
                    assertFalse(name.toString().startsWith("."), "hidden directory listed");
                }
                checkListsOnlyWhatIsServed(path, listable);
            }
            case Resolution.NotFound notFound -> { }
        }
    }

    /** Every entry of the listing, asked for by its name, is served: a file found, a directory found or listed. */
    private static void checkListsOnlyWhatIsServed(RequestPath path, Resolution.Listable listable) throws IOException {
        for (DirectoryListing.Entry entry : DirectoryListing.read(root, listable, 1000, any -> true).entries()) {
            var segments = new ArrayList<>(path.segments());
            segments.add(entry.name());
            boolean directory = entry.type() == DirectoryListing.Type.DIRECTORY;
            Resolution served = root.resolve(new RequestPath(segments, directory), DirectoryMode.LISTED);
            assertTrue(served instanceof Resolution.Found || directory && served instanceof Resolution.Listable,
                    "listed but not served");
        }
    }
}
