package fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming gzip encoder: what the JDK's GZIPInputStream makes of its output, in any buffer size. */
class GzipEncoderTest {

    @TempDir
    Path dir;

    static byte[] gunzip(byte[] gzip) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    /** Text-like content: compressible, but not trivially. */
    static byte[] text(int size, long seed) {
        var random = new Random(seed);
        String[] words = {"alpha ", "beta ", "gamma ", "delta\n", "<p>", "</p>", "{\"k\": ", "42}, "};
        var out = new ByteArrayOutputStream(size + 16);
        while (out.size() < size) {
            out.writeBytes(words[random.nextInt(words.length)].getBytes());
        }
        return Arrays.copyOf(out.toByteArray(), size);
    }

    private byte[] encode(Path file, long size, int level, int bufferSize) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var channel = FileChannel.open(file); var encoder = new GzipEncoder(channel, size, level)) {
            ByteBuffer buffer = ByteBuffer.allocate(bufferSize);
            int n;
            while ((n = encoder.read(buffer.clear())) >= 0) {
                assertEquals(buffer.position(), n);
                out.write(buffer.array(), 0, n);
            }
            assertTrue(encoder.finished());
            assertEquals(-1, encoder.read(buffer.clear()));
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1023, 16_384, 16_385, 1 << 20, 3 * (1 << 20) + 7})
    void decodesToTheExactFile(int size) throws IOException {
        byte[] content = text(size, size);
        Path file = Files.write(dir.resolve("f"), content);
        byte[] gzip = encode(file, size, GzipEncoder.DEFAULT_LEVEL, 8192);
        assertArrayEquals(content, gunzip(gzip));
        if (size >= 16_384) {
            assertTrue(gzip.length < size / 2, "text compresses: " + gzip.length + " of " + size);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 10, 11, 100_000})
    void anyBufferSizeGivesTheSameStream(int bufferSize) throws IOException {
        byte[] content = text(50_000, 3);
        Path file = Files.write(dir.resolve("f"), content);
        byte[] reference = encode(file, content.length, 6, 8192);
        assertArrayEquals(reference, encode(file, content.length, 6, bufferSize));
    }

    @Test
    void everyLevelDecodes() throws IOException {
        byte[] content = new byte[70_000];
        new Random(5).nextBytes(content);
        Path file = Files.write(dir.resolve("f"), content);
        for (int level = 0; level <= 9; level++) {
            assertArrayEquals(content, gunzip(encode(file, content.length, level, 4096)));
        }
        assertThrows(IllegalArgumentException.class, () -> new GzipEncoder(null, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new GzipEncoder(null, 0, -2));
    }

    @Test
    void onlyTheDescribedBytesAreEncoded() throws IOException {
        byte[] content = text(40_000, 9);
        Path file = Files.write(dir.resolve("f"), content);
        assertArrayEquals(Arrays.copyOf(content, 30_000), gunzip(encode(file, 30_000, 6, 8192)));
    }

    @Test
    void aFileShorterThanDescribedFails() throws IOException {
        Path file = Files.write(dir.resolve("f"), text(20_000, 1));
        var failure = assertThrows(IOException.class, () -> encode(file, 20_001, 6, 8192));
        assertTrue(failure.getMessage().contains("changed"), failure.getMessage());
    }
}
