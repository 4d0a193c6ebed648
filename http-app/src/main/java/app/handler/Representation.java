package app.handler;

import fs.FileInfo;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;
import protocol.EntityTag;
import protocol.Headers;

/**
 * One representation of a file a response can carry: the file as stored, a precompressed variant of it, or its gzip
 * made here (kept in memory, or made as it is sent). Preconditions and ranges are judged against it, and its bytes
 * are what is sent.
 *
 * @param content      where its bytes come from
 * @param tag          its strong entity-tag, distinct for each coding
 * @param lastModified its modification time
 * @param fields       the fields that describe it: type, disposition, coding, validators, ranges, Vary
 * @param varies       whether responses for this resource depend on Accept-Encoding, so that every one of them,
 *                     errors included, carries {@code Vary: Accept-Encoding}
 */
record Representation(Content content, EntityTag tag, Instant lastModified, Headers fields, boolean varies) {

    /** The field that tells caches the answer depends on Accept-Encoding (RFC 9110 §12.5.5). */
    static final String VARY = "Vary";
    static final String VARY_VALUE = "Accept-Encoding";

    /** Where a representation's bytes come from. */
    sealed interface Content permits Stored, Cached, Streamed {}

    /**
     * The bytes of a file on disk: the original, or a precompressed variant's own file.
     *
     * @param file the file sent
     */
    record Stored(FileInfo file) implements Content {
        /** Checks that the file is present. */
        Stored {
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * gzip of the original made here and kept in memory: a known length, so ranges apply.
     *
     * @param bytes the whole gzip body, read-only; duplicated before every use
     */
    record Cached(ByteBuffer bytes) implements Content {
        /** Keeps a read-only view. */
        Cached {
            bytes = bytes.asReadOnlyBuffer();
        }

        /** The number of bytes. */
        long length() {
            return bytes.remaining();
        }
    }

    /**
     * gzip of the original made as it is sent: no length ahead, so no ranges.
     *
     * @param file the original
     */
    record Streamed(FileInfo file) implements Content {
        /** Checks that the file is present. */
        Streamed {
            Objects.requireNonNull(file, "file");
        }
    }

    /** Checks that every component is present. */
    Representation {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(fields, "fields");
    }

    /** The body's length, {@link ResponseBody#UNKNOWN_LENGTH} when it is made as it is sent. */
    long length() {
        return switch (content) {
            case Stored stored -> stored.file().size();
            case Cached cached -> cached.length();
            case Streamed streamed -> ResponseBody.UNKNOWN_LENGTH;
        };
    }

    /** {@code response} with {@code Vary: Accept-Encoding} when this resource varies by coding. */
    Response varied(Response response) {
        return varies ? response.with(VARY, VARY_VALUE) : response;
    }
}
