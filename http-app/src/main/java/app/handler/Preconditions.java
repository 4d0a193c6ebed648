package app.handler;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import protocol.EntityTag;
import protocol.Headers;
import protocol.HttpDate;

/** The conditional request evaluation of RFC 9110 §13.2.2, for GET and HEAD of a file. */
final class Preconditions {

    /** What the preconditions say. */
    enum Outcome { PROCEED, NOT_MODIFIED, FAILED }

    private Preconditions() {}

    static Outcome evaluate(Headers headers, EntityTag tag, Instant lastModified) {
        Instant modified = lastModified.truncatedTo(ChronoUnit.SECONDS);
        Optional<String> ifMatch = headers.first("If-Match");
        if (ifMatch.isPresent()) {
            // Step 1: strong comparison.
            if (!EntityTag.matchesAny(ifMatch.get(), tag, true)) {
                return Outcome.FAILED;
            }
        } else {
            // Step 2: only without If-Match.
            Optional<Instant> since = headers.first("If-Unmodified-Since").flatMap(HttpDate::parse);
            if (since.isPresent() && modified.isAfter(since.get())) {
                return Outcome.FAILED;
            }
        }
        Optional<String> ifNoneMatch = headers.first("If-None-Match");
        if (ifNoneMatch.isPresent()) {
            // Step 3: weak comparison; it wins over If-Modified-Since.
            return EntityTag.matchesAny(ifNoneMatch.get(), tag, false) ? Outcome.NOT_MODIFIED : Outcome.PROCEED;
        }
        // Step 4.
        Optional<Instant> since = headers.first("If-Modified-Since").flatMap(HttpDate::parse);
        if (since.isPresent() && !modified.isAfter(since.get())) {
            return Outcome.NOT_MODIFIED;
        }
        return Outcome.PROCEED;
    }

    /**
     * Whether a Range applies (RFC 9110 §13.1.5): without If-Range always; with it only when
     * it names the current strong entity tag, or exactly the current modification date.
     */
    static boolean rangeApplies(Headers headers, EntityTag tag, Instant lastModified) {
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
