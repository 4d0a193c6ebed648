package protocol.http2;

/**
 * The priority fields of HEADERS and PRIORITY frames (RFC 9113 §5.3.2, §6.3). RFC 9113 deprecates this scheme;
 * the fields are still decoded, since a stream that depends on itself is an error (§5.3.1).
 *
 * @param streamId  the stream depended on, 0..2^31-1
 * @param exclusive the Exclusive flag
 * @param weight    the weight, 1..256 (the wire carries weight - 1)
 */
public record Dependency(int streamId, boolean exclusive, int weight) {

    /** The priority a stream has when none is given: on stream 0, weight 16 (RFC 7540 §5.3.5). */
    public static final Dependency DEFAULT = new Dependency(0, false, 16);

    /** Validates the ranges of the wire fields. */
    public Dependency {
        if (streamId < 0) {
            throw new IllegalArgumentException("stream identifier out of range: " + streamId);
        }
        if (weight < 1 || weight > 256) {
            throw new IllegalArgumentException("weight must be in [1, 256]: " + weight);
        }
    }
}
