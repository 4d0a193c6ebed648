package protocol.http2;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP/2 frame (RFC 9113 §4, §6), one record per type. Flags a type does not define are not kept (§4.1); nor
 * is the reserved bit of stream identifiers. Padding is kept as the number of payload bytes it takes, so that
 * flow control can count the whole payload (§6.9.1): 0 when the PADDED flag is clear, else 1 (the Pad Length
 * field) plus the padding, at most 256.
 */
public sealed interface Frame extends FrameResult {

    /** Largest payload a frame header can describe: 2^24-1 (§4.1). */
    int MAX_PAYLOAD = 16_777_215;

    /** The stream the frame belongs to; 0 for frames about the connection. */
    int streamId();

    /**
     * DATA (§6.1).
     *
     * @param streamId  the stream, 1..2^31-1
     * @param data      the application data
     * @param endStream the END_STREAM flag
     * @param padding   payload bytes taken by padding, 0..256 (see {@link Frame})
     */
    record Data(int streamId, Octets data, boolean endStream, int padding) implements Frame {
        /** Validates the fields. */
        public Data {
            FrameChecks.stream(streamId);
            Objects.requireNonNull(data, "data");
            FrameChecks.payload(FrameChecks.padding(padding) + data.length());
        }

        /** A DATA frame without padding. */
        public Data(int streamId, Octets data, boolean endStream) {
            this(streamId, data, endStream, 0);
        }

        /** The bytes this frame counts against flow-control windows: the whole payload (§6.9.1). */
        public int flowControlledLength() {
            return padding + data.length();
        }
    }

    /**
     * HEADERS (§6.2). A dependency on the frame's own stream can be built, so that it can be encoded and refused.
     *
     * @param streamId   the stream, 1..2^31-1
     * @param dependency the priority fields, present when the PRIORITY flag is set
     * @param fragment   the field block fragment, HPACK-encoded; not decoded here
     * @param endStream  the END_STREAM flag
     * @param endHeaders the END_HEADERS flag
     * @param padding    payload bytes taken by padding, 0..256 (see {@link Frame})
     */
    record Headers(int streamId, Optional<Dependency> dependency, Octets fragment, boolean endStream,
                   boolean endHeaders, int padding) implements Frame {
        /** Validates the fields. */
        public Headers {
            FrameChecks.stream(streamId);
            Objects.requireNonNull(dependency, "dependency");
            Objects.requireNonNull(fragment, "fragment");
            FrameChecks.payload(FrameChecks.padding(padding) + (dependency.isPresent() ? 5 : 0) + fragment.length());
        }

        /** A HEADERS frame without priority fields or padding. */
        public Headers(int streamId, Octets fragment, boolean endStream, boolean endHeaders) {
            this(streamId, Optional.empty(), fragment, endStream, endHeaders, 0);
        }
    }

    /**
     * PRIORITY (§6.3).
     *
     * @param streamId   the stream, 1..2^31-1
     * @param dependency the priority fields
     */
    record Priority(int streamId, Dependency dependency) implements Frame {
        /** Validates the fields. */
        public Priority {
            FrameChecks.stream(streamId);
            Objects.requireNonNull(dependency, "dependency");
        }
    }

    /**
     * RST_STREAM (§6.4).
     *
     * @param streamId the stream, 1..2^31-1
     * @param code     why the stream ends
     */
    record RstStream(int streamId, ErrorCode code) implements Frame {
        /** Validates the fields. */
        public RstStream {
            FrameChecks.stream(streamId);
            Objects.requireNonNull(code, "code");
        }
    }

    /**
     * SETTINGS (§6.5), always on stream 0.
     *
     * @param ack      the ACK flag; an acknowledgement carries no parameters
     * @param settings the parameters in the order they are sent, unknown identifiers included
     */
    record Settings(boolean ack, List<Setting> settings) implements Frame {
        /** The acknowledgement of the peer's SETTINGS. */
        public static final Settings ACK = new Settings(true, List.of());

        /** Validates the fields and copies the list. */
        public Settings {
            settings = List.copyOf(settings);
            if (ack && !settings.isEmpty()) {
                throw new IllegalArgumentException("a SETTINGS acknowledgement has no parameters");
            }
            FrameChecks.payload(6L * settings.size());
        }

        /** A SETTINGS frame announcing {@code settings}. */
        public Settings(List<Setting> settings) {
            this(false, settings);
        }

        @Override
        public int streamId() {
            return 0;
        }
    }

    /**
     * PUSH_PROMISE (§6.6). Decoded for completeness: a server receiving one has a connection error to raise
     * ({@link StreamState#received}, §8.4), and this server never pushes.
     *
     * @param streamId         the stream the promise is made on, 1..2^31-1
     * @param promisedStreamId the stream reserved, 1..2^31-1
     * @param fragment         the field block fragment of the promised request
     * @param endHeaders       the END_HEADERS flag
     * @param padding          payload bytes taken by padding, 0..256 (see {@link Frame})
     */
    record PushPromise(int streamId, int promisedStreamId, Octets fragment, boolean endHeaders, int padding)
            implements Frame {
        /** Validates the fields. */
        public PushPromise {
            FrameChecks.stream(streamId);
            FrameChecks.stream(promisedStreamId);
            Objects.requireNonNull(fragment, "fragment");
            FrameChecks.payload(FrameChecks.padding(padding) + 4L + fragment.length());
        }
    }

    /**
     * PING (§6.7), always on stream 0.
     *
     * @param ack        the ACK flag
     * @param opaqueData the 8 bytes of opaque data, big-endian
     */
    record Ping(boolean ack, long opaqueData) implements Frame {
        @Override
        public int streamId() {
            return 0;
        }
    }

    /**
     * GOAWAY (§6.8), always on stream 0.
     *
     * @param lastStreamId the highest stream the sender may have processed, 0..2^31-1
     * @param code         why the connection ends
     * @param debugData    opaque diagnostic data
     */
    record GoAway(int lastStreamId, ErrorCode code, Octets debugData) implements Frame {
        /** Validates the fields. */
        public GoAway {
            if (lastStreamId < 0) {
                throw new IllegalArgumentException("stream identifier out of range: " + lastStreamId);
            }
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(debugData, "debugData");
            FrameChecks.payload(8L + debugData.length());
        }

        @Override
        public int streamId() {
            return 0;
        }
    }

    /**
     * WINDOW_UPDATE (§6.9).
     *
     * @param streamId  the stream whose window grows, or 0 for the connection's
     * @param increment the increment, 1..2^31-1
     */
    record WindowUpdate(int streamId, int increment) implements Frame {
        /** Validates the fields. */
        public WindowUpdate {
            if (streamId < 0) {
                throw new IllegalArgumentException("stream identifier out of range: " + streamId);
            }
            if (increment < 1) {
                throw new IllegalArgumentException("increment must be in [1, 2^31-1]: " + increment);
            }
        }
    }

    /**
     * CONTINUATION (§6.10).
     *
     * @param streamId   the stream, 1..2^31-1
     * @param fragment   the next field block fragment
     * @param endHeaders the END_HEADERS flag
     */
    record Continuation(int streamId, Octets fragment, boolean endHeaders) implements Frame {
        /** Validates the fields. */
        public Continuation {
            FrameChecks.stream(streamId);
            Objects.requireNonNull(fragment, "fragment");
            FrameChecks.payload(fragment.length());
        }
    }

    /**
     * A frame of a type this endpoint does not know: ignored (§5.5). Its payload was skipped, never kept.
     *
     * @param type     the type code, 0x0a..0xff
     * @param flags    the flags as sent
     * @param streamId the stream, 0..2^31-1
     * @param length   the payload length that was skipped
     */
    record Unknown(int type, int flags, int streamId, int length) implements Frame {
        /** Validates the fields. */
        public Unknown {
            if (type < 0 || type > 0xFF || FrameType.of(type).isPresent()) {
                throw new IllegalArgumentException("not an unknown frame type: " + type);
            }
            if (flags < 0 || flags > 0xFF) {
                throw new IllegalArgumentException("flags out of range: " + flags);
            }
            if (streamId < 0) {
                throw new IllegalArgumentException("stream identifier out of range: " + streamId);
            }
            FrameChecks.payload(length);
        }
    }
}
