package protocol;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a gzip request body (RFC 1952, the {@code gzip} coding of RFC 9110 §8.4.1.3) with the JDK's {@link Inflater}, strictly: every member's
 * header, CRC-32 and length are checked and nothing may follow the last member. Output stops one
 * byte past the limit, so a small body that inflates to gigabytes costs at most the limit in memory.
 */
public final class GzipDecoder {

    /** What decoding gave. */
    public sealed interface Outcome {}

    /** The decoded bytes, at most the limit. */
    public record Decoded(Body body) implements Outcome {}

    /** The decoded bytes would exceed the limit. */
    public record TooLarge() implements Outcome {}

    /** Not a well-formed gzip stream; the reason is for the log. */
    public record Corrupt(String reason) implements Outcome {}

    private static final int ID1 = 0x1f;
    private static final int ID2 = 0x8b;
    private static final int DEFLATE = 8;
    private static final int FHCRC = 1 << 1;
    private static final int FEXTRA = 1 << 2;
    private static final int FNAME = 1 << 3;
    private static final int FCOMMENT = 1 << 4;
    private static final int RESERVED_FLAGS = 0xe0;
    private static final int FIXED_HEADER = 10;
    private static final int TRAILER = 8;
    private static final int CHUNK = 16 * 1024;
    /** The most one array may hold, with room for the byte that tells the limit was passed. */
    private static final int MAX_OUTPUT = Integer.MAX_VALUE - 16;

    /** Thrown inside the decoder only; becomes {@link Corrupt}. */
    private static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private GzipDecoder() {}

    /**
     * Decodes {@code gzip}, giving up once the output would pass {@code limit} bytes (or the
     * largest array, {@value #MAX_OUTPUT} bytes, whichever is less).
     */
    public static Outcome decode(byte[] gzip, long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("negative limit: " + maxBytes);
        }
        long limit = Math.min(maxBytes, MAX_OUTPUT);
        var out = new ByteArrayOutputStream((int) Math.min(limit + 1, Math.min(CHUNK, 4L * gzip.length + 1)));
        try {
            int position = 0;
            do {
                position = member(gzip, header(gzip, position), limit, out);
                if (out.size() > limit) {
                    return new TooLarge();
                }
            } while (position < gzip.length);
        } catch (Malformed e) {
            return new Corrupt(e.getMessage());
        }
        return new Decoded(Body.of(out.toByteArray()));
    }

    /** Checks the member header at {@code at}; returns where its deflate data begins. */
    private static int header(byte[] gzip, int at) throws Malformed {
        if (gzip.length - at < FIXED_HEADER) {
            throw new Malformed("truncated header");
        }
        if ((gzip[at] & 0xff) != ID1 || (gzip[at + 1] & 0xff) != ID2) {
            throw new Malformed("not gzip");
        }
        if ((gzip[at + 2] & 0xff) != DEFLATE) {
            throw new Malformed("compression method " + (gzip[at + 2] & 0xff));
        }
        int flags = gzip[at + 3] & 0xff;
        if ((flags & RESERVED_FLAGS) != 0) {
            throw new Malformed("reserved flags set");
        }
        int position = at + FIXED_HEADER;
        if ((flags & FEXTRA) != 0) {
            require(gzip, position, 2);
            position += 2 + littleEndian(gzip, position, 2);
            require(gzip, position, 0);
        }
        if ((flags & FNAME) != 0) {
            position = afterZero(gzip, position);
        }
        if ((flags & FCOMMENT) != 0) {
            position = afterZero(gzip, position);
        }
        if ((flags & FHCRC) != 0) {
            require(gzip, position, 2);
            var crc = new CRC32();
            crc.update(gzip, at, position - at);
            if ((crc.getValue() & 0xffff) != littleEndian(gzip, position, 2)) {
                throw new Malformed("header CRC mismatch");
            }
            position += 2;
        }
        return position;
    }

    /**
     * Inflates the deflate data at {@code at} into {@code out}, checks the trailer, and returns the
     * position after it; stops early once {@code out} holds more than {@code limit} bytes.
     */
    private static int member(byte[] gzip, int at, long limit, ByteArrayOutputStream out) throws Malformed {
        var inflater = new Inflater(true);
        try {
            inflater.setInput(gzip, at, gzip.length - at);
            var crc = new CRC32();
            long size = 0;
            byte[] chunk = new byte[CHUNK];
            while (!inflater.finished()) {
                int room = (int) Math.min(CHUNK, limit + 1 - out.size());
                int produced = inflater.inflate(chunk, 0, room);
                if (produced == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new Malformed(inflater.needsInput() ? "truncated data" : "preset dictionary");
                }
                crc.update(chunk, 0, produced);
                out.write(chunk, 0, produced);
                size += produced;
                if (out.size() > limit) {
                    return gzip.length;
                }
            }
            int position = gzip.length - inflater.getRemaining();
            require(gzip, position, TRAILER);
            if (littleEndian(gzip, position, 4) != crc.getValue()) {
                throw new Malformed("CRC mismatch");
            }
            // ISIZE is the length modulo 2^32 (RFC 1952 §2.3.1).
            if (littleEndian(gzip, position + 4, 4) != (size & 0xffff_ffffL)) {
                throw new Malformed("length mismatch");
            }
            return position + TRAILER;
        } catch (DataFormatException e) {
            throw new Malformed("bad deflate data: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    private static int afterZero(byte[] gzip, int from) throws Malformed {
        for (int i = from; i < gzip.length; i++) {
            if (gzip[i] == 0) {
                return i + 1;
            }
        }
        throw new Malformed("truncated header");
    }

    private static void require(byte[] gzip, int position, int count) throws Malformed {
        if (position < 0 || gzip.length - position < count) {
            throw new Malformed("truncated");
        }
    }

    private static long littleEndian(byte[] bytes, int at, int count) {
        long value = 0;
        for (int i = count - 1; i >= 0; i--) {
            value = value << 8 | (bytes[at + i] & 0xff);
        }
        return value;
    }
}
