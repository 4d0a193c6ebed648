package protocol.hpack;

import java.util.Objects;

/**
 * A header block the decoder refuses. Every reason but {@link Reason#HEADER_LIST_TOO_LARGE} means the block could not
 * be decompressed, which HTTP/2 answers with a connection error of type COMPRESSION_ERROR (RFC 9113 §4.3). Checked, so
 * that the connection decides how to answer; it has no stack trace, since peers can cause it at will.
 */
public final class HpackException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The rule a header block broke. */
    public enum Reason {
        /** An integer above 2^31-1, or with more continuation octets than such a value needs (RFC 7541 §5.1). */
        INTEGER_OVERFLOW,
        /** The block ends inside an integer or a representation (RFC 7541 §5.1, §6). */
        TRUNCATED,
        /** A string literal longer than what remains of the block (RFC 7541 §5.2). */
        STRING_PAST_BLOCK,
        /** Huffman padding longer than 7 bits (RFC 7541 §5.2). */
        HUFFMAN_PADDING_TOO_LONG,
        /** Huffman padding that is not the most significant bits of EOS, that is not all ones (RFC 7541 §5.2). */
        HUFFMAN_PADDING_NOT_EOS,
        /** A Huffman-coded string containing the EOS symbol (RFC 7541 §5.2). */
        HUFFMAN_EOS,
        /** An indexed representation with index 0 (RFC 7541 §6.1). */
        INDEX_ZERO,
        /** An index past the static and dynamic tables (RFC 7541 §2.3.3). */
        INDEX_OUT_OF_RANGE,
        /** A dynamic table size update after the first field representation of a block (RFC 7541 §4.2). */
        TABLE_SIZE_UPDATE_NOT_AT_START,
        /** A dynamic table size update above the size we advertised (RFC 7541 §6.3). */
        TABLE_SIZE_UPDATE_TOO_LARGE,
        /**
         * The decoded header list is larger than the limit we advertise as SETTINGS_MAX_HEADER_LIST_SIZE (RFC 9113
         * §6.5.2). Not a compression error: the whole block was still decoded, so the dynamic table is in step with
         * the peer's and the connection may continue, refusing only the stream.
         */
        HEADER_LIST_TOO_LARGE;

        /** Whether a block broken this way leaves the compression state unusable: COMPRESSION_ERROR. */
        public boolean compressionError() {
            return this != HEADER_LIST_TOO_LARGE;
        }
    }

    private final Reason reason;

    /** A refusal for the given reason. */
    public HpackException(Reason reason) {
        super(Objects.requireNonNull(reason, "reason").name(), null, false, false);
        this.reason = reason;
    }

    /** The rule that was broken. */
    public Reason reason() {
        return reason;
    }

    /** Whether the connection must end with COMPRESSION_ERROR (RFC 9113 §4.3). */
    public boolean compressionError() {
        return reason.compressionError();
    }
}
