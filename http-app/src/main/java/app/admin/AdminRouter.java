package app.admin;

import app.ServerInfo;
import app.handler.ErrorPages;
import app.handler.Handler;
import app.handler.Response;
import app.metrics.ServerMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import pool.WorkerPool;
import protocol.Method;
import protocol.Request;
import protocol.RequestHead;
import protocol.Status;

/**
 * The admin listener's own router, which never serves files: {@code /health}, {@code /ready},
 * {@code /metrics} and {@code /pool}, for GET and HEAD. Everything it answers is about the
 * moment of the request, so nothing may be cached.
 */
public final class AdminRouter implements Handler {

    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String ALLOW = "GET, HEAD";

    private final ServerState state;
    private final Path uploadFolder;
    private final MetricsReport metrics;
    private final PoolReport pool;
    private final ErrorPages errors = new ErrorPages(ServerInfo.SERVER);

    /**
     * @param uploadFolder      the folder that must be writable for the server to be ready
     * @param certificateExpiry when the certificate served now expires, on a server with HTTPS
     */
    public AdminRouter(ServerState state, Path uploadFolder, ServerMetrics metrics, WorkerPool<?> pool,
            Optional<Supplier<Instant>> certificateExpiry) {
        this.state = state;
        this.uploadFolder = uploadFolder;
        this.metrics = new MetricsReport(metrics, pool, certificateExpiry);
        this.pool = new PoolReport(pool);
    }

    @Override
    public Optional<Response> screen(RequestHead head) {
        // No route takes a body.
        return Optional.of(head.method().isStandard()
                ? errors.page(Status.METHOD_NOT_ALLOWED).with("Allow", ALLOW)
                : errors.page(Status.NOT_IMPLEMENTED));
    }

    @Override
    public Response handle(Request request) {
        RequestHead head = request.head();
        Method method = head.method();
        if (!method.equals(Method.GET) && !method.equals(Method.HEAD)) {
            return screen(head).orElseThrow();
        }
        Response response = switch (head.path()) {
            case "/health" -> state.draining()
                    ? Response.of(Status.SERVICE_UNAVAILABLE, TEXT, "draining\n")
                    : Response.of(Status.OK, TEXT, "ok\n");
            case "/ready" -> ready();
            case "/metrics" -> Response.of(Status.OK, Exposition.CONTENT_TYPE, metrics.write());
            case "/pool" -> Response.of(Status.OK, PoolReport.CONTENT_TYPE, pool.write(Instant.now()));
            default -> errors.page(Status.NOT_FOUND);
        };
        return response.with("Cache-Control", "no-store");
    }

    /** Ready once every listener accepts and uploads can be stored; not while draining. */
    private Response ready() {
        if (state.draining()) {
            return Response.of(Status.SERVICE_UNAVAILABLE, TEXT, "draining\n");
        }
        if (!state.listening()) {
            return Response.of(Status.SERVICE_UNAVAILABLE, TEXT, "not listening yet\n");
        }
        if (!Files.isDirectory(uploadFolder) || !Files.isWritable(uploadFolder)) {
            return Response.of(Status.SERVICE_UNAVAILABLE, TEXT, "upload folder not writable\n");
        }
        return Response.of(Status.OK, TEXT, "ready\n");
    }
}
