package protocol;

import java.util.Objects;

/**
 * A request the server must refuse: carries the status to answer and the rule that was broken. Checked, so that
 * every caller of the parser decides how to answer; it has no stack trace, since clients can cause it at will.
 */
public final class ProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The rule a request broke; each knows the status it is answered with. */
    public enum Reason {
        /** More empty lines before the request line than the parser skips (RFC 9112 §2.2). */
        TOO_MANY_EMPTY_LINES(400),
        /** A CR not followed by LF (RFC 9112 §2.2). */
        BARE_CR(400),
        /** A line ended by LF alone (RFC 9112 §2.2 lets us refuse it). */
        BARE_LF(400),
        /** The request line is longer than {@link protocol.http1.Limits#maxRequestLineBytes()}. */
        REQUEST_LINE_TOO_LONG(414),
        /** The request line is not {@code method SP target SP version} (RFC 9112 §3). */
        MALFORMED_REQUEST_LINE(400),
        /** The method is not a token (RFC 9110 §9.1). */
        INVALID_METHOD(400),
        /** The request-target is not origin-, absolute- or asterisk-form (RFC 9112 §3.2). */
        INVALID_TARGET(400),
        /** An asterisk-form target with a method other than OPTIONS (RFC 9112 §3.2.4). */
        ASTERISK_WITHOUT_OPTIONS(400),
        /** The version is not {@code HTTP/DIGIT.DIGIT} (RFC 9112 §2.3). */
        INVALID_VERSION(400),
        /** A well-formed version other than 1.0 and 1.1 (RFC 9110 §15.6.6). */
        UNSUPPORTED_VERSION(505),
        /** The header section is larger than {@link protocol.http1.Limits#maxHeaderBytes()}. */
        HEADER_SECTION_TOO_LARGE(431),
        /** More field lines than {@link protocol.http1.Limits#maxHeaderCount()}. */
        TOO_MANY_FIELDS(431),
        /** A field line without a colon, or with an empty or non-token name (RFC 9110 §5.1). */
        INVALID_FIELD_NAME(400),
        /** Whitespace between a field name and its colon (RFC 9112 §5.1). */
        WHITESPACE_BEFORE_COLON(400),
        /** A field line starting with whitespace: obsolete line folding (RFC 9112 §5.2). */
        OBS_FOLD(400),
        /** A control character other than HTAB in a field value (RFC 9110 §5.5). */
        INVALID_FIELD_VALUE(400),
        /** {@code Content_Length} or {@code Transfer_Encoding}: framing names some gateways conflate. */
        UNDERSCORE_IN_FRAMING_NAME(400),
        /** HTTP/1.1 without Host (RFC 9112 §3.2). */
        MISSING_HOST(400),
        /** More than one Host field (RFC 9112 §3.2). */
        DUPLICATE_HOST(400),
        /** A Host value that is not {@code uri-host [":" port]}, or carries userinfo (RFC 9110 §7.2). */
        INVALID_HOST(400),
        /** An absolute-form target whose authority differs from Host (RFC 9112 §3.2.2, strict reading). */
        HOST_MISMATCH(400),
        /** Both Content-Length and Transfer-Encoding (RFC 9112 §6.1). */
        CONTENT_LENGTH_WITH_TRANSFER_ENCODING(400),
        /** More than one Content-Length field or a list of lengths (RFC 9112 §6.3). */
        DUPLICATE_CONTENT_LENGTH(400),
        /** A Content-Length that is not plain decimal digits of at most 18 digits (RFC 9110 §8.6). */
        INVALID_CONTENT_LENGTH(400),
        /** Transfer-Encoding in an HTTP/1.0 request (RFC 9112 §6.1). */
        TRANSFER_ENCODING_IN_HTTP_1_0(400),
        /** A Transfer-Encoding other than exactly one {@code chunked} (RFC 9112 §6.1, strict reading). */
        INVALID_TRANSFER_ENCODING(400),
        /** A single transfer coding other than chunked (RFC 9112 §6.1: 501 for codings not understood). */
        UNSUPPORTED_TRANSFER_CODING(501),
        /** A body on GET, HEAD, OPTIONS or TRACE, which have no use for one here (RFC 9110 §9.3). */
        BODY_NOT_ALLOWED(400),
        /** More than one Content-Type field (RFC 9110 §5.3: it is a singleton). */
        DUPLICATE_CONTENT_TYPE(400),
        /** The body is larger than {@link protocol.http1.Limits#maxBodyBytes()}. */
        BODY_TOO_LARGE(413),
        /** A chunk size that is not 1 to 16 hex digits (RFC 9112 §7.1). */
        INVALID_CHUNK_SIZE(400),
        /** A chunk extension that does not follow RFC 9112 §7.1.1. */
        INVALID_CHUNK_EXTENSION(400),
        /** A chunk extension longer than {@link protocol.http1.Limits#maxChunkExtensionBytes()}. */
        CHUNK_EXTENSION_TOO_LONG(400),
        /** Chunk data not followed by CRLF (RFC 9112 §7.1). */
        CHUNK_NOT_TERMINATED(400),
        /** A trailer field that may not be sent as a trailer (RFC 9110 §6.5.1). */
        FORBIDDEN_TRAILER(400),
        /** The trailer section is larger than the header limits allow. */
        TRAILER_SECTION_TOO_LARGE(431);

        private final int code;

        Reason(int code) {
            this.code = code;
        }

        /** The status a request broken this way is answered with. */
        public Status status() {
            return Status.of(code);
        }
    }

    private final Reason reason;

    /** A rejection for the given reason. */
    public ProtocolException(Reason reason) {
        super(Objects.requireNonNull(reason, "reason").name(), null, false, false);
        this.reason = reason;
    }

    /** The status to answer with. */
    public Status status() {
        return reason.status();
    }

    /** The rule that was broken. */
    public Reason reason() {
        return reason;
    }
}
