package app.handler;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import protocol.Body;
import protocol.Headers;
import protocol.Status;

/**
 * What a handler answers: a status, the fields that describe the content, and the body. The
 * connection adds the framing and connection fields ({@code Date}, {@code Server},
 * {@code Content-Length}, {@code Connection}, {@code Keep-Alive}).
 *
 * @param close whether the connection must close after this response
 */
public record Response(Status status, Headers headers, ResponseBody body, boolean close) {

    public Response {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /** A response that leaves the connection as the request wants it. */
    public Response(Status status, Headers headers, ResponseBody body) {
        this(status, headers, body, false);
    }

    /** A response with an in-memory body of the given type. */
    public static Response of(Status status, String contentType, byte[] content) {
        return new Response(status, Headers.of("Content-Type", contentType),
                new ResponseBody.Bytes(Body.of(content)));
    }

    /** A UTF-8 text response of the given type. */
    public static Response of(Status status, String contentType, String content) {
        return of(status, contentType, content.getBytes(StandardCharsets.UTF_8));
    }

    /** This response, asking the connection to close after it. */
    public Response closing() {
        return close ? this : new Response(status, headers, body, true);
    }

    /** This response with one more header field. */
    public Response with(String name, String value) {
        return new Response(status, headers.with(name, value), body, close);
    }
}
