package app.handler;

import fs.DocumentRoot;
import fs.DownloadPolicy;
import fs.FileInfo;
import fs.MediaTypes;
import fs.Variants;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import protocol.AcceptEncoding;
import protocol.ContentCoding;
import protocol.ContentDisposition;
import protocol.EntityTag;
import protocol.Headers;
import protocol.HttpDate;
import protocol.RequestHead;

/**
 * Chooses the content coding a file is sent in (RFC 9110 §12.5.3): among the identity, the fresh precompressed
 * siblings ({@code F.br}, {@code F.zst}, {@code F.gz}) and, for a compressible file of at least
 * {@value #ON_THE_FLY_MIN_BYTES} bytes without a fresh {@code F.gz}, gzip made here, the one the request's
 * Accept-Encoding prefers, ties going to the smaller coding. A variant keeps its original's media type and download
 * policy, adds Content-Encoding, and has an entity-tag of its own: the original's, suffixed with the coding and a
 * digest of the sibling's identity (or, for gzip made here, the deflate level), so that caches never mix variants
 * and a regenerated sibling gets a new tag.
 */
final class Encodings {

    private static final Logger log = LoggerFactory.getLogger(Encodings.class);

    /** The smallest file gzipped here: below it the gzip header and trailer eat most of the gain. */
    static final long ON_THE_FLY_MIN_BYTES = 1024;

    /** The file-name suffix of each coding's precompressed sibling. */
    private static final Map<ContentCoding, String> SUFFIXES = Map.of(
            ContentCoding.BR, ".br", ContentCoding.ZSTD, ".zst", ContentCoding.GZIP, ".gz");

    /** What the request can be answered with. */
    sealed interface Choice permits Chosen, NotAcceptable {}

    /** A representation to send. */
    record Chosen(Representation representation) implements Choice {}

    /** Nothing the request accepts: 406. */
    record NotAcceptable() implements Choice {}

    private final DocumentRoot root;
    private final Variants variants;
    private final MediaTypes mediaTypes;
    private final DownloadPolicy downloads;
    /** The siblings looked for, in the order ties between codings break: br, zstd, gzip. */
    private final List<ContentCoding> precompressed;
    private final Optional<GzipBodies> gzip;

    /**
     * Codings for files of {@code root}; {@code precompressed} says which siblings are looked for, {@code gzip}
     * makes gzip here when present.
     */
    Encodings(DocumentRoot root, MediaTypes mediaTypes, DownloadPolicy downloads, Set<ContentCoding> precompressed,
            Optional<GzipBodies> gzip) {
        this.root = Objects.requireNonNull(root, "root");
        this.variants = new Variants(root);
        this.mediaTypes = Objects.requireNonNull(mediaTypes, "mediaTypes");
        this.downloads = Objects.requireNonNull(downloads, "downloads");
        this.precompressed = precompressed.isEmpty() ? List.of() : List.copyOf(EnumSet.copyOf(precompressed));
        this.gzip = Objects.requireNonNull(gzip, "gzip");
    }

    /**
     * How to answer {@code head} for {@code file}, a file the root located. The resource varies by coding when
     * its type is compressible or it has a fresh variant; only then does the answer depend on Accept-Encoding.
     */
    Choice choose(RequestHead head, FileInfo file) {
        AcceptEncoding accept = AcceptEncoding.of(head.headers());
        boolean compressible = mediaTypes.isCompressible(file.name());
        Map<ContentCoding, FileInfo> fresh = freshVariants(file, accept, compressible);
        boolean varies = compressible || !fresh.isEmpty();
        Set<ContentCoding> available = EnumSet.of(ContentCoding.IDENTITY);
        available.addAll(fresh.keySet());
        // A fresh F.gz costs nothing at request time, so it stands in for gzip made here.
        boolean onTheFly = gzip.isPresent() && compressible && file.size() >= ON_THE_FLY_MIN_BYTES
                && !fresh.containsKey(ContentCoding.GZIP) && (gzip.get().cacheable(file) || streamable());
        if (onTheFly) {
            available.add(ContentCoding.GZIP);
        }
        Optional<ContentCoding> coding = accept.choose(available);
        if (coding.isEmpty()) {
            return new NotAcceptable();
        }
        ContentCoding c = coding.get();
        if (c == ContentCoding.IDENTITY) {
            return new Chosen(identity(file, varies));
        }
        if (fresh.containsKey(c)) {
            return new Chosen(variant(file, fresh.get(c), c));
        }
        return new Chosen(gzipped(file, gzip.orElseThrow()).orElseGet(() -> identity(file, varies)));
    }

    /**
     * The fresh variants worth knowing of. For a compressible type the answer varies anyway, so only the codings the
     * request accepts are looked for; for any other type every enabled one is, since a variant's mere existence
     * makes the answer vary.
     */
    private Map<ContentCoding, FileInfo> freshVariants(FileInfo file, AcceptEncoding accept, boolean compressible) {
        Map<ContentCoding, FileInfo> fresh = new EnumMap<>(ContentCoding.class);
        for (ContentCoding coding : precompressed) {
            OptionalInt quality = accept.quality(coding);
            if (compressible && quality.isEmpty()) {
                continue;
            }
            switch (variants.find(file, SUFFIXES.get(coding))) {
                case Variants.Lookup.Fresh found -> {
                    fresh.put(coding, found.file());
                    // Wanted most, and first where wishes tie: no coding looked for later can be chosen.
                    if (compressible && quality.orElse(0) == AcceptEncoding.MAX_QUALITY) {
                        return fresh;
                    }
                }
                case Variants.Lookup.Stale stale -> log.debug("ignoring {}: older than {}",
                        stale.file().path(), file.path());
                case Variants.Lookup.Missing missing -> { }
            }
        }
        return fresh;
    }

    /**
     * Whether a body made as it is sent could start now: when as many are being sent as may be, a large file goes as
     * it is, and HEAD says so as GET would.
     */
    private boolean streamable() {
        return gzip.orElseThrow().streamsAvailable() > 0;
    }

    /** The file as it is, for a resource that varies by coding: what gzip made here falls back to. */
    Representation identity(FileInfo file) {
        return identity(file, true);
    }

    private Representation identity(FileInfo file, boolean varies) {
        EntityTag tag = EntityTag.strong(file.identity());
        return new Representation(new Representation.Stored(file), tag, file.lastModified(),
                fields(file, tag, file.lastModified(), Optional.empty(), true, varies), varies);
    }

    private Representation variant(FileInfo original, FileInfo variant, ContentCoding coding) {
        EntityTag tag = EntityTag.strong(original.identity() + "-" + coding.token() + "-" + digest(variant.identity()));
        return new Representation(new Representation.Stored(variant), tag, variant.lastModified(),
                fields(original, tag, variant.lastModified(), Optional.of(coding), true, true), true);
    }

    /**
     * gzip made here: kept in memory for a file of at most {@link GzipBodies#cacheable} size, with a length and
     * ranges; for a larger one made as it is sent, without either ({@code Accept-Ranges: none}). Empty when the file
     * changed since it was located: it is then sent as it is now.
     */
    private Optional<Representation> gzipped(FileInfo file, GzipBodies bodies) {
        EntityTag tag = EntityTag.strong(file.identity() + "-" + ContentCoding.GZIP.token() + "-l" + bodies.level());
        Optional<ContentCoding> coding = Optional.of(ContentCoding.GZIP);
        if (!bodies.cacheable(file)) {
            return Optional.of(new Representation(new Representation.Streamed(file), tag, file.lastModified(),
                    fields(file, tag, file.lastModified(), coding, false, true), true));
        }
        return bodies.cached(root, file).map(body -> new Representation(new Representation.Cached(body.buffer()), tag,
                file.lastModified(), fields(file, tag, file.lastModified(), coding, true, true), true));
    }

    /** Type and disposition by the original's name; validators by the bytes sent. */
    private Headers fields(FileInfo original, EntityTag tag, Instant lastModified, Optional<ContentCoding> coding,
            boolean ranges, boolean varies) {
        var fields = Headers.builder();
        if (downloads.isAttachment(original.name())) {
            fields.add("Content-Type", "application/octet-stream")
                    .add("Content-Disposition", ContentDisposition.attachment(original.name()));
        } else {
            fields.add("Content-Type", mediaTypes.typeOf(original.name()));
        }
        coding.ifPresent(c -> fields.add("Content-Encoding", c.token()));
        fields.add("ETag", tag.toString())
                .add("Last-Modified", HttpDate.format(lastModified))
                // RFC 9110 §14.3: "none" tells a client not to try ranges on a body made as it is sent.
                .add("Accept-Ranges", ranges ? "bytes" : "none");
        if (varies) {
            fields.add(Representation.VARY, Representation.VARY_VALUE);
        }
        return fields.build();
    }

    /** FNV-1a over the identity's bytes, in hex: fixed across runs, unlike an arbitrary object's hash. */
    private static String digest(String identity) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : identity.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xFF)) * 0x100000001b3L;
        }
        return Long.toHexString(hash);
    }
}
