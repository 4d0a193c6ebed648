package app.metrics;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import protocol.Method;
import protocol.Status;
import protocol.Version;

/**
 * What is counted for every answered request: a count by method, status class, protocol and
 * scheme, the duration, and the body bytes sent. Each series is an adder in an array indexed by
 * the labels' ordinals, so counting takes no lock, no map and no allocation.
 */
public final class RequestMetrics {

    /** Bucket bounds of the request duration, in seconds: from half a millisecond to ten seconds. */
    public static final double[] DURATION_BUCKETS =
            {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    /** Status classes {@code 1xx} to {@code 5xx}. */
    public static final int STATUS_CLASSES = 5;

    private static final int METHODS = MethodLabel.values().length;
    private static final int PROTOCOLS = ProtocolLabel.values().length;
    private static final int SCHEMES = Scheme.values().length;

    private final LongAdder[] requests = adders(METHODS * STATUS_CLASSES * PROTOCOLS * SCHEMES);
    private final LongAdder[] bodyBytes = adders(PROTOCOLS * SCHEMES);
    private final Histogram duration = new Histogram(DURATION_BUCKETS);

    private static LongAdder[] adders(int count) {
        var adders = new LongAdder[count];
        Arrays.setAll(adders, i -> new LongAdder());
        return adders;
    }

    /**
     * Counts one answered request.
     *
     * @param scheme     {@code http} or {@code https}
     * @param bodyBytes  the response body bytes sent
     * @param startNanos when the request was complete, by {@link System#nanoTime()}
     */
    public void answered(Method method, Version version, String scheme, Status status, long bodyBytes,
            long startNanos) {
        int protocol = ProtocolLabel.of(version).ordinal();
        int carried = protocol * SCHEMES + Scheme.of(scheme).ordinal();
        requests[(MethodLabel.of(method).ordinal() * STATUS_CLASSES + statusClass(status)) * PROTOCOLS * SCHEMES
                + carried].increment();
        this.bodyBytes[carried].add(bodyBytes);
        duration.observe(System.nanoTime() - startNanos);
    }

    /** {@code 0} for 1xx up to {@code 4} for 5xx. */
    private static int statusClass(Status status) {
        return Math.clamp(status.code() / 100 - 1, 0, STATUS_CLASSES - 1);
    }

    /** Requests answered with a status of class {@code statusClass} ({@code 0} for 1xx up to {@code 4} for 5xx). */
    public long requests(MethodLabel method, int statusClass, ProtocolLabel protocol, Scheme scheme) {
        return requests[((method.ordinal() * STATUS_CLASSES + statusClass) * PROTOCOLS + protocol.ordinal()) * SCHEMES
                + scheme.ordinal()].sum();
    }

    /** Response body bytes sent. */
    public long bodyBytes(ProtocolLabel protocol, Scheme scheme) {
        return bodyBytes[protocol.ordinal() * SCHEMES + scheme.ordinal()].sum();
    }

    /** The request durations, from a complete request to its response written. */
    public Histogram duration() {
        return duration;
    }
}
