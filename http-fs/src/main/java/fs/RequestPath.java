package fs;

import java.util.List;
import java.util.Objects;

/**
 * A canonical request path: decoded segments that are each safe to use as one file name, and
 * whether the path ended in a slash (asks for a directory).
 *
 * <p>The constructor enforces the same per-segment rules as {@link #parse}, so a
 * {@code RequestPath} never holds an empty, {@code "."} or {@code ".."} segment, a slash, a
 * backslash, a control character or an unpaired surrogate. The root {@code "/"} is the only path
 * without segments and is always a directory.
 *
 * @param segments  the decoded segments, outermost first; an immutable copy
 * @param directory whether the path ended in {@code "/"}
 */
public record RequestPath(List<String> segments, boolean directory) implements PathOutcome {

    /** Validates and copies the segments; throws {@link IllegalArgumentException} on an unsafe one. */
    public RequestPath {
        segments = List.copyOf(segments);
        for (String segment : segments) {
            PathCodec.Problem problem = PathCodec.problemOf(segment);
            if (problem != PathCodec.Problem.NONE) {
                throw new IllegalArgumentException("unsafe path segment: " + problem.description());
            }
        }
        if (segments.isEmpty() && !directory) {
            throw new IllegalArgumentException("the root path is a directory");
        }
    }

    /**
     * Canonicalises the raw (still percent-encoded) path of a request target whose query has
     * already been removed.
     *
     * <p>The rules, from SPEC.md: percent-decoding happens exactly once, as strict UTF-8, so
     * {@code %252e} becomes the literal name {@code %2e}. Invalid escapes, invalid or overlong
     * UTF-8, backslashes (raw or {@code %5C}), {@code %2F} inside a segment, control characters
     * (raw or decoded) and raw characters that cannot appear in a request target are
     * {@link PathRejection.Kind#MALFORMED}. A path not starting with {@code '/'}, a {@code "."}
     * or {@code ".."} segment (before or after decoding) and an empty segment are
     * {@link PathRejection.Kind#FORBIDDEN}; the only empty segment allowed is the one after a
     * single trailing slash, which marks a directory. When a path is both, MALFORMED wins: the
     * syntax is judged before the meaning.
     *
     * @param rawPath the path as sent, e.g. {@code /docs/a%20b.html}
     * @return the canonical path or the reason it is rejected
     */
    public static PathOutcome parse(String rawPath) {
        return PathCodec.parse(Objects.requireNonNull(rawPath, "rawPath"));
    }

    /**
     * Re-encodes this path for a header such as {@code Location}: {@code "/"} and the segments
     * joined by {@code "/"}, each byte outside unreserved, sub-delims, {@code ':'} and
     * {@code '@'} percent-encoded (RFC 3986 §3.3), with a trailing slash for a directory.
     * Never starts with {@code "//"}, so it cannot be read as a network-path reference.
     *
     * @return the encoded absolute path
     */
    public String encoded() {
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            out.append('/');
            PathCodec.encodeSegment(segment, out);
        }
        if (directory) {
            out.append('/');
        }
        return out.isEmpty() ? "/" : out.toString();
    }
}
