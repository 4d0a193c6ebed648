package app.handler;

import fs.FileInfo;
import java.time.Instant;
import java.util.Objects;
import protocol.EntityTag;
import protocol.Headers;

/**
 * One representation of a file a response can carry: the file as stored, or a precompressed variant of it in a
 * content coding. Preconditions and ranges are judged against it, and its bytes are what is sent.
 *
 * @param content      the file whose bytes are sent: the original, or the variant's own file
 * @param tag          its strong entity-tag, distinct for each coding
 * @param lastModified its modification time
 * @param fields       the fields that describe it: type, disposition, coding, validators, ranges, Vary
 * @param varies       whether responses for this resource depend on Accept-Encoding, so that every one of them,
 *                     errors included, carries {@code Vary: Accept-Encoding}
 */
record Representation(FileInfo content, EntityTag tag, Instant lastModified, Headers fields, boolean varies) {

    /** The field that tells caches the answer depends on Accept-Encoding (RFC 9110 §12.5.5). */
    static final String VARY = "Vary";
    static final String VARY_VALUE = "Accept-Encoding";

    /** Checks that every component is present. */
    Representation {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(fields, "fields");
    }

    /** {@code response} with {@code Vary: Accept-Encoding} when this resource varies by coding. */
    Response varied(Response response) {
        return varies ? response.with(VARY, VARY_VALUE) : response;
    }
}
