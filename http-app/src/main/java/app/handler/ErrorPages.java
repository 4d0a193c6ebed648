package app.handler;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import protocol.Status;

/**
 * The small HTML page every error carries: a title, an {@code <h1>} with code and reason, one
 * sentence, and the server's name. It never echoes request bytes, so it cannot reflect markup.
 */
public final class ErrorPages {

    private static final Map<Integer, String> SENTENCES = Map.ofEntries(
            Map.entry(400, "The request could not be understood."),
            Map.entry(403, "You do not have permission to access this resource."),
            Map.entry(404, "The requested resource was not found on this server."),
            Map.entry(405, "The method is not allowed for this resource."),
            Map.entry(406, "The resource is not available in any content coding the request accepts."),
            Map.entry(408, "The request was not received in time."),
            Map.entry(411, "The request needs a Content-Length."),
            Map.entry(412, "A precondition of the request did not hold."),
            Map.entry(413, "The request body is larger than this server accepts."),
            Map.entry(414, "The request target is longer than this server accepts."),
            Map.entry(415, "The request body must be JSON (Content-Type: application/json)."),
            Map.entry(416, "The requested range is not satisfiable."),
            Map.entry(417, "The expectation given in the request cannot be met."),
            Map.entry(431, "The request header fields are too large."),
            Map.entry(500, "The server failed to complete the request."),
            Map.entry(501, "The server does not support this method or feature."),
            Map.entry(503, "The server is busy; please retry in a moment."),
            Map.entry(505, "The HTTP version is not supported; use HTTP/1.1."),
            Map.entry(507, "The server has no room left to store the upload."));

    private final String serverName;
    /** The standard pages built so far, by status code; their bodies are read-only views. */
    private final Map<Integer, Response> standard = new ConcurrentHashMap<>();
    private final Response busy;

    /** Pages signed with {@code serverName}, such as {@code http-server/1.0}. */
    public ErrorPages(String serverName) {
        this.serverName = Html.escape(serverName);
        this.busy = page(Status.SERVICE_UNAVAILABLE).with("Retry-After", "1");
    }

    /**
     * The page for {@code status} with its standard sentence: built once, then shared, as a
     * server under load answers the same 503 many times and its bytes may wait long to be sent.
     */
    public Response page(Status status) {
        return standard.computeIfAbsent(status.code(),
                code -> page(status, SENTENCES.getOrDefault(code, "The request failed.")));
    }

    /** The answer to a request the pool has no room for: 503 with {@code Retry-After: 1}, shared. */
    public Response busy() {
        return busy;
    }

    /** The page for {@code status} with a sentence of the server's own (never request bytes). */
    public Response page(Status status, String sentence) {
        String title = status.code() + " " + Html.escape(status.reason());
        String html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>" + title
                + "</title></head>\n<body>\n<h1>" + title + "</h1>\n<p>" + Html.escape(sentence)
                + "</p>\n<hr>\n<address>" + serverName + "</address>\n</body>\n</html>\n";
        return Response.of(status, "text/html; charset=utf-8", html);
    }
}
