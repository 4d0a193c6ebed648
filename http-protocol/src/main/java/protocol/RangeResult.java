package protocol;

import java.util.List;

/** What a Range field asks of a representation (RFC 9110 §14.2). */
public sealed interface RangeResult {

    /** Not a valid byte range request, or too many ranges: serve the whole representation (200). */
    record Ignored() implements RangeResult {}

    /**
     * Ranges to send (206): sorted, overlapping and adjacent ones merged, each within the representation.
     *
     * @param ranges at least one range
     */
    record Satisfiable(List<ByteRange> ranges) implements RangeResult {
        /** Copies the list and checks it is not empty. */
        public Satisfiable {
            ranges = List.copyOf(ranges);
            if (ranges.isEmpty()) {
                throw new IllegalArgumentException("no ranges");
            }
        }
    }

    /** No range overlaps the representation: 416 with {@code Content-Range: bytes *}{@code /length}. */
    record Unsatisfiable() implements RangeResult {}
}
