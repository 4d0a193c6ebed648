package fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DownloadPolicyTest {

    @Test
    void seedDefaultIsTheSeedsList() {
        assertEquals(Set.of("txt", "png", "jpg", "jpeg"), DownloadPolicy.SEED_DEFAULT.extensions());
        assertEquals(DownloadPolicy.SEED_DEFAULT, DownloadPolicy.parse("txt,png,jpg,jpeg"));
    }

    @Test
    void parseNormalisesEntries() {
        assertEquals(Set.of("txt", "png", "tar"), DownloadPolicy.parse(" TXT , .Png,tar ").extensions());
    }

    @Test
    void blankMeansNone() {
        assertEquals(Set.of(), DownloadPolicy.parse("").extensions());
        assertEquals(Set.of(), DownloadPolicy.parse("  ").extensions());
        assertFalse(DownloadPolicy.parse("").isAttachment("notes.txt"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"txt,,png", "txt,", ",", ".", "tar.gz", "t xt", "*", "txt;png", "ü", "a/b"})
    void rejectsInvalidEntries(String list) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DownloadPolicy.parse(list));
        assertTrue(e.getMessage().contains("extension"), e.getMessage());
    }

    @Test
    void constructorRejectsUnnormalisedEntries() {
        assertThrows(IllegalArgumentException.class, () -> new DownloadPolicy(Set.of("TXT")));
        assertThrows(IllegalArgumentException.class, () -> new DownloadPolicy(Set.of(".txt")));
    }

    @Test
    void extensionsAreAnImmutableCopy() {
        Set<String> extensions = new HashSet<>(Set.of("txt"));
        DownloadPolicy policy = new DownloadPolicy(extensions);
        extensions.add("png");
        assertEquals(Set.of("txt"), policy.extensions());
        assertThrows(UnsupportedOperationException.class, () -> policy.extensions().add("gif"));
    }

    @Test
    void decidesByLastExtensionIgnoringCase() {
        DownloadPolicy policy = DownloadPolicy.SEED_DEFAULT;
        assertTrue(policy.isAttachment("notes.txt"));
        assertTrue(policy.isAttachment("photo.JPG"));
        assertTrue(policy.isAttachment("archive.html.png"));
        assertFalse(policy.isAttachment("notes.txt.html"));
        assertFalse(policy.isAttachment("txt"));
        assertFalse(policy.isAttachment(".txt"));
        assertFalse(policy.isAttachment("index.html"));
    }
}
