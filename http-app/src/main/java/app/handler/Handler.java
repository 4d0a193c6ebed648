package app.handler;

import java.util.Optional;
import protocol.Request;
import protocol.RequestHead;

/**
 * Turns a request into a response. Runs on a pool worker; never touches the socket.
 */
public interface Handler {

    /**
     * Judges a head before its body is read (for {@code Expect: 100-continue} and early
     * rejection): empty when the body is welcome, else the final response.
     */
    default Optional<Response> screen(RequestHead head) {
        return Optional.empty();
    }

    /** Handles a complete request. */
    Response handle(Request request);
}
