package protocol.proxy;

import java.util.Objects;
import java.util.Optional;

/**
 * One proxy's statement about the connection it received (one element of {@code Forwarded},
 * RFC 7239 §4, or one entry of {@code X-Forwarded-For}): the node it came from and, when said,
 * the scheme it came over.
 *
 * @param from  the {@code for} node; empty when the element does not say
 * @param proto the {@code proto} value, lower case; empty when the element does not say
 */
public record ForwardedElement(Optional<Node> from, Optional<String> proto) {

    public ForwardedElement {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(proto, "proto");
    }
}
