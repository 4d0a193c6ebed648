package protocol.proxy;

import java.util.Objects;

/** What {@link ProxyHeaderParser#parse} found in the bytes so far. */
public sealed interface ProxyResult {

    /** A complete, valid header of {@code length} bytes, which the parser consumed. */
    record Parsed(ProxyHeader header, int length) implements ProxyResult {

        public Parsed {
            Objects.requireNonNull(header, "header");
        }
    }

    /** The bytes so far may begin a valid header: read more, then ask again with all of them. */
    record NeedMore() implements ProxyResult {}

    /** The bytes are no valid header, whatever may follow. */
    record Rejected(ProxyRejection reason) implements ProxyResult {

        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
