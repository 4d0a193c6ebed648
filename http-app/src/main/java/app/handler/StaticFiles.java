package app.handler;

import fs.DirectoryMode;
import fs.DocumentRoot;
import fs.DownloadPolicy;
import fs.FileInfo;
import fs.MediaTypes;
import fs.RequestPath;
import fs.Resolution;
import fs.SmallFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import protocol.ByteRange;
import protocol.ByteRanges;
import protocol.ContentCoding;
import protocol.EntityTag;
import protocol.Headers;
import protocol.Method;
import protocol.Preconditions;
import protocol.RangeResult;
import protocol.RequestHead;
import protocol.Status;

/**
 * GET and HEAD of files under a document root: the representation {@link Encodings} chooses (the
 * file, a precompressed variant, or gzip made here), its validators and conditional requests, and
 * byte ranges of the bytes it sends. HEAD gets exactly GET's head. With {@link Listings}, a
 * directory without an index answers its listing.
 */
final class StaticFiles {

    private final DocumentRoot root;
    private final String mount;
    private final ErrorPages errors;
    private final SmallFiles smallFiles;
    private final Encodings encodings;
    /** On-the-fly gzip bodies; empty with {@code --compress off}. */
    private final Optional<GzipBodies> gzip;
    /** Listings of directories without an index; empty without {@code --list-directories}. */
    private final Optional<Listings> listings;
    private final List<String> mountSegments;

    /**
     * Files of {@code root}, whose request paths begin with {@code mount} ("" for the site root), with the
     * {@code precompressed} siblings looked for, and compressed on the fly with {@code gzip} when it is present.
     */
    StaticFiles(DocumentRoot root, String mount, MediaTypes mediaTypes, DownloadPolicy downloads, ErrorPages errors,
            Set<ContentCoding> precompressed, Optional<GzipBodies> gzip) {
        this(root, mount, mediaTypes, downloads, errors, precompressed, gzip, Optional.empty());
    }

    /** As the other constructor, with directories without an index answered by {@code listings} when present. */
    StaticFiles(DocumentRoot root, String mount, MediaTypes mediaTypes, DownloadPolicy downloads, ErrorPages errors,
            Set<ContentCoding> precompressed, Optional<GzipBodies> gzip, Optional<Listings> listings) {
        this.root = root;
        this.mount = mount;
        this.errors = errors;
        this.smallFiles = new SmallFiles(root);
        this.encodings = new Encodings(root, mediaTypes, downloads, precompressed, gzip);
        this.gzip = gzip;
        this.listings = listings;
        this.mountSegments = ((RequestPath) RequestPath.parse(mount + "/")).segments();
    }

    Response serve(RequestHead head, RequestPath path) {
        var directories = listings.isPresent() ? DirectoryMode.LISTED : DirectoryMode.INDEX_ONLY;
        return switch (root.resolve(path, directories)) {
            case Resolution.NotFound notFound -> errors.page(Status.NOT_FOUND);
            case Resolution.DirectoryRedirect redirect -> redirect(mount + redirect.location(), head);
            case Resolution.Found found -> serve(head, path, found.file());
            case Resolution.Listable listable -> listings
                    .map(listing -> listing.answer(head, mounted(path), root, listable))
                    .orElseGet(() -> errors.page(Status.NOT_FOUND));
        };
    }

    /** {@code path} as the client addresses it: with the mount in front. */
    private RequestPath mounted(RequestPath path) {
        var segments = new ArrayList<>(mountSegments);
        segments.addAll(path.segments());
        return new RequestPath(segments, path.directory());
    }

    private Response redirect(String location, RequestHead head) {
        String target = head.query().map(query -> location + "?" + query).orElse(location);
        return errors.page(Status.MOVED_PERMANENTLY, "The resource is a folder; its address ends with a slash.")
                .with("Location", target);
    }

    private Response serve(RequestHead head, RequestPath path, FileInfo file) {
        return switch (encodings.choose(head, file)) {
            // RFC 9110 §15.5.7: the answer depends on Accept-Encoding, whatever the resource's type.
            case Encodings.NotAcceptable notAcceptable -> errors.page(Status.NOT_ACCEPTABLE)
                    .with(Representation.VARY, Representation.VARY_VALUE);
            case Encodings.Chosen chosen -> serve(head, chosen.representation());
        };
    }

    private Response serve(RequestHead head, Representation representation) {
        EntityTag tag = representation.tag();
        Headers fields = representation.fields();
        long length = representation.length();
        switch (Preconditions.evaluate(head.headers(), tag, representation.lastModified())) {
            case FAILED -> {
                return representation.varied(errors.page(Status.PRECONDITION_FAILED));
            }
            case NOT_MODIFIED -> {
                return new Response(Status.NOT_MODIFIED, fields, new ResponseBody.Unsent(length));
            }
            case PROCEED -> { }
        }
        boolean get = head.method().equals(Method.GET);
        // RFC 9110 §14.2: Range is defined for GET only; HEAD answers as a plain GET would. A body made as it is
        // sent has no length to take ranges of: the whole of it answers (§14.2 lets a server ignore Range).
        var range = head.headers().first("Range");
        if (get && range.isPresent() && length != ResponseBody.UNKNOWN_LENGTH
                && Preconditions.rangeApplies(head.headers(), tag, representation.lastModified())) {
            switch (ByteRanges.parse(range.get(), length)) {
                case RangeResult.Unsatisfiable unsatisfiable -> {
                    return representation.varied(errors.page(Status.RANGE_NOT_SATISFIABLE)
                            .with("Content-Range", "bytes */" + length));
                }
                case RangeResult.Satisfiable satisfiable -> {
                    return partial(representation.content(), fields, length, satisfiable.ranges());
                }
                case RangeResult.Ignored ignored -> { }
            }
        }
        if (!get) {
            return new Response(Status.OK, fields, new ResponseBody.Unsent(length));
        }
        return switch (representation.content()) {
            case Representation.Stored stored -> whole(stored.file(), fields);
            case Representation.Cached cached -> new Response(Status.OK, fields, new ResponseBody.Bytes(cached.bytes()));
            case Representation.Streamed streamed -> streamed(head, streamed.file(), fields);
        };
    }

    /**
     * gzip of {@code file} made as it is sent; when as many are being sent as may be at once, the file as it is,
     * judged afresh as the identity representation.
     */
    private Response streamed(RequestHead head, FileInfo file, Headers fields) {
        FileChannel channel;
        try {
            channel = root.openFile(file);
        } catch (IOException e) {
            return errors.page(Status.NOT_FOUND);
        }
        var body = gzip.orElseThrow().streamed(channel, file);
        if (body.isPresent()) {
            return new Response(Status.OK, fields, body.get());
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Only read from; nothing is lost.
        }
        return serve(head, encodings.identity(file));
    }

    private Response whole(FileInfo file, Headers fields) {
        var content = smallFiles.content(file);
        if (content.isPresent()) {
            return new Response(Status.OK, fields, new ResponseBody.Bytes(content.get()));
        }
        return open(file, channel -> new Response(Status.OK, fields,
                ResponseBody.FileContent.whole(channel, file.size())));
    }

    /** 206 for {@code ranges} of a body of {@code length} bytes, from a file or from memory. */
    private Response partial(Representation.Content content, Headers representation, long length,
            List<ByteRange> ranges) {
        if (ranges.size() == 1) {
            ByteRange range = ranges.getFirst();
            Headers fields = representation.with("Content-Range", range.contentRange(length));
            return switch (content) {
                case Representation.Stored stored -> open(stored.file(), channel -> new Response(
                        Status.PARTIAL_CONTENT, fields, new ResponseBody.FileContent(channel,
                                List.of(new ResponseBody.Region(range.first(), range.length())))));
                case Representation.Cached cached -> new Response(Status.PARTIAL_CONTENT, fields,
                        new ResponseBody.Bytes(cached.bytes().slice((int) range.first(), (int) range.length())));
                case Representation.Streamed streamed -> throw new IllegalStateException("no ranges of a stream");
            };
        }
        String type = representation.first("Content-Type").orElse("application/octet-stream");
        var multipart = MultipartRanges.of(type, ranges, length);
        var fields = Headers.builder();
        for (Headers.Field field : representation) {
            if (!field.name().equalsIgnoreCase("Content-Type")) {
                fields.add(field.name(), field.value());
            }
        }
        fields.add("Content-Type", multipart.contentType());
        Headers headers = fields.build();
        return switch (content) {
            case Representation.Stored stored -> open(stored.file(), channel -> new Response(
                    Status.PARTIAL_CONTENT, headers, new ResponseBody.FileContent(channel, multipart.pieces())));
            case Representation.Cached cached -> new Response(Status.PARTIAL_CONTENT, headers,
                    new ResponseBody.Bytes(multipart.assemble(cached.bytes())));
            case Representation.Streamed streamed -> throw new IllegalStateException("no ranges of a stream");
        };
    }

    private interface Answer {
        Response with(FileChannel channel);
    }

    private Response open(FileInfo file, Answer answer) {
        FileChannel channel;
        try {
            channel = root.openFile(file);
        } catch (IOException e) {
            return errors.page(Status.NOT_FOUND);
        }
        return answer.with(channel);
    }
}
