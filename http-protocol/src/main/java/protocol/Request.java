package protocol;

import java.util.Objects;
import java.util.Optional;

/**
 * A complete request: its head and its (decoded) body.
 *
 * @param head the head
 * @param body the body, {@link Body#EMPTY} when there is none
 */
public record Request(RequestHead head, Body body) {

    /** Checks that both parts are present. */
    public Request {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(body, "body");
    }

    /** The request method. */
    public Method method() {
        return head.method();
    }

    /** The request-target as received. */
    public String target() {
        return head.target();
    }

    /** The raw, still percent-encoded path. */
    public String path() {
        return head.path();
    }

    /** The query without its {@code ?}, if any. */
    public Optional<String> query() {
        return head.query();
    }

    /** The protocol version. */
    public Version version() {
        return head.version();
    }

    /** The header fields. */
    public Headers headers() {
        return head.headers();
    }
}
