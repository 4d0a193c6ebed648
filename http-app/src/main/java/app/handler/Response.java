package app.handler;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import protocol.Body;
import protocol.Headers;
import protocol.Status;

/**
 * What a handler answers: a status, the fields that describe the content, and the body. The
 * protocol adds the framing and connection fields ({@code Date}, {@code Server},
 * {@code Content-Length}, and on HTTP/1 {@code Connection} and {@code Keep-Alive}), and decides
 * whether the connection goes on.
 */
public record Response(Status status, Headers headers, ResponseBody body) {

    public Response {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /** A response with an in-memory body of the given type. */
    public static Response of(Status status, String contentType, byte[] content) {
        return new Response(status, Headers.of("Content-Type", contentType),
                ResponseBody.Bytes.of(Body.of(content)));
    }

    /** A UTF-8 text response of the given type. */
    public static Response of(Status status, String contentType, String content) {
        return of(status, contentType, content.getBytes(StandardCharsets.UTF_8));
    }

    /** This response with one more header field. */
    public Response with(String name, String value) {
        return new Response(status, headers.with(name, value), body);
    }
}
