package app.server;

import app.ServerConfig;
import app.handler.ErrorPages;
import app.handler.Handler;
import app.handler.Response;
import app.log.AccessLog;
import app.metrics.ServerMetrics;
import app.transport.Watchdog;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pool.WorkerPool;
import protocol.Status;
import protocol.http1.Limits;
import protocol.http2.Http2Limits;

/**
 * What every connection shares, whatever its listener and protocol: configuration, the pool, the
 * handler, the metrics it counts into, and the fields every response gets.
 */
public record ServerContext(
        ServerConfig config,
        Limits limits,
        Http2Limits http2Limits,
        Handler handler,
        WorkerPool<Exchange> pool,
        ErrorPages errors,
        Watchdog watchdog,
        AccessLog accessLog,
        Lifecycle lifecycle,
        ServerMetrics metrics,
        ResponsePolicy responses) {

    private static final Logger log = LoggerFactory.getLogger(ServerContext.class);

    /**
     * Offers the exchange to the pool and waits for the handler's response. A full queue is
     * answered at once with 503 and the connection stays usable (SPEC, seed).
     */
    public Exchange.Outcome dispatch(Exchange exchange) throws InterruptedException {
        lifecycle.submitted(exchange);
        try {
            if (!pool.offer(exchange)) {
                return new Exchange.Outcome(busy(), true);
            }
            return new Exchange.Outcome(exchange.await(), true);
        } catch (ExecutionException e) {
            return failed(exchange, e.getCause());
        } finally {
            lifecycle.finished(exchange);
        }
    }

    /**
     * As {@link #dispatch(Exchange)}, without a thread that waits: {@code then} gets the outcome
     * at once, on the caller's thread, when the queue is full; otherwise on the worker's, once
     * the handler is done. For a protocol whose requests must not each hold a thread.
     *
     * @param keepFree the places of the queue that must stay free besides this exchange, or it is
     *        answered as if the queue were full
     */
    public void dispatch(Exchange exchange, int keepFree, Consumer<Exchange.Outcome> then) {
        lifecycle.submitted(exchange);
        if (!pool.offer(exchange, keepFree)) {
            lifecycle.finished(exchange);
            then.accept(new Exchange.Outcome(busy(), true));
            return;
        }
        exchange.whenDone((response, failure) -> {
            lifecycle.finished(exchange);
            then.accept(failure == null ? new Exchange.Outcome(response, true) : failed(exchange, failure));
        });
    }

    private Exchange.Outcome failed(Exchange exchange, Throwable cause) {
        if (cause instanceof Exchange.NotRunException) {
            return new Exchange.Outcome(busy(), false);
        }
        if (exchange.cancelled()) {
            // Interrupted because the client gave up: nobody waits for the answer.
            log.debug("{}: handler cancelled: {}", exchange.describe(), cause.toString());
            return new Exchange.Outcome(busy(), false);
        }
        log.error("{}: handler failed (request {})", exchange.describe(), exchange.requestId(), cause);
        return new Exchange.Outcome(errors.page(Status.INTERNAL_SERVER_ERROR), false);
    }

    private Response busy() {
        return errors.busy();
    }
}
