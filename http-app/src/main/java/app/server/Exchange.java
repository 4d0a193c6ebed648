package app.server;

import app.handler.Handler;
import app.handler.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import protocol.Request;

/**
 * One request on its way through the pool: the connection offers it, a worker runs the handler,
 * the connection awaits the response. The hand-off is a {@link CompletableFuture}, so the
 * connection's virtual thread parks and no platform thread waits for it.
 */
public final class Exchange {

    private final Request request;
    private final String client;
    private final CompletableFuture<Response> response = new CompletableFuture<>();
    private volatile String worker = "-";
    private volatile boolean cancelled;

    public Exchange(Request request, String client) {
        this.request = request;
        this.client = client;
    }

    /** Runs on a worker: the handler's response, or its failure, completes the exchange. */
    void run(Handler handler) {
        worker = Thread.currentThread().getName();
        if (cancelled) {
            response.completeExceptionally(new NotRunException());
            return;
        }
        try {
            response.complete(handler.handle(request));
        } catch (Throwable failure) {
            response.completeExceptionally(failure);
            if (failure instanceof VirtualMachineError error) {
                throw error;
            }
        }
    }

    /**
     * Asks that the handler not run: the client gave up on the request (an HTTP/2 stream reset).
     * A handler already running finishes, and its response is not sent.
     */
    public void cancel() {
        cancelled = true;
    }

    /** Ends the exchange without a response (the pool closed before it ran). */
    void abandon() {
        response.completeExceptionally(new NotRunException());
    }

    /** Waits for the handler; its exception, if it threw, is the cause of the thrown one. */
    Response await() throws ExecutionException, InterruptedException {
        return response.get();
    }

    /** The worker that ran the handler, {@code -} if none did. */
    public String worker() {
        return worker;
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
