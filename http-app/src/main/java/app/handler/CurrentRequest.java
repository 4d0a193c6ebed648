package app.handler;

import protocol.Request;

/**
 * The id of the request a handler runs for, set on the worker for the time the handler runs, so
 * that what a handler logs of a request names it as the request and access logs do.
 */
public final class CurrentRequest {

    private static final ThreadLocal<String> ID = new ThreadLocal<>();

    private CurrentRequest() {}

    /** Runs {@code handler} for {@code request}, known as {@code requestId} while it runs. */
    public static Response handle(Handler handler, Request request, String requestId) {
        ID.set(requestId);
        try {
            return handler.handle(request);
        } finally {
            ID.remove();
        }
    }

    /** The id of the request being handled, {@code -} outside a handler. */
    static String id() {
        String id = ID.get();
        return id == null ? "-" : id;
    }
}
