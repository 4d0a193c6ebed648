package protocol;

/**
 * An inclusive range of byte positions (RFC 9110 §14.1.2).
 *
 * @param first the first position, at least 0
 * @param last  the last position, at least {@code first}
 */
public record ByteRange(long first, long last) {

    /** Checks {@code 0 <= first <= last}. */
    public ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("invalid byte range " + first + "-" + last);
        }
    }

    /** The number of bytes in the range. */
    public long length() {
        return last - first + 1;
    }

    /** The Content-Range value for this range of a representation of {@code completeLength} bytes (RFC 9110 §14.4). */
    public String contentRange(long completeLength) {
        return "bytes " + first + "-" + last + "/" + completeLength;
    }
}
