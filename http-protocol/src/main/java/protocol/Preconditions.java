package protocol;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The evaluation of conditional requests (RFC 9110 §13.2.2) for GET and HEAD of a representation whose entity-tag
 * and modification time are known, and whether a Range still applies (§13.1.5). Modification times compare to the
 * second, the resolution of an HTTP date (§5.6.7); a date that does not parse is ignored, as §13.1.3 and §13.1.4
 * require.
 */
public final class Preconditions {

    /** What the preconditions say. */
    public enum Outcome {
        /** Serve the request. */
        PROCEED,
        /** Answer 304 Not Modified. */
        NOT_MODIFIED,
        /** Answer 412 Precondition Failed. */
        FAILED
    }

    private Preconditions() {}

    /** The outcome of the preconditions in {@code headers}, taken in the order of RFC 9110 §13.2.2. */
    public static Outcome evaluate(Headers headers, EntityTag tag, Instant lastModified) {
        return evaluate(headers, tag, Optional.of(lastModified.truncatedTo(ChronoUnit.SECONDS)));
    }

    /**
     * As {@link #evaluate(Headers, EntityTag, Instant)} for a representation without a modification date, such as
     * one generated for each request: If-Unmodified-Since and If-Modified-Since are then ignored, as RFC 9110
     * §13.1.4 and §13.1.3 require.
     */
    public static Outcome evaluate(Headers headers, EntityTag tag) {
        return evaluate(headers, tag, Optional.empty());
    }

    private static Outcome evaluate(Headers headers, EntityTag tag, Optional<Instant> modified) {
        Optional<String> ifMatch = headers.first("If-Match");
        if (ifMatch.isPresent()) {
            // Step 1: If-Match compares strongly (§13.1.1).
            if (!EntityTag.matchesAny(ifMatch.get(), tag, true)) {
                return Outcome.FAILED;
            }
        } else if (modified.isPresent()) {
            // Step 2: If-Unmodified-Since counts only without If-Match (§13.1.4).
            Optional<Instant> since = headers.first("If-Unmodified-Since").flatMap(HttpDate::parse);
            if (since.isPresent() && modified.get().isAfter(since.get())) {
                return Outcome.FAILED;
            }
        }
        Optional<String> ifNoneMatch = headers.first("If-None-Match");
        if (ifNoneMatch.isPresent()) {
            // Step 3: If-None-Match compares weakly (§13.1.2), and when present If-Modified-Since is not consulted.
            return EntityTag.matchesAny(ifNoneMatch.get(), tag, false) ? Outcome.NOT_MODIFIED : Outcome.PROCEED;
        }
        if (modified.isEmpty()) {
            return Outcome.PROCEED;
        }
        // Step 4: If-Modified-Since (§13.1.3).
        Optional<Instant> since = headers.first("If-Modified-Since").flatMap(HttpDate::parse);
        if (since.isPresent() && !modified.get().isAfter(since.get())) {
            return Outcome.NOT_MODIFIED;
        }
        return Outcome.PROCEED;
    }

    /**
     * Whether a Range applies (RFC 9110 §13.1.5): without If-Range always; with it only when it names the current
     * entity-tag, compared strongly (a weak tag never matches), or exactly the current modification date.
     */
    public static boolean rangeApplies(Headers headers, EntityTag tag, Instant lastModified) {
        Optional<String> ifRange = headers.first("If-Range");
        if (ifRange.isEmpty()) {
            return true;
        }
        String value = ifRange.get().trim();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return !value.startsWith("W/") && EntityTag.matchesAny(value, tag, true);
        }
        return HttpDate.parse(value)
                .map(date -> date.equals(lastModified.truncatedTo(ChronoUnit.SECONDS)))
                .orElse(false);
    }
}
