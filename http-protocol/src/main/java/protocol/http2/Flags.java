package protocol.http2;

/** The frame flags RFC 9113 §6 defines; flags a frame type does not define are ignored on receipt (§4.1). */
public final class Flags {

    /** 0x1 on DATA and HEADERS: the last frame the sender sends on the stream (§6.1, §6.2). */
    public static final int END_STREAM = 0x1;
    /** 0x1 on SETTINGS and PING: the frame acknowledges the peer's (§6.5, §6.7). */
    public static final int ACK = 0x1;
    /** 0x4 on HEADERS, PUSH_PROMISE and CONTINUATION: the field block ends in this frame (§6.2). */
    public static final int END_HEADERS = 0x4;
    /** 0x8 on DATA, HEADERS and PUSH_PROMISE: a Pad Length field and padding are present (§6.1). */
    public static final int PADDED = 0x8;
    /** 0x20 on HEADERS: the Exclusive, Stream Dependency and Weight fields are present (§6.2). */
    public static final int PRIORITY = 0x20;

    private Flags() {}

    static int of(boolean set, int flag) {
        return set ? flag : 0;
    }
}
