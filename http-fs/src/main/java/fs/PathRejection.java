package fs;

import java.util.Objects;

/**
 * A raw request path that must not be looked up.
 *
 * @param kind   whether the path is malformed or forbidden
 * @param reason a short fixed description for logs; never contains request bytes
 */
public record PathRejection(Kind kind, String reason) implements PathOutcome {

    /** Why a path is rejected, which decides the status the application answers with. */
    public enum Kind {
        /** Not a well-formed path: bad escape, bad UTF-8, NUL, backslash, encoded slash, control character (400). */
        MALFORMED,
        /** Well-formed but not allowed: a dot segment, an empty segment, not starting with '/' (403). */
        FORBIDDEN
    }

    /** Checks that both components are present. */
    public PathRejection {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }
}
