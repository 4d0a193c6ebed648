package app.handler;

import fs.DirectoryListing;
import fs.DocumentRoot;
import fs.RequestPath;
import fs.Resolution;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Predicate;
import protocol.Accept;
import protocol.Body;
import protocol.EntityTag;
import protocol.Headers;
import protocol.Method;
import protocol.Preconditions;
import protocol.RequestHead;
import protocol.Status;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * GET and HEAD of a directory without an index, with {@code --list-directories}: its listing as HTML, or as JSON
 * when the request's Accept weighs {@code application/json} above {@code text/html} (a tie, or no Accept, is
 * HTML). Both carry {@code Vary: Accept} and a strong entity-tag made from their own bytes, so a conditional
 * request is answered 304 while the listing is unchanged, and {@code Cache-Control: no-cache}, so that caches
 * ask each time; a listing has no modification date of its own, so
 * only entity-tags count. A listing cut at the limit says so: a note on the page, and
 * {@code X-Listing-Truncated: true} on either.
 *
 * <p>The JSON is an array of {@code {"name", "type": "file"|"directory", "size", "modified"}}, in the page's
 * order, {@code size} in bytes for files only, {@code modified} as ISO 8601 in UTC to the second.
 */
final class Listings {

    static final String HTML = "text/html; charset=utf-8";
    static final String JSON = "application/json";
    static final String TRUNCATED = "X-Listing-Truncated";
    /**
     * A listing changes at the same address whenever its folder does: caches revalidate it each
     * time (its entity-tag makes that a 304), whatever {@code --cache-control} says of files.
     */
    static final String CACHE_CONTROL = "no-cache";
    /** A listing's answer depends on Accept (RFC 9110 §12.5.5). */
    private static final String VARY_VALUE = "Accept";
    /** {@code GET /upload} is answered 405 (the address takes only POST): a file of that name at the root is not served. */
    private static final String UPLOAD = "upload";
    /** Bytes of the SHA-256 of a listing kept in its entity-tag: ample to tell listings apart. */
    private static final int TAG_BYTES = 16;

    private final int limit;
    private final ErrorPages errors;
    private final ListingPage page;
    private final ObjectMapper mapper = JsonMapper.builder().build();

    /** Listings of at most {@code limit} entries, signed with {@code serverName}, failing with {@code errors}. */
    Listings(int limit, String serverName, ErrorPages errors) {
        this.limit = limit;
        this.errors = errors;
        this.page = new ListingPage(serverName);
    }

    /**
     * The answer to {@code head} for {@code directory}, which {@code root} resolved for a request of
     * {@code path}: the path as the client addresses it, with the mount of the root (such as
     * {@code /uploads}) in front.
     */
    Response answer(RequestHead head, RequestPath path, DocumentRoot root, Resolution.Listable directory) {
        DirectoryListing listing;
        try {
            listing = DirectoryListing.read(root, directory, limit, servedAt(path));
        } catch (IOException e) {
            // Gone or unreadable since it was resolved: as any other path that is not served.
            return errors.page(Status.NOT_FOUND);
        }
        boolean json = prefersJson(head);
        byte[] bytes = json ? json(listing) : page.render(path, listing, limit);
        EntityTag tag = tag(bytes);
        var fields = Headers.builder()
                .add("Content-Type", json ? JSON : HTML)
                .add("ETag", tag.toString())
                .add("Vary", VARY_VALUE)
                .add("Cache-Control", CACHE_CONTROL);
        if (listing.truncated()) {
            fields.add(TRUNCATED, "true");
        }
        Headers headers = fields.build();
        return switch (Preconditions.evaluate(head.headers(), tag)) {
            case FAILED -> errors.page(Status.PRECONDITION_FAILED).with("Vary", VARY_VALUE);
            case NOT_MODIFIED -> new Response(Status.NOT_MODIFIED, headers, new ResponseBody.Unsent(bytes.length));
            case PROCEED -> head.method().equals(Method.HEAD)
                    ? new Response(Status.OK, headers, new ResponseBody.Unsent(bytes.length))
                    : new Response(Status.OK, headers, ResponseBody.Bytes.of(Body.of(bytes)));
        };
    }

    /** JSON only when asked for above HTML: browsers' Accept weighs HTML first, and HTML is the default. */
    static boolean prefersJson(RequestHead head) {
        Accept accept = Accept.of(head.headers());
        return accept.quality(JSON) > accept.quality(HTML);
    }

    /** The entries the routes answer as files at {@code path}: all but {@code upload} at the site root. */
    private static Predicate<DirectoryListing.Entry> servedAt(RequestPath path) {
        if (!path.segments().isEmpty()) {
            return entry -> true;
        }
        return entry -> !(entry.type() == DirectoryListing.Type.FILE && entry.name().equals(UPLOAD));
    }

    private byte[] json(DirectoryListing listing) {
        ArrayNode entries = mapper.createArrayNode();
        for (DirectoryListing.Entry entry : listing.entries()) {
            ObjectNode node = entries.addObject();
            node.put("name", entry.name());
            boolean file = entry.type() == DirectoryListing.Type.FILE;
            node.put("type", file ? "file" : "directory");
            if (file) {
                node.put("size", entry.size());
            }
            node.put("modified", entry.modified().toString());
        }
        return mapper.writeValueAsBytes(entries);
    }

    /** A strong tag from the bytes themselves: equal bytes, equal tag, across restarts and servers. */
    private static EntityTag tag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return EntityTag.strong("l-" + HexFormat.of().formatHex(digest, 0, TAG_BYTES));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
