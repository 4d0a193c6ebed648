package protocol.http2;

/**
 * An HTTP/2 error code (RFC 9113 §7): the fourteen defined codes as constants, any other 32-bit value by
 * {@link #of}. Unknown codes are not errors: §7 says they MUST NOT trigger special behaviour, so they are kept
 * as numbers and may be treated as {@link #INTERNAL_ERROR}.
 */
public final class ErrorCode {

    /** 0x0: graceful shutdown, or no error. */
    public static final ErrorCode NO_ERROR = new ErrorCode(0x0, "NO_ERROR");
    /** 0x1: an unspecific protocol error. */
    public static final ErrorCode PROTOCOL_ERROR = new ErrorCode(0x1, "PROTOCOL_ERROR");
    /** 0x2: an unexpected internal error. */
    public static final ErrorCode INTERNAL_ERROR = new ErrorCode(0x2, "INTERNAL_ERROR");
    /** 0x3: the peer broke the flow-control protocol. */
    public static final ErrorCode FLOW_CONTROL_ERROR = new ErrorCode(0x3, "FLOW_CONTROL_ERROR");
    /** 0x4: a SETTINGS frame was not acknowledged in time. */
    public static final ErrorCode SETTINGS_TIMEOUT = new ErrorCode(0x4, "SETTINGS_TIMEOUT");
    /** 0x5: a frame arrived after the stream was half-closed. */
    public static final ErrorCode STREAM_CLOSED = new ErrorCode(0x5, "STREAM_CLOSED");
    /** 0x6: a frame of invalid size. */
    public static final ErrorCode FRAME_SIZE_ERROR = new ErrorCode(0x6, "FRAME_SIZE_ERROR");
    /** 0x7: the stream was refused before any application processing. */
    public static final ErrorCode REFUSED_STREAM = new ErrorCode(0x7, "REFUSED_STREAM");
    /** 0x8: the stream is no longer needed. */
    public static final ErrorCode CANCEL = new ErrorCode(0x8, "CANCEL");
    /** 0x9: the field-compression context cannot be maintained. */
    public static final ErrorCode COMPRESSION_ERROR = new ErrorCode(0x9, "COMPRESSION_ERROR");
    /** 0xa: the connection of a CONNECT request was reset or closed. */
    public static final ErrorCode CONNECT_ERROR = new ErrorCode(0xa, "CONNECT_ERROR");
    /** 0xb: the peer may be generating excessive load. */
    public static final ErrorCode ENHANCE_YOUR_CALM = new ErrorCode(0xb, "ENHANCE_YOUR_CALM");
    /** 0xc: the transport does not meet minimum security requirements. */
    public static final ErrorCode INADEQUATE_SECURITY = new ErrorCode(0xc, "INADEQUATE_SECURITY");
    /** 0xd: the request must be retried over HTTP/1.1. */
    public static final ErrorCode HTTP_1_1_REQUIRED = new ErrorCode(0xd, "HTTP_1_1_REQUIRED");

    private static final ErrorCode[] KNOWN = {
        NO_ERROR, PROTOCOL_ERROR, INTERNAL_ERROR, FLOW_CONTROL_ERROR, SETTINGS_TIMEOUT, STREAM_CLOSED,
        FRAME_SIZE_ERROR, REFUSED_STREAM, CANCEL, COMPRESSION_ERROR, CONNECT_ERROR, ENHANCE_YOUR_CALM,
        INADEQUATE_SECURITY, HTTP_1_1_REQUIRED,
    };

    private final long code;
    private final String name;

    private ErrorCode(long code, String name) {
        this.code = code;
        this.name = name;
    }

    /**
     * The error code with this value: a constant when there is one, else an unknown code kept as its number.
     *
     * @throws IllegalArgumentException if {@code code} does not fit in 32 unsigned bits
     */
    public static ErrorCode of(long code) {
        if (code < 0 || code > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("error code out of range: " + code);
        }
        if (code < KNOWN.length) {
            return KNOWN[(int) code];
        }
        return new ErrorCode(code, "0x" + Long.toHexString(code));
    }

    /** The error code of the 32 bits read from the wire. */
    static ErrorCode ofWire(int bits) {
        return of(Integer.toUnsignedLong(bits));
    }

    /** The 32-bit value, unsigned. */
    public long code() {
        return code;
    }

    /** The RFC's name for a known code, else the value in hexadecimal. */
    public String name() {
        return name;
    }

    /** Whether this is one of the codes RFC 9113 §7 defines. */
    public boolean known() {
        return code < KNOWN.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ErrorCode other && code == other.code;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(code);
    }

    @Override
    public String toString() {
        return name;
    }
}
