package protocol.http1;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

import protocol.BodyBuffer;
import protocol.Headers;
import protocol.Method;
import protocol.ProtocolException;
import protocol.ProtocolException.Reason;
import protocol.Request;
import protocol.RequestHead;

/**
 * An incremental, strict HTTP/1.1 request parser (RFC 9112). Feed it bytes as they arrive; it answers
 * {@link ParseResult.NeedMore}, {@link ParseResult.HeadReady} or {@link ParseResult.Complete}. It copies
 * at most one line of the head and one body, each within its {@link Limits}. Not thread-safe: one per
 * connection. After a {@link ProtocolException} it is unusable and rethrows it.
 */
public final class RequestParser {

    /** RFC 9112 §2.2: at least one empty line before a request SHOULD be ignored; we ignore a few, not forever. */
    static final int MAX_EMPTY_LINES = 8;

    private enum State { REQUEST_LINE, HEADERS, FIXED_BODY, CHUNKED_BODY }

    private final Limits limits;
    private final LineReader line = new LineReader();
    private final BodyBuffer body = new BodyBuffer();
    private final ChunkedDecoder chunked;

    private State state;
    private int emptyLines;
    private RequestLine requestLine;
    private Headers.Builder headers;
    private int headerBytes;
    private RequestHead head;
    private long bodyRemaining;
    private ProtocolException failure;

    /** A parser enforcing {@code limits}. */
    public RequestParser(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.chunked = new ChunkedDecoder(limits, line, body);
        nextRequest();
    }

    /**
     * Consumes bytes from {@code buf}, advancing its position, and never past the end of the current request:
     * bytes of a following pipelined request stay in {@code buf}. {@link ParseResult.NeedMore} means every
     * byte was consumed.
     *
     * @throws ProtocolException if the bytes are not a request this server accepts; the connection must close
     */
    public ParseResult parse(ByteBuffer buf) throws ProtocolException {
        if (failure != null) {
            throw failure;
        }
        try {
            return step(buf);
        } catch (ProtocolException e) {
            failure = e;
            throw e;
        }
    }

    /** Whether no byte of a next request was consumed since the last complete one. */
    public boolean idle() {
        return state == State.REQUEST_LINE && emptyLines == 0 && !line.started() && failure == null;
    }

    /**
     * Whether nothing but empty lines was consumed since the last complete request: no request
     * has begun yet, since a server ignores empty lines before a request line (RFC 9112 §2.2).
     */
    public boolean awaitingRequestLine() {
        return state == State.REQUEST_LINE && !line.started() && failure == null;
    }

    /**
     * The method of the request being parsed, once its request line is read: lets the caller
     * answer a rejected HEAD request without content (RFC 9110 §9.3.2).
     */
    public Optional<Method> method() {
        if (requestLine != null) {
            return Optional.of(requestLine.method());
        }
        return head == null ? Optional.empty() : Optional.of(head.method());
    }

    private ParseResult step(ByteBuffer buf) throws ProtocolException {
        while (true) {
            switch (state) {
                case REQUEST_LINE -> {
                    if (!line.read(buf)) {
                        return ParseResult.NEED_MORE;
                    }
                    requestLine();
                }
                case HEADERS -> {
                    if (!line.read(buf)) {
                        return ParseResult.NEED_MORE;
                    }
                    if (fieldLine()) {
                        return endOfHead();
                    }
                }
                case FIXED_BODY -> {
                    int n = (int) Math.min(bodyRemaining, buf.remaining());
                    body.append(buf, n, bodyRemaining + body.length());
                    bodyRemaining -= n;
                    return bodyRemaining == 0 ? complete() : ParseResult.NEED_MORE;
                }
                case CHUNKED_BODY -> {
                    return chunked.read(buf) ? complete() : ParseResult.NEED_MORE;
                }
            }
        }
    }

    private void requestLine() throws ProtocolException {
        if (line.length() == 0) {
            if (++emptyLines > MAX_EMPTY_LINES) {
                throw new ProtocolException(Reason.TOO_MANY_EMPTY_LINES);
            }
            line.begin(limits.maxRequestLineBytes(), Reason.REQUEST_LINE_TOO_LONG);
            return;
        }
        requestLine = RequestLine.parse(line.bytes(), line.length());
        headers = Headers.builder();
        headerBytes = 0;
        state = State.HEADERS;
        beginFieldLine();
    }

    private void beginFieldLine() {
        // The CRLF of each field line counts towards the header section; the final empty line does not.
        line.begin(Math.max(0, limits.maxHeaderBytes() - headerBytes - 2), Reason.HEADER_SECTION_TOO_LARGE);
    }

    /** Handles one line of the header section; returns true at the empty line that ends it. */
    private boolean fieldLine() throws ProtocolException {
        int len = line.length();
        if (len == 0) {
            return true;
        }
        if (headers.size() == limits.maxHeaderCount()) {
            throw new ProtocolException(Reason.TOO_MANY_FIELDS);
        }
        Headers.Field field = FieldLine.parse(line.bytes(), len);
        headers.add(field.name(), field.value());
        headerBytes += len + 2;
        beginFieldLine();
        return false;
    }

    private ParseResult endOfHead() throws ProtocolException {
        RequestLine rl = requestLine;
        RequestTarget target = RequestTarget.parse(rl.target(), rl.method());
        head = new RequestHead(rl.method(), rl.target(), target.form(), target.path(), target.query(),
                rl.version(), headers.build());
        HeadValidator.validate(head, target.authority(), limits);
        requestLine = null;
        headers = null;
        if (head.chunked()) {
            state = State.CHUNKED_BODY;
            chunked.begin();
            return new ParseResult.HeadReady(head);
        }
        // RFC 9112 §6.3: a request with neither Content-Length nor Transfer-Encoding has no body.
        bodyRemaining = head.contentLength().orElse(0);
        if (bodyRemaining == 0) {
            return complete();
        }
        state = State.FIXED_BODY;
        return new ParseResult.HeadReady(head);
    }

    private ParseResult complete() {
        Request request = new Request(head, body.take());
        head = null;
        nextRequest();
        return new ParseResult.Complete(request);
    }

    private void nextRequest() {
        state = State.REQUEST_LINE;
        emptyLines = 0;
        line.shrink();
        line.begin(limits.maxRequestLineBytes(), Reason.REQUEST_LINE_TOO_LONG);
    }
}
