package fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * gzip (RFC 1952) of the first {@code size} bytes of an open file, made on demand into the
 * caller's buffers with the JDK's {@link Deflater}: one input buffer of {@value #INPUT_BYTES}
 * bytes and the deflater's own state, however large the file. The file is read by position, so
 * its channel's position does not matter; a file found shorter than {@code size} is an
 * {@link IOException}, since the bytes promised can no longer be made.
 */
public final class GzipEncoder implements AutoCloseable {

    /** The deflate level used unless another is asked for: zlib's own default. */
    public static final int DEFAULT_LEVEL = 6;
    private static final int INPUT_BYTES = 16 * 1024;
    /** ID1 ID2, CM = deflate, no flags, no MTIME, no XFL, OS = unknown (RFC 1952 §2.3.1). */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 255};
    private static final int TRAILER_BYTES = 8;

    private enum Part { HEADER, DEFLATE, TRAILER, DONE }

    private final FileChannel source;
    private final long size;
    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private final ByteBuffer input = ByteBuffer.allocate(INPUT_BYTES);
    private ByteBuffer pending = ByteBuffer.wrap(HEADER);
    private Part part = Part.HEADER;
    private long read;

    /**
     * An encoder of {@code size} bytes of {@code source} at deflate {@code level} (0 to 9). The
     * channel stays the caller's to close.
     */
    public GzipEncoder(FileChannel source, long size, int level) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size: " + size);
        }
        this.source = source;
        this.size = size;
        this.deflater = new Deflater(requireLevel(level), true);
    }

    /** {@code level} when it is a deflate level, 0 to 9. */
    static int requireLevel(int level) {
        if (level < Deflater.NO_COMPRESSION || level > Deflater.BEST_COMPRESSION) {
            throw new IllegalArgumentException("deflate level must be between 0 and 9, not " + level);
        }
        return level;
    }

    /**
     * Puts the next bytes of the gzip stream into {@code out}, as many as fit; returns how many,
     * or -1 once the whole stream has been given.
     */
    public int read(ByteBuffer out) throws IOException {
        if (part == Part.DONE) {
            return -1;
        }
        int start = out.position();
        while (out.hasRemaining() && part != Part.DONE) {
            switch (part) {
                case HEADER, TRAILER -> drainPending(out);
                case DEFLATE -> deflate(out);
                case DONE -> { }
            }
        }
        return out.position() - start;
    }

    /**
     * Puts the next bytes of the gzip stream into {@code out} until it is full or the stream is
     * complete; returns how many.
     */
    public int fill(ByteBuffer out) throws IOException {
        int start = out.position();
        while (out.hasRemaining() && read(out) >= 0) {
            // Until the buffer is full or the stream complete.
        }
        return out.position() - start;
    }

    /** Whether the whole stream has been given. */
    public boolean finished() {
        return part == Part.DONE;
    }

    private void drainPending(ByteBuffer out) {
        int count = Math.min(out.remaining(), pending.remaining());
        out.put(pending.slice(pending.position(), count));
        pending.position(pending.position() + count);
        if (!pending.hasRemaining()) {
            part = part == Part.HEADER ? Part.DEFLATE : Part.DONE;
        }
    }

    private void deflate(ByteBuffer out) throws IOException {
        if (deflater.needsInput() && !deflater.finished()) {
            if (read < size) {
                fill();
            } else {
                deflater.finish();
            }
        }
        deflater.deflate(out);
        if (deflater.finished()) {
            pending = ByteBuffer.allocate(TRAILER_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt((int) crc.getValue())
                    // ISIZE: the length modulo 2^32 (RFC 1952 §2.3.1).
                    .putInt((int) size)
                    .flip();
            part = Part.TRAILER;
        }
    }

    private void fill() throws IOException {
        input.clear().limit((int) Math.min(INPUT_BYTES, size - read));
        while (input.hasRemaining()) {
            if (source.read(input, read + input.position()) < 0) {
                throw new IOException("file shorter than its size of " + size + " bytes: it changed");
            }
        }
        input.flip();
        crc.update(input.duplicate());
        read += input.remaining();
        deflater.setInput(input);
    }

    /** Frees the deflater's native memory; idempotent. */
    @Override
    public void close() {
        part = Part.DONE;
        deflater.end();
    }
}
