package app.metrics;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import protocol.http2.ErrorCode;

/**
 * HTTP/2 streams opened by clients, and GOAWAY frames sent by error code: one count for each
 * code RFC 9113 §7 defines, and one shared by every other value.
 */
public final class Http2Metrics {

    /** The highest code RFC 9113 §7 defines. */
    public static final int LAST_KNOWN_CODE = 0xd;

    private final LongAdder streams = new LongAdder();
    private final LongAdder[] goAways = new LongAdder[LAST_KNOWN_CODE + 2];

    public Http2Metrics() {
        Arrays.setAll(goAways, i -> new LongAdder());
    }

    /** A client opened a stream. */
    public void streamOpened() {
        streams.increment();
    }

    /** The server sent GOAWAY with {@code code}. */
    public void goAwaySent(ErrorCode code) {
        goAways[index(code)].increment();
    }

    public long streamsOpened() {
        return streams.sum();
    }

    /** GOAWAY frames sent with {@code code}; for a code the RFC does not define, with any such code. */
    public long goAwaysSent(ErrorCode code) {
        return goAways[index(code)].sum();
    }

    private static int index(ErrorCode code) {
        return code.code() <= LAST_KNOWN_CODE ? (int) code.code() : LAST_KNOWN_CODE + 1;
    }
}
