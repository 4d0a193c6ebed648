package protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Request bodies in gzip: decoded exactly, checked strictly, never inflated past the limit. */
class GzipDecoderTest {

    private static final long LIMIT = 1 << 20;

    static byte[] gzip(byte[] content) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] decoded(GzipDecoder.Outcome outcome) {
        return assertInstanceOf(GzipDecoder.Decoded.class, outcome).body().bytes();
    }

    private static void assertCorrupt(byte[] gzip) {
        assertInstanceOf(GzipDecoder.Corrupt.class, GzipDecoder.decode(gzip, LIMIT));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 100, 16_384, 16_385, 300_000})
    void decodesWhatTheJdkEncodes(int size) throws IOException {
        byte[] content = random(size, size);
        assertArrayEquals(content, decoded(GzipDecoder.decode(gzip(content), LIMIT)));
    }

    @Test
    void decodesEveryMemberInTurn() throws IOException {
        byte[] first = "{\"a\":".getBytes();
        byte[] second = "[1,2,3]}".getBytes();
        var both = new ByteArrayOutputStream();
        both.writeBytes(gzip(first));
        both.writeBytes(gzip(second));
        assertArrayEquals("{\"a\":[1,2,3]}".getBytes(), decoded(GzipDecoder.decode(both.toByteArray(), LIMIT)));
    }

    @Test
    void skipsTheOptionalHeaderFields() throws IOException {
        byte[] content = "{\"named\":true}".getBytes();
        var header = new ByteArrayOutputStream();
        // FHCRC | FEXTRA | FNAME | FCOMMENT
        header.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0x1e, 0, 0, 0, 0, 0, (byte) 255});
        header.writeBytes(new byte[] {3, 0, 'a', 'b', 'c'});
        header.writeBytes("name.json\0".getBytes());
        header.writeBytes("a comment\0".getBytes());
        var crc = new CRC32();
        crc.update(header.toByteArray());
        header.write((int) crc.getValue() & 0xff);
        header.write((int) (crc.getValue() >> 8) & 0xff);
        byte[] plain = gzip(content);
        var member = new ByteArrayOutputStream();
        member.writeBytes(header.toByteArray());
        member.write(plain, 10, plain.length - 10);
        assertArrayEquals(content, decoded(GzipDecoder.decode(member.toByteArray(), LIMIT)));

        byte[] badHeaderCrc = member.toByteArray();
        int crcAt = header.size() - 2;
        badHeaderCrc[crcAt] ^= 1;
        assertCorrupt(badHeaderCrc);
    }

    @Test
    void theLimitHoldsForTheDecodedBytes() throws IOException {
        int limit = 100_000;
        // Compressible content: the gzip form is far smaller than either length.
        byte[] exactly = new byte[limit];
        Arrays.fill(exactly, (byte) ' ');
        byte[] oneMore = new byte[limit + 1];
        Arrays.fill(oneMore, (byte) ' ');
        assertArrayEquals(exactly, decoded(GzipDecoder.decode(gzip(exactly), limit)));
        assertInstanceOf(GzipDecoder.TooLarge.class, GzipDecoder.decode(gzip(oneMore), limit));
        assertInstanceOf(GzipDecoder.TooLarge.class, GzipDecoder.decode(gzip(new byte[] {1}), 0));
        assertArrayEquals(new byte[0], decoded(GzipDecoder.decode(gzip(new byte[0]), 0)));
    }

    @Test
    void theLimitCountsEveryMember() throws IOException {
        byte[] half = new byte[600];
        var both = new ByteArrayOutputStream();
        both.writeBytes(gzip(half));
        both.writeBytes(gzip(half));
        assertEquals(1200, decoded(GzipDecoder.decode(both.toByteArray(), 1200)).length);
        assertInstanceOf(GzipDecoder.TooLarge.class, GzipDecoder.decode(both.toByteArray(), 1199));
    }

    @Test
    void aBombIsStoppedAtTheLimit() throws IOException {
        byte[] bomb = bomb(100 << 20);
        assertTrue(bomb.length < 200 * 1024, "100 MiB of zeros compress to " + bomb.length + " bytes");
        assertInstanceOf(GzipDecoder.TooLarge.class, GzipDecoder.decode(bomb, LIMIT));
    }

    /** {@code size} zero bytes, gzipped, without holding them in memory. */
    static byte[] bomb(long size) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            byte[] zeros = new byte[64 * 1024];
            for (long written = 0; written < size; written += zeros.length) {
                out.write(zeros, 0, (int) Math.min(zeros.length, size - written));
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void refusesWhatIsNotWellFormedGzip() throws IOException {
        byte[] good = gzip("{\"k\":\"v\"}".getBytes());
        assertCorrupt(new byte[0]);
        assertCorrupt("{\"k\":\"v\"}".getBytes());
        assertCorrupt(Arrays.copyOf(good, 9));
        assertCorrupt(Arrays.copyOf(good, good.length - 1));
        assertCorrupt(Arrays.copyOf(good, good.length - 8));

        byte[] method = good.clone();
        method[2] = 7;
        assertCorrupt(method);
        byte[] reserved = good.clone();
        reserved[3] = (byte) 0x20;
        assertCorrupt(reserved);
        byte[] crc = good.clone();
        crc[good.length - 8] ^= 1;
        assertCorrupt(crc);
        byte[] length = good.clone();
        length[good.length - 4] ^= 1;
        assertCorrupt(length);
        byte[] deflate = good.clone();
        deflate[10] = (byte) 0xff;
        assertCorrupt(deflate);

        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        assertCorrupt(trailing);
    }
}
