package fs;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Percent-decoding, percent-encoding and the per-segment safety rules behind {@link RequestPath}. */
final class PathCodec {

    /** What is wrong with a decoded segment, if anything. */
    enum Problem {
        NONE(null, "safe"),
        EMPTY(PathRejection.Kind.FORBIDDEN, "empty path segment"),
        DOT(PathRejection.Kind.FORBIDDEN, "dot segment"),
        SLASH(PathRejection.Kind.MALFORMED, "encoded slash inside a segment"),
        BACKSLASH(PathRejection.Kind.MALFORMED, "backslash in path"),
        CONTROL(PathRejection.Kind.MALFORMED, "control character in path"),
        SURROGATE(PathRejection.Kind.MALFORMED, "unpaired surrogate in path");

        private final PathRejection.Kind kind;
        private final String description;

        Problem(PathRejection.Kind kind, String description) {
            this.kind = kind;
            this.description = description;
        }

        String description() {
            return description;
        }

        PathRejection rejection() {
            return new PathRejection(kind, description);
        }
    }

    private static final String HEX = "0123456789ABCDEF";

    private PathCodec() {}

    static PathOutcome parse(String raw) {
        if (raw.isEmpty() || raw.charAt(0) != '/') {
            return forbidden("path does not start with '/'");
        }
        Optional<PathRejection> badCharacter = checkRawCharacters(raw);
        if (badCharacter.isPresent()) {
            return badCharacter.get();
        }
        if (raw.length() == 1) {
            return new RequestPath(List.of(), true);
        }
        boolean directory = raw.endsWith("/");
        String body = raw.substring(1, directory ? raw.length() - 1 : raw.length());
        List<String> segments = new ArrayList<>();
        // A forbidden segment is remembered, not returned at once: a malformed segment later in
        // the path still makes the whole path malformed, whatever order the problems come in.
        PathRejection forbidden = null;
        for (String rawSegment : body.split("/", -1)) {
            if (rawSegment.isEmpty() || isDot(rawSegment)) {
                // "." and ".." are refused as sent, not only after decoding (SPEC: "before or after").
                forbidden = forbidden != null ? forbidden : problemOf(rawSegment).rejection();
                continue;
            }
            Optional<String> maybeDecoded = decode(rawSegment);
            if (maybeDecoded.isEmpty()) {
                return malformed("invalid percent-encoding or UTF-8");
            }
            String decoded = maybeDecoded.get();
            Problem problem = problemOf(decoded);
            if (problem.kind == PathRejection.Kind.MALFORMED) {
                return problem.rejection();
            }
            if (problem != Problem.NONE) {
                forbidden = forbidden != null ? forbidden : problem.rejection();
            }
            segments.add(decoded);
        }
        return forbidden != null ? forbidden : new RequestPath(segments, directory);
    }

    /**
     * Raw characters a request target cannot carry (RFC 9112 §3.2 allows only visible ASCII):
     * controls, space, non-ASCII, and '#' or '?' which cannot be part of a path once the query is
     * gone. The backslash is refused outright: some platforms read it as a separator.
     */
    private static Optional<PathRejection> checkRawCharacters(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                return Optional.of(malformed("control, space or non-ASCII character in path"));
            }
            if (c == '\\') {
                return Optional.of(malformed("backslash in path"));
            }
            if (c == '#' || c == '?') {
                return Optional.of(malformed("fragment or query character in path"));
            }
        }
        return Optional.empty();
    }

    /** The safety rules for one decoded segment, shared by the parser and the record's constructor. */
    static Problem problemOf(String segment) {
        if (segment.isEmpty()) {
            return Problem.EMPTY;
        }
        if (isDot(segment)) {
            return Problem.DOT;
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '/') {
                return Problem.SLASH;
            }
            if (c == '\\') {
                return Problem.BACKSLASH;
            }
            // C0, DEL and C1: none belongs in a file name a client may ask for.
            if (Character.isISOControl(c)) {
                return Problem.CONTROL;
            }
            if (Character.isHighSurrogate(c) && i + 1 < segment.length()
                    && Character.isLowSurrogate(segment.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Problem.SURROGATE;
            }
        }
        return Problem.NONE;
    }

    private static boolean isDot(String segment) {
        return segment.equals(".") || segment.equals("..");
    }

    /** Decodes escapes once and the bytes as strict UTF-8; empty when either is invalid. */
    private static Optional<String> decode(String rawSegment) {
        if (rawSegment.indexOf('%') < 0) {
            return Optional.of(rawSegment);
        }
        ByteBuffer bytes = ByteBuffer.allocate(rawSegment.length());
        for (int i = 0; i < rawSegment.length(); i++) {
            char c = rawSegment.charAt(i);
            if (c != '%') {
                bytes.put((byte) c);
                continue;
            }
            if (i + 2 >= rawSegment.length()) {
                return Optional.empty();
            }
            int high = Character.digit(rawSegment.charAt(i + 1), 16);
            int low = Character.digit(rawSegment.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                return Optional.empty();
            }
            bytes.put((byte) (high << 4 | low));
            i += 2;
        }
        // The JDK's UTF-8 decoder rejects overlong forms (%C0%AE), encoded surrogates and code
        // points above U+10FFFF; a fresh decoder reports every error instead of replacing it.
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
        try {
            return Optional.of(utf8.decode(bytes.flip()).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    static void encodeSegment(String segment, StringBuilder out) {
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (isPathChar(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xF));
            }
        }
    }

    /** pchar without pct-encoded (RFC 3986 §3.3): unreserved, sub-delims, ':' and '@'. */
    private static boolean isPathChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "-._~!$&'()*+,;=:@".indexOf(c) >= 0;
    }

    private static PathRejection forbidden(String reason) {
        return new PathRejection(PathRejection.Kind.FORBIDDEN, reason);
    }

    private static PathRejection malformed(String reason) {
        return new PathRejection(PathRejection.Kind.MALFORMED, reason);
    }
}
