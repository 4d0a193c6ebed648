package protocol.http2;

/** Range checks shared by the records. */
final class FrameChecks {

    private FrameChecks() {}

    static void stream(int streamId) {
        if (streamId < 1) {
            throw new IllegalArgumentException("stream identifier must be in [1, 2^31-1]: " + streamId);
        }
    }

    static int padding(int padding) {
        if (padding < 0 || padding > 256) {
            throw new IllegalArgumentException("padding must be in [0, 256]: " + padding);
        }
        return padding;
    }

    static void payload(long length) {
        if (length < 0 || length > Frame.MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload length out of range: " + length);
        }
    }
}
