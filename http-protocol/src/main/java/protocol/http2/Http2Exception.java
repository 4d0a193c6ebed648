package protocol.http2;

import java.util.Objects;
import java.util.Optional;

/**
 * A rule of RFC 9113 the peer broke: carries the error code to send, whether it ends the connection (GOAWAY) or
 * one stream (RST_STREAM, §5.4), and the rule. Checked, so that every caller decides how to answer; it has no
 * stack trace, since peers can cause it at will.
 */
public final class Http2Exception extends Exception {

    private static final long serialVersionUID = 1L;

    /** What the error ends (§5.4). */
    public enum Scope {
        /** The whole connection: answered with GOAWAY, then close (§5.4.1). */
        CONNECTION,
        /** One stream: answered with RST_STREAM; the connection goes on (§5.4.2). */
        STREAM
    }

    /** The rule that was broken; each knows the error code it is answered with. */
    public enum Reason {
        /** A frame longer than the SETTINGS_MAX_FRAME_SIZE we advertised (§4.2). */
        FRAME_TOO_LARGE(ErrorCode.FRAME_SIZE_ERROR),
        /** A frame too short for the fields its flags announce: pad length, priority, promised stream (§4.2). */
        FRAME_TOO_SHORT(ErrorCode.FRAME_SIZE_ERROR),
        /** DATA, HEADERS, PRIORITY, RST_STREAM, PUSH_PROMISE or CONTINUATION on stream 0 (§6.1–§6.4, §6.6, §6.10). */
        STREAM_ID_REQUIRED(ErrorCode.PROTOCOL_ERROR),
        /** SETTINGS, PING or GOAWAY on a stream other than 0 (§6.5, §6.7, §6.8). */
        STREAM_ID_NOT_ALLOWED(ErrorCode.PROTOCOL_ERROR),
        /** A SETTINGS frame whose length is not a multiple of 6 (§6.5). */
        SETTINGS_LENGTH(ErrorCode.FRAME_SIZE_ERROR),
        /** A SETTINGS acknowledgement with a payload (§6.5). */
        SETTINGS_ACK_WITH_PAYLOAD(ErrorCode.FRAME_SIZE_ERROR),
        /** A PING frame whose length is not 8 (§6.7). */
        PING_LENGTH(ErrorCode.FRAME_SIZE_ERROR),
        /** A PRIORITY frame whose length is not 5: a stream error (§6.3). */
        PRIORITY_LENGTH(ErrorCode.FRAME_SIZE_ERROR),
        /** A RST_STREAM frame whose length is not 4 (§6.4). */
        RST_STREAM_LENGTH(ErrorCode.FRAME_SIZE_ERROR),
        /** A WINDOW_UPDATE frame whose length is not 4 (§6.9). */
        WINDOW_UPDATE_LENGTH(ErrorCode.FRAME_SIZE_ERROR),
        /** A GOAWAY frame shorter than 8 (§6.8). */
        GOAWAY_LENGTH(ErrorCode.FRAME_SIZE_ERROR),
        /** Padding as long as, or longer than, what remains of the payload (§6.1, §6.2, §6.6). */
        PADDING_TOO_LONG(ErrorCode.PROTOCOL_ERROR),
        /** A stream that depends on itself: a stream error (§5.3.1). */
        SELF_DEPENDENCY(ErrorCode.PROTOCOL_ERROR),
        /** A WINDOW_UPDATE increment of 0: a stream error on a stream, a connection error on stream 0 (§6.9). */
        ZERO_WINDOW_INCREMENT(ErrorCode.PROTOCOL_ERROR),
        /** A PUSH_PROMISE promising stream 0 (§6.6, §5.1.1). */
        INVALID_PROMISED_STREAM(ErrorCode.PROTOCOL_ERROR),
        /** SETTINGS_ENABLE_PUSH other than 0 or 1 (§6.5.2). */
        INVALID_ENABLE_PUSH(ErrorCode.PROTOCOL_ERROR),
        /** SETTINGS_INITIAL_WINDOW_SIZE above 2^31-1 (§6.5.2). */
        INITIAL_WINDOW_SIZE_TOO_LARGE(ErrorCode.FLOW_CONTROL_ERROR),
        /** SETTINGS_MAX_FRAME_SIZE outside 16384..16777215 (§6.5.2). */
        INVALID_MAX_FRAME_SIZE(ErrorCode.PROTOCOL_ERROR),
        /** A frame other than HEADERS or PRIORITY on an idle stream (§5.1). */
        FRAME_ON_IDLE_STREAM(ErrorCode.PROTOCOL_ERROR),
        /** A frame a reserved stream cannot receive (§5.1). */
        FRAME_ON_RESERVED_STREAM(ErrorCode.PROTOCOL_ERROR),
        /** DATA or HEADERS after the peer ended or reset the stream (§5.1, §6.1). */
        STREAM_CLOSED(ErrorCode.STREAM_CLOSED),
        /** PUSH_PROMISE received by a server: clients cannot push (§8.4). */
        PUSH_PROMISE_RECEIVED(ErrorCode.PROTOCOL_ERROR),
        /** DATA beyond the flow-control window the receiver granted (§6.9.1). */
        FLOW_CONTROL_WINDOW_EXCEEDED(ErrorCode.FLOW_CONTROL_ERROR),
        /** A window grown past 2^31-1, by WINDOW_UPDATE or a SETTINGS_INITIAL_WINDOW_SIZE change (§6.9.1, §6.9.2). */
        WINDOW_OVERFLOW(ErrorCode.FLOW_CONTROL_ERROR),

        // What a connection judges across frames.

        /** A connection that does not open with the client preface (§3.4). */
        BAD_PREFACE(ErrorCode.PROTOCOL_ERROR),
        /** A preface not followed by a SETTINGS frame (§3.4). */
        PREFACE_NOT_SETTINGS(ErrorCode.PROTOCOL_ERROR),
        /** Any frame but the stream's CONTINUATION in the middle of a header block (§6.10, §4.3). */
        EXPECTED_CONTINUATION(ErrorCode.PROTOCOL_ERROR),
        /** A new stream whose identifier is even, or not above every one used before (§5.1.1). */
        INVALID_STREAM_ID(ErrorCode.PROTOCOL_ERROR),
        /** A CONTINUATION frame that follows no unfinished header block (§6.10). */
        UNEXPECTED_CONTINUATION(ErrorCode.PROTOCOL_ERROR),
        /** A header block whose frames carry more than the header list limit (the CONTINUATION flood). */
        HEADER_BLOCK_TOO_LARGE(ErrorCode.ENHANCE_YOUR_CALM),
        /** A header block HPACK cannot decode (§4.3). */
        COMPRESSION(ErrorCode.COMPRESSION_ERROR),
        /**
         * A field section that decodes to more than SETTINGS_MAX_HEADER_LIST_SIZE (§6.5.2), such as an
         * HPACK bomb: a stream error; the decoder's table stays in step with the peer's.
         */
        HEADER_LIST_TOO_LARGE(ErrorCode.ENHANCE_YOUR_CALM),
        /**
         * Frames past the budget the connection allows: resets of streams in progress (Rapid Reset,
         * CVE-2023-44487), SETTINGS, PING, PRIORITY, empty and unknown frames, or control frames
         * whose answers the peer does not read.
         */
        FLOOD(ErrorCode.ENHANCE_YOUR_CALM),

        // A malformed request (§8.1.1): each a stream error.

        /** Trailers without END_STREAM (§8.1). */
        MALFORMED_TRAILERS(ErrorCode.PROTOCOL_ERROR),
        /** A pseudo-header field after a regular field (§8.3). */
        MISPLACED_PSEUDO_HEADER(ErrorCode.PROTOCOL_ERROR),
        /** A pseudo-header field a request does not define, such as {@code :status} (§8.3). */
        UNKNOWN_PSEUDO_HEADER(ErrorCode.PROTOCOL_ERROR),
        /** A pseudo-header field given twice (§8.3). */
        REPEATED_PSEUDO_HEADER(ErrorCode.PROTOCOL_ERROR),
        /** No {@code :method}, {@code :scheme} or {@code :path}, or no authority at all (§8.3.1). */
        MISSING_PSEUDO_HEADER(ErrorCode.PROTOCOL_ERROR),
        /** A {@code :method}, {@code :path} or authority that is not valid (§8.3.1). */
        INVALID_PSEUDO_HEADER(ErrorCode.PROTOCOL_ERROR),
        /** {@code connection}, {@code keep-alive}, {@code transfer-encoding}, {@code upgrade}, or {@code te} other than {@code trailers} (§8.2.2). */
        CONNECTION_SPECIFIC_FIELD(ErrorCode.PROTOCOL_ERROR),
        /** A field name with characters outside {@code tchar} (§8.2.1). */
        INVALID_FIELD_NAME(ErrorCode.PROTOCOL_ERROR),
        /** A field name with uppercase letters (§8.2). */
        UPPERCASE_FIELD_NAME(ErrorCode.PROTOCOL_ERROR),
        /** A field value with NUL, CR or LF, or whitespace at either end (§8.2.1). */
        INVALID_FIELD_VALUE(ErrorCode.PROTOCOL_ERROR),
        /** A {@code content-length} that is not one number, or that the DATA received does not match (§8.1.1). */
        CONTENT_LENGTH_MISMATCH(ErrorCode.PROTOCOL_ERROR);

        private final ErrorCode code;

        Reason(ErrorCode code) {
            this.code = code;
        }

        /** The error code a rule broken this way is answered with. */
        public ErrorCode code() {
            return code;
        }
    }

    private final Reason reason;
    private final Scope scope;
    private final int streamId;
    /** Not serialised: frames are values of one connection's life. */
    private final transient Frame frame;

    private Http2Exception(Reason reason, Scope scope, int streamId, Frame frame) {
        super(message(reason, scope, streamId), null, false, false);
        this.reason = reason;
        this.scope = scope;
        this.streamId = streamId;
        this.frame = frame;
    }

    private static String message(Reason reason, Scope scope, int streamId) {
        Objects.requireNonNull(reason, "reason");
        return scope == Scope.CONNECTION ? reason.name() : reason.name() + " on stream " + streamId;
    }

    /** An error that ends the connection. */
    public static Http2Exception connection(Reason reason) {
        return new Http2Exception(reason, Scope.CONNECTION, 0, null);
    }

    /**
     * An error that ends one stream.
     *
     * @throws IllegalArgumentException if {@code streamId} is not a stream (1..2^31-1)
     */
    public static Http2Exception stream(Reason reason, int streamId) {
        if (streamId <= 0) {
            throw new IllegalArgumentException("not a stream: " + streamId);
        }
        return new Http2Exception(reason, Scope.STREAM, streamId, null);
    }

    /** A stream error raised by a whole frame the caller may still have to process. */
    static Http2Exception stream(Reason reason, Frame frame) {
        if (frame.streamId() <= 0) {
            throw new IllegalArgumentException("not a stream: " + frame.streamId());
        }
        return new Http2Exception(reason, Scope.STREAM, frame.streamId(), frame);
    }

    /** The rule that was broken. */
    public Reason reason() {
        return reason;
    }

    /** The error code to send in GOAWAY or RST_STREAM. */
    public ErrorCode code() {
        return reason.code();
    }

    /** Whether the error ends the connection or one stream. */
    public Scope scope() {
        return scope;
    }

    /** The stream a stream error ends; 0 for a connection error. */
    public int streamId() {
        return streamId;
    }

    /**
     * The decoded frame that broke a stream rule, when it carries state the connection still needs: a HEADERS
     * frame refused for depending on itself still holds a field block the HPACK decoder must see, or the
     * compression context drifts from the peer's (RFC 9113 §4.3). Empty for every other error.
     */
    public Optional<Frame> frame() {
        return Optional.ofNullable(frame);
    }
}
