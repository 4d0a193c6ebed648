package app.server;

import app.handler.CurrentRequest;
import app.handler.Handler;
import app.handler.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import protocol.Request;

/**
 * One request on its way through the pool: the connection offers it, a worker runs the handler,
 * the connection awaits the response. The hand-off is a {@link CompletableFuture}, so the
 * connection's virtual thread parks and no platform thread waits for it. A cancelled exchange
 * (the client gave up on the request) does not run its handler, or interrupts it if it runs.
 */
public final class Exchange {

    private final Request request;
    private final String client;
    private final String requestId;
    private final CompletableFuture<Response> response = new CompletableFuture<>();
    private volatile String worker = "-";
    private volatile boolean cancelled;
    /** The worker's thread while the handler runs; guarded by {@code this}, so that an interrupt never outlives it. */
    private Thread runner;

    /** An exchange for a request that has no id. */
    public Exchange(Request request, String client) {
        this(request, client, "-");
    }

    /** An exchange for {@code request} from {@code client}, known in the logs as {@code requestId}. */
    public Exchange(Request request, String client, String requestId) {
        this.request = request;
        this.client = client;
        this.requestId = requestId;
    }

    /** Runs on a worker: the handler's response, or its failure, completes the exchange. */
    void run(Handler handler) {
        worker = Thread.currentThread().getName();
        synchronized (this) {
            if (cancelled) {
                response.completeExceptionally(new NotRunException());
                return;
            }
            runner = Thread.currentThread();
        }
        try {
            response.complete(CurrentRequest.handle(handler, request, requestId));
        } catch (Throwable failure) {
            response.completeExceptionally(failure);
            if (failure instanceof VirtualMachineError error) {
                throw error;
            }
        } finally {
            synchronized (this) {
                runner = null;
            }
            // The pool clears what interrupt is left before the worker's next job.
        }
    }

    /**
     * The client gave up on the request (an HTTP/2 stream reset, or its connection ended): a
     * handler not yet run will not run, and one running is interrupted, so that its worker is
     * freed as soon as the handler heeds it. Its response, if any, is not sent.
     */
    public void cancel() {
        synchronized (this) {
            cancelled = true;
            if (runner != null) {
                runner.interrupt();
            }
        }
    }

    /** Whether the client gave up on the request. */
    public boolean cancelled() {
        return cancelled;
    }

    /** Ends the exchange without a response (the pool closed before it ran). */
    void abandon() {
        response.completeExceptionally(new NotRunException());
    }

    /**
     * Tells {@code done} the handler's response, or its failure, on the thread that ends the
     * exchange (its worker), or at once if it has ended.
     */
    void whenDone(BiConsumer<Response, Throwable> done) {
        response.whenComplete(done);
    }

    /** Waits for the handler; its exception, if it threw, is the cause of the thrown one. */
    Response await() throws ExecutionException, InterruptedException {
        return response.get();
    }

    /** The worker that ran the handler, {@code -} if none did. */
    public String worker() {
        return worker;
    }

    /** The request's id, as the logs and the {@code X-Request-Id} field give it. */
    public String requestId() {
        return requestId;
    }

    /** What the pool's snapshot shows for this job. */
    public String describe() {
        return request.head().method().name() + " " + request.head().target() + " from " + client;
    }

    /**
     * What became of an exchange: the response to send, and whether the connection may carry
     * more requests after it (not after a handler failure or when the server is stopping).
     */
    public record Outcome(Response response, boolean connectionMayContinue) {}

    /** The handler never ran: the server is stopping, or the client gave up on the request. */
    static final class NotRunException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotRunException() {
            super("handler not run", null, false, false);
        }
    }
}
