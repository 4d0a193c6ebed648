package app.admin;

import app.ServerInfo;
import app.admin.Exposition.Type;
import app.metrics.ConnectionMetrics;
import app.metrics.Http2Metrics;
import app.metrics.ListenerCounters;
import app.metrics.MethodLabel;
import app.metrics.ProtocolLabel;
import app.metrics.Refusal;
import app.metrics.RequestMetrics;
import app.metrics.Scheme;
import app.metrics.ServerMetrics;
import app.metrics.UploadMetrics;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import pool.PoolStats;
import pool.WorkerPool;
import protocol.http2.ErrorCode;

/**
 * {@code /metrics}: the server's counters, its pool, its certificate, the process and the JVM,
 * read at the moment of the scrape and written in the text exposition format. Names and labels
 * follow the Prometheus conventions: base units ({@code _seconds}, {@code _bytes}),
 * {@code _total} on counters, and label values from small fixed sets only.
 */
final class MetricsReport {

    private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};
    private static final double MILLIS = 1e3;

    private final ServerMetrics metrics;
    private final WorkerPool<?> pool;
    private final Optional<Supplier<Instant>> certificateExpiry;

    /**
     * @param certificateExpiry when the certificate served now expires, on a server with HTTPS
     */
    MetricsReport(ServerMetrics metrics, WorkerPool<?> pool, Optional<Supplier<Instant>> certificateExpiry) {
        this.metrics = metrics;
        this.pool = pool;
        this.certificateExpiry = certificateExpiry;
    }

    /** The exposition, as of now. */
    String write() {
        var out = new Exposition();
        out.family("http_server_info", Type.GAUGE, "The server's version; always 1.")
                .sample(1, "version", ServerInfo.VERSION);
        requests(out, metrics.requests());
        connections(out, metrics.connections());
        pool(out, pool.stats());
        uploads(out, metrics.uploads());
        http2(out, metrics.http2());
        certificateExpiry.ifPresent(expiry -> out.family("http_tls_certificate_expiry_timestamp_seconds", Type.GAUGE,
                "When the certificate served now expires (its notAfter), as a Unix time.")
                .sample(expiry.get().getEpochSecond()));
        process(out);
        return out.text();
    }

    private static void requests(Exposition out, RequestMetrics requests) {
        var count = out.family("http_requests_total", Type.COUNTER,
                "Requests answered, by method, status class, protocol and scheme.");
        for (MethodLabel method : MethodLabel.values()) {
            for (int status = 0; status < STATUS_CLASSES.length; status++) {
                for (ProtocolLabel protocol : ProtocolLabel.values()) {
                    for (Scheme scheme : Scheme.values()) {
                        long value = requests.requests(method, status, protocol, scheme);
                        // Only the series that have happened: most of the product never does.
                        if (value > 0) {
                            count.sample(value, "method", method.name(), "status_class", STATUS_CLASSES[status],
                                    "protocol", protocol.label(), "scheme", scheme.label());
                        }
                    }
                }
            }
        }
        var duration = requests.duration();
        out.family("http_request_duration_seconds", Type.HISTOGRAM,
                "Time from a complete request to its response written.")
                .histogram(duration.boundsSeconds(), duration.cumulativeCounts(), duration.sumSeconds());
        var bytes = out.family("http_response_body_bytes_total", Type.COUNTER,
                "Response body bytes sent, by protocol and scheme.");
        for (ProtocolLabel protocol : ProtocolLabel.values()) {
            for (Scheme scheme : Scheme.values()) {
                bytes.sample(requests.bodyBytes(protocol, scheme), "protocol", protocol.label(),
                        "scheme", scheme.label());
            }
        }
    }

    private static void connections(Exposition out, ConnectionMetrics connections) {
        var open = out.family("http_open_connections", Type.GAUGE,
                "Connections open now, by the protocol they speak and whether TLS carries them.");
        for (ConnectionMetrics.Protocol protocol : ConnectionMetrics.Protocol.values()) {
            for (boolean tls : new boolean[] {false, true}) {
                open.sample(connections.open(protocol, tls), "protocol", protocol.label(), "tls",
                        Boolean.toString(tls));
            }
        }
        List<ListenerCounters> listeners = connections.listeners();
        var accepted = out.family("http_connections_accepted_total", Type.COUNTER, "Connections accepted, by listener.");
        listeners.forEach(listener -> accepted.sample(listener.acceptedCount(), "listener", listener.listener()));
        var refused = out.family("http_connections_refused_total", Type.COUNTER,
                "Connections closed before any request was read, by listener and reason.");
        for (ListenerCounters listener : listeners) {
            for (Refusal reason : Refusal.values()) {
                refused.sample(listener.refusedCount(reason), "listener", listener.listener(), "reason", reason.label());
            }
        }
        List<ListenerCounters> secure = listeners.stream().filter(ListenerCounters::secure).toList();
        if (secure.isEmpty()) {
            return;
        }
        var handshakes = out.family("http_tls_handshakes_total", Type.COUNTER, "TLS handshakes completed, by listener.");
        secure.forEach(listener -> handshakes.sample(listener.handshakeCount(), "listener", listener.listener()));
        var failures = out.family("http_tls_handshake_failures_total", Type.COUNTER,
                "TLS handshakes that failed or ran out of time, by listener.");
        secure.forEach(listener -> failures.sample(listener.refusedCount(Refusal.TLS_HANDSHAKE_FAILED),
                "listener", listener.listener()));
    }

    private void pool(Exposition out, PoolStats stats) {
        out.family("http_pool_workers", Type.GAUGE, "Workers of the pool that runs handlers.").sample(stats.workers());
        out.family("http_pool_busy_workers", Type.GAUGE, "Workers running a request now.").sample(stats.busy());
        out.family("http_pool_queue_capacity", Type.GAUGE, "Requests that may wait for a worker before 503.")
                .sample(pool.queueCapacity());
        out.family("http_pool_queued_requests", Type.GAUGE, "Requests waiting for a worker now.").sample(stats.queued());
        out.family("http_pool_queue_high_water", Type.GAUGE, "The most requests that have waited for a worker at once.")
                .sample(stats.queueHighWater());
        out.family("http_pool_submitted_total", Type.COUNTER, "Requests the pool accepted.").sample(stats.submitted());
        out.family("http_pool_completed_total", Type.COUNTER, "Requests whose handler returned.")
                .sample(stats.completed());
        out.family("http_pool_rejected_total", Type.COUNTER, "Requests refused because the queue was full (503).")
                .sample(stats.rejected());
        out.family("http_pool_failed_total", Type.COUNTER, "Requests whose handler threw (500).").sample(stats.failed());
    }

    private static void uploads(Exposition out, UploadMetrics uploads) {
        out.family("http_uploads_stored_total", Type.COUNTER, "Uploads stored durably.").sample(uploads.storedCount());
        out.family("http_uploads_stored_bytes_total", Type.COUNTER, "Bytes of the uploads stored.")
                .sample(uploads.storedBytes());
        var refused = out.family("http_uploads_refused_total", Type.COUNTER, "Uploads refused, by reason.");
        for (UploadMetrics.Refusal reason : UploadMetrics.Refusal.values()) {
            refused.sample(uploads.refusedCount(reason), "reason", reason.label());
        }
    }

    private static void http2(Exposition out, Http2Metrics http2) {
        out.family("http2_streams_opened_total", Type.COUNTER, "HTTP/2 streams opened by clients.")
                .sample(http2.streamsOpened());
        var goAways = out.family("http2_goaways_sent_total", Type.COUNTER, "HTTP/2 GOAWAY frames sent, by error code.");
        for (long code = 0; code <= Http2Metrics.LAST_KNOWN_CODE; code++) {
            ErrorCode known = ErrorCode.of(code);
            goAways.sample(http2.goAwaysSent(known), "code", known.name());
        }
        goAways.sample(http2.goAwaysSent(ErrorCode.of(Http2Metrics.LAST_KNOWN_CODE + 1)), "code", "unknown");
    }

    private static void process(Exposition out) {
        var runtime = ManagementFactory.getRuntimeMXBean();
        out.family("process_start_time_seconds", Type.GAUGE, "When the process started, as a Unix time.")
                .sample(runtime.getStartTime() / MILLIS);
        out.family("process_uptime_seconds", Type.GAUGE, "How long the process has run.")
                .sample(runtime.getUptime() / MILLIS);
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        out.family("jvm_memory_heap_used_bytes", Type.GAUGE, "Heap in use.").sample(heap.getUsed());
        out.family("jvm_memory_heap_committed_bytes", Type.GAUGE, "Heap reserved from the system.")
                .sample(heap.getCommitted());
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        var collections = out.family("jvm_gc_collections_total", Type.COUNTER, "Garbage collections, by collector.");
        collectors.forEach(gc -> collections.sample(Math.max(0, gc.getCollectionCount()), "gc", gc.getName()));
        var seconds = out.family("jvm_gc_collection_seconds_total", Type.COUNTER,
                "Time spent in garbage collections (pauses, for the stop-the-world collectors), by collector.");
        collectors.forEach(gc -> seconds.sample(Math.max(0, gc.getCollectionTime()) / MILLIS, "gc", gc.getName()));
    }
}
