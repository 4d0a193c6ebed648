package app.handler;

import fs.DocumentRoot;
import fs.DownloadPolicy;
import fs.FileInfo;
import fs.MediaTypes;
import fs.RequestPath;
import fs.Resolution;
import fs.SmallFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Optional;
import protocol.ByteRange;
import protocol.ByteRanges;
import protocol.ContentDisposition;
import protocol.EntityTag;
import protocol.Headers;
import protocol.HttpDate;
import protocol.Method;
import protocol.Preconditions;
import protocol.RangeResult;
import protocol.RequestHead;
import protocol.Status;

/**
 * GET and HEAD of files under a document root: media types and the download policy,
 * validators and conditional requests, and byte ranges. HEAD gets exactly GET's head.
 */
final class StaticFiles {

    private final DocumentRoot root;
    private final String mount;
    private final MediaTypes mediaTypes;
    private final DownloadPolicy downloads;
    private final ErrorPages errors;
    private final SmallFiles smallFiles;
    /** On-the-fly gzip bodies; empty with {@code --compress off}. */
    private final Optional<GzipBodies> gzip;

    /**
     * Files of {@code root}, whose request paths begin with {@code mount} ("" for the site root),
     * compressed on the fly with {@code gzip} when it is present.
     */
    StaticFiles(DocumentRoot root, String mount, MediaTypes mediaTypes, DownloadPolicy downloads, ErrorPages errors,
            Optional<GzipBodies> gzip) {
        this.root = root;
        this.mount = mount;
        this.mediaTypes = mediaTypes;
        this.downloads = downloads;
        this.errors = errors;
        this.smallFiles = new SmallFiles(root);
        this.gzip = gzip;
    }

    Response serve(RequestHead head, RequestPath path) {
        return switch (root.resolve(path)) {
            case Resolution.NotFound notFound -> errors.page(Status.NOT_FOUND);
            case Resolution.DirectoryRedirect redirect -> redirect(mount + redirect.location(), head);
            case Resolution.Found found -> serve(head, found.file());
        };
    }

    private Response redirect(String location, RequestHead head) {
        String target = head.query().map(query -> location + "?" + query).orElse(location);
        return errors.page(Status.MOVED_PERMANENTLY, "The resource is a folder; its address ends with a slash.")
                .with("Location", target);
    }

    private Response serve(RequestHead head, FileInfo file) {
        var tag = EntityTag.strong(file.identity());
        Headers representation = representationHeaders(file, tag);
        switch (Preconditions.evaluate(head.headers(), tag, file.lastModified())) {
            case FAILED -> {
                return errors.page(Status.PRECONDITION_FAILED);
            }
            case NOT_MODIFIED -> {
                return new Response(Status.NOT_MODIFIED, representation, new ResponseBody.Unsent(file.size()));
            }
            case PROCEED -> { }
        }
        boolean get = head.method().equals(Method.GET);
        // RFC 9110 §14.2: Range is defined for GET only; HEAD answers as a plain GET would.
        var range = head.headers().first("Range");
        if (get && range.isPresent() && Preconditions.rangeApplies(head.headers(), tag, file.lastModified())) {
            switch (ByteRanges.parse(range.get(), file.size())) {
                case RangeResult.Unsatisfiable unsatisfiable -> {
                    return errors.page(Status.RANGE_NOT_SATISFIABLE)
                            .with("Content-Range", "bytes */" + file.size());
                }
                case RangeResult.Satisfiable satisfiable -> {
                    return partial(file, representation, satisfiable.ranges());
                }
                case RangeResult.Ignored ignored -> { }
            }
        }
        if (!get) {
            return new Response(Status.OK, representation, new ResponseBody.Unsent(file.size()));
        }
        var content = smallFiles.content(file);
        if (content.isPresent()) {
            return new Response(Status.OK, representation, new ResponseBody.Bytes(content.get()));
        }
        return open(file, channel -> new Response(Status.OK, representation,
                ResponseBody.FileContent.whole(channel, file.size())));
    }

    private Headers representationHeaders(FileInfo file, EntityTag tag) {
        var fields = Headers.builder();
        if (downloads.isAttachment(file.name())) {
            fields.add("Content-Type", "application/octet-stream")
                    .add("Content-Disposition", ContentDisposition.attachment(file.name()));
        } else {
            fields.add("Content-Type", mediaTypes.typeOf(file.name()));
        }
        return fields.add("ETag", tag.toString())
                .add("Last-Modified", HttpDate.format(file.lastModified()))
                .add("Accept-Ranges", "bytes")
                .build();
    }

    private Response partial(FileInfo file, Headers representation, List<ByteRange> ranges) {
        if (ranges.size() == 1) {
            ByteRange range = ranges.getFirst();
            Headers fields = representation.with("Content-Range", range.contentRange(file.size()));
            return open(file, channel -> new Response(Status.PARTIAL_CONTENT, fields,
                    new ResponseBody.FileContent(channel, List.of(new ResponseBody.Region(range.first(), range.length())))));
        }
        String type = representation.first("Content-Type").orElse("application/octet-stream");
        var multipart = MultipartRanges.of(type, ranges, file.size());
        var fields = Headers.builder();
        for (Headers.Field field : representation) {
            if (!field.name().equalsIgnoreCase("Content-Type")) {
                fields.add(field.name(), field.value());
            }
        }
        fields.add("Content-Type", multipart.contentType());
        Headers headers = fields.build();
        return open(file, channel -> new Response(Status.PARTIAL_CONTENT, headers,
                new ResponseBody.FileContent(channel, multipart.pieces())));
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
