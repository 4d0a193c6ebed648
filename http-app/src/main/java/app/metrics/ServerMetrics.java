package app.metrics;

/**
 * Everything the server counts as it runs, read out by the admin listener's {@code /metrics}.
 * Counting is lock-free and allocation-free (adders indexed by label ordinals); reading adds
 * the adders up.
 */
public final class ServerMetrics {

    private final RequestMetrics requests = new RequestMetrics();
    private final ConnectionMetrics connections = new ConnectionMetrics();
    private final UploadMetrics uploads = new UploadMetrics();
    private final Http2Metrics http2 = new Http2Metrics();

    public RequestMetrics requests() {
        return requests;
    }

    public ConnectionMetrics connections() {
        return connections;
    }

    public UploadMetrics uploads() {
        return uploads;
    }

    public Http2Metrics http2() {
        return http2;
    }
}
