package app.handler;

import app.ResponseHeaders;
import java.util.Optional;
import protocol.Headers;
import protocol.Method;
import protocol.RequestHead;
import protocol.Status;

/**
 * The answer to a CORS preflight (Fetch standard, "CORS-preflight request"): an {@code OPTIONS}
 * with {@code Origin} and {@code Access-Control-Request-Method}, from an origin {@code --cors}
 * allows. It tells the browser which methods and request fields the server takes, and how long
 * to remember that. The origin itself is added as on every answer, by the listener's policy. A
 * request from another origin, or a plain {@code OPTIONS}, is left to the router as before.
 */
final class Preflight {

    /** The methods a script on another origin may use: what this server serves. */
    static final String METHODS = "GET, HEAD, POST, OPTIONS";
    /** The request fields a script may set beyond the CORS-safelisted ones. */
    static final String REQUEST_FIELDS = "Content-Type, Content-Encoding, Range, If-Match, If-None-Match, "
            + "If-Modified-Since, If-Unmodified-Since, If-Range, X-Request-Id";

    private final Optional<ResponseHeaders.Cors> cors;
    private final Response answer;

    /** Preflights answered for {@code cors}; none when it is empty. */
    Preflight(Optional<ResponseHeaders.Cors> cors) {
        this.cors = cors;
        this.answer = new Response(Status.NO_CONTENT, Headers.of(
                "Access-Control-Allow-Methods", METHODS,
                "Access-Control-Allow-Headers", REQUEST_FIELDS,
                "Access-Control-Max-Age", Long.toString(ResponseHeaders.DEFAULT_CORS_MAX_AGE.toSeconds())),
                ResponseBody.EMPTY);
    }

    /** The answer when {@code head} is a preflight from an allowed origin. */
    Optional<Response> answer(RequestHead head) {
        if (cors.isEmpty() || !head.method().equals(Method.OPTIONS)
                || !head.headers().contains("Access-Control-Request-Method")) {
            return Optional.empty();
        }
        Optional<String> origin = head.headers().first("Origin");
        return origin.isPresent() && cors.get().allows(origin.get()) ? Optional.of(answer) : Optional.empty();
    }
}
