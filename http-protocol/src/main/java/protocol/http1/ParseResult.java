package protocol.http1;

import protocol.Request;
import protocol.RequestHead;

/** What one call of {@link RequestParser#parse} produced. */
public sealed interface ParseResult {

    /** The shared "need more" value. */
    NeedMore NEED_MORE = new NeedMore();

    /** Every byte offered was consumed and no request is complete yet. */
    record NeedMore() implements ParseResult {}

    /**
     * The head of a request that has a body is complete and no body byte was consumed yet: the caller may
     * answer {@code 100 Continue} or reject early; the next call continues with the body.
     *
     * @param head the validated head
     */
    record HeadReady(RequestHead head) implements ParseResult {}

    /**
     * A whole request; the parser is ready for the next one.
     *
     * @param request the request
     */
    record Complete(Request request) implements ParseResult {}
}
