package app.log;

import app.metrics.RequestMetrics;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import protocol.RequestHead;
import protocol.Status;

/**
 * The per-request log: one line on {@code http.request}, or {@code http.admin} for the admin
 * listener (client, scheme, method, target, status, bytes, duration, worker, request id), and
 * with {@code --access-log} a Combined Log Format line on {@code http.access}, the scheme and the
 * request id after it. Every request it records is counted in the request metrics as well: this
 * is the one point every answered request passes, whatever protocol carried it.
 */
public final class AccessLog {

    /** The logger of the main listeners' request lines. */
    public static final String REQUESTS = "http.request";
    /** The logger of the admin listener's request lines: health checks and scrapes, apart from the site's traffic. */
    public static final String ADMIN_REQUESTS = "http.admin";

    private static final Logger access = LoggerFactory.getLogger("http.access");
    private static final DateTimeFormatter CLF_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

    private final Logger requests;
    private final boolean combined;
    private final RequestMetrics metrics;
    private final Optional<LineWriter> lines;

    /**
     * A log whose request lines go to the logger {@code requestLogger} ({@link #REQUESTS} or
     * {@link #ADMIN_REQUESTS}), that counts into {@code metrics}, and also writes Combined Log
     * Format lines when {@code combined}. Its lines go to {@code lines} when present, through
     * slf4j otherwise.
     */
    public AccessLog(String requestLogger, boolean combined, RequestMetrics metrics, Optional<LineWriter> lines) {
        this.requests = LoggerFactory.getLogger(requestLogger);
        this.combined = combined;
        this.metrics = metrics;
        this.lines = lines;
    }

    /**
     * Records one answered request.
     *
     * @param scheme    {@code http} or {@code https}: how the connection was carried
     * @param requestId the id the response's {@code X-Request-Id} gave
     */
    public void record(String client, String scheme, RequestHead head, Status status, long bytes, long startNanos,
            String worker, String requestId) {
        metrics.answered(head.method(), head.version(), scheme, status, bytes, startNanos);
        if (requests.isInfoEnabled()) {
            long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startNanos);
            info(requests, client + " " + scheme + " " + head.method().name() + " " + head.target() + " "
                    + status.code() + " " + bytes + " B " + millis(micros) + " ms " + worker + " " + requestId);
        }
        if (combined && access.isInfoEnabled()) {
            info(access, combinedLine(client, scheme, head, status, bytes, ZonedDateTime.now(ZoneOffset.UTC), requestId));
        }
    }

    private void info(Logger logger, String line) {
        if (lines.isPresent()) {
            lines.get().info(logger.getName(), line);
        } else {
            logger.info(line);
        }
    }

    /** The Combined Log Format line, then the scheme and the request id as two more fields, as log parsers allow. */
    static String combinedLine(String client, String scheme, RequestHead head, Status status, long bytes,
            ZonedDateTime time, String requestId) {
        return host(client) + " - - [" + CLF_TIME.format(time) + "] \"" + head.method().name() + " " + head.target()
                + " " + head.version().text() + "\" " + status.code() + " " + (bytes == 0 ? "-" : Long.toString(bytes))
                + " \"" + quoted(head.headers().first("Referer").orElse("-")) + "\" \""
                + quoted(head.headers().first("User-Agent").orElse("-")) + "\" " + scheme + " " + requestId;
    }

    /** Microseconds as milliseconds with three decimals ({@code 2.045}), without a Formatter per request. */
    static String millis(long micros) {
        long fraction = micros % 1000;
        return (micros / 1000) + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction;
    }

    private static String host(String client) {
        int colon = client.lastIndexOf(':');
        return colon < 0 ? client : client.substring(0, colon);
    }

    // Field values may hold quotes and backslashes; escape them so each line stays parseable.
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
