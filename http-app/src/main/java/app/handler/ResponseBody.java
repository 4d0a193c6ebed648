package app.handler;

import fs.GzipEncoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Objects;
import protocol.Body;

/**
 * What follows a response head: nothing, bytes, regions of an open file, a file compressed as it is
 * sent, or a length alone.
 */
public sealed interface ResponseBody extends AutoCloseable {

    /** The {@link #length()} of a body made as it is sent: the response has no {@code Content-Length}. */
    long UNKNOWN_LENGTH = -1;

    /**
     * The number of bytes the body has: the {@code Content-Length} of the response, or
     * {@link #UNKNOWN_LENGTH}, in which case HTTP/1.1 sends it in chunks and HTTP/2 ends its
     * last DATA frame with the stream.
     */
    long length();

    /** Whether the length is known before the body is sent. */
    default boolean lengthKnown() {
        return length() != UNKNOWN_LENGTH;
    }

    /** Releases what the body holds open; idempotent. */
    @Override
    default void close() throws IOException {}

    /** No body at all. */
    record Empty() implements ResponseBody {
        @Override
        public long length() {
            return 0;
        }
    }

    /** The shared empty body. */
    ResponseBody EMPTY = new Empty();

    /** Bytes in memory: the remaining bytes of a read-only buffer nobody else moves. */
    record Bytes(ByteBuffer content) implements ResponseBody {
        public Bytes {
            content = content.asReadOnlyBuffer();
        }

        /** The bytes of {@code body}. */
        public static Bytes of(Body body) {
            return new Bytes(body.asReadOnlyBuffer());
        }

        @Override
        public long length() {
            return content.remaining();
        }

        /** A view for writing, positioned at the first byte. */
        public ByteBuffer buffer() {
            return content.duplicate();
        }
    }

    /**
     * A representation whose bytes are not sent: the answer to HEAD, and the 304 that stands for
     * a 200. Its length is {@link #UNKNOWN_LENGTH} when the 200 would be compressed as it is sent.
     */
    record Unsent(long length) implements ResponseBody {
        public Unsent {
            if (length < 0 && length != UNKNOWN_LENGTH) {
                throw new IllegalArgumentException("negative length: " + length);
            }
        }
    }

    /**
     * The first {@code size} bytes of an open file, compressed with gzip at deflate {@code level}
     * as they are sent, in a fixed amount of memory however large the file; the length is not
     * known ahead. Closing closes the channel, then runs {@code onClose} (which must bear being run
     * more than once).
     */
    record GzipFile(FileChannel channel, long size, int level, Runnable onClose) implements ResponseBody {
        public GzipFile {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(onClose, "onClose");
            if (size < 0) {
                throw new IllegalArgumentException("negative size: " + size);
            }
        }

        /** The body of {@code size} bytes of {@code channel} with nothing more to do on close. */
        public GzipFile(FileChannel channel, long size, int level) {
            this(channel, size, level, () -> { });
        }

        @Override
        public long length() {
            return UNKNOWN_LENGTH;
        }

        /** A new encoder of the file's bytes, for the writer to read the gzip stream from once. */
        public GzipEncoder encoder() {
            return new GzipEncoder(channel, size, level);
        }

        @Override
        public void close() throws IOException {
            try {
                channel.close();
            } finally {
                onClose.run();
            }
        }
    }

    /**
     * Pieces of an open file, possibly with literal bytes between them (multipart/byteranges).
     * The writer sends regions with {@code FileChannel.transferTo}; closing closes the channel.
     */
    record FileContent(FileChannel channel, List<Piece> pieces) implements ResponseBody {
        public FileContent {
            pieces = List.copyOf(pieces);
        }

        /** The whole of {@code channel}, {@code size} bytes long. */
        public static FileContent whole(FileChannel channel, long size) {
            return new FileContent(channel, List.of(new Region(0, size)));
        }

        @Override
        public long length() {
            long total = 0;
            for (Piece piece : pieces) {
                total += piece.length();
            }
            return total;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** One piece of a {@link FileContent}. */
    sealed interface Piece {
        long length();
    }

    /** Bytes of the file, from {@code position}, {@code count} long. */
    record Region(long position, long count) implements Piece {
        @Override
        public long length() {
            return count;
        }
    }

    /** Literal bytes between regions. */
    record Literal(Body bytes) implements Piece {
        @Override
        public long length() {
            return bytes.length();
        }
    }
}
