package app;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** gzip for tests, with the JDK's own streams: what a client would send or make of an answer. */
final class Gzip {

    private Gzip() {}

    static byte[] compress(byte[] content) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] decompress(byte[] gzip) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    /** {@code size} zero bytes, gzipped at the best level, never held in memory whole. */
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
}
