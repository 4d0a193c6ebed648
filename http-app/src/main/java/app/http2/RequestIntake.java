package app.http2;

import app.handler.Response;
import app.server.Endpoint;
import app.server.Forwarding;
import app.server.ServerContext;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import protocol.Status;
import protocol.hpack.HeaderField;
import protocol.http2.ErrorCode;
import protocol.http2.FlowWindow;
import protocol.http2.Frame;
import protocol.http2.Http2Exception;
import protocol.http2.Http2Limits;
import protocol.http2.RequestFields;

/**
 * What the frames of request streams mean for their requests (RFC 9113 §8.1): a new stream's
 * head judged as HTTP/1 judges one before its body, DATA kept within its content-length and the
 * body limit and the windows granted for it, trailers checked. Once a request is complete, or
 * refused early, its stream is started. Owned by the connection's reader.
 */
final class RequestIntake {

    /** The connection-level window the server grants for request bodies, beyond the 65 535 of §6.9.2. */
    static final int CONNECTION_WINDOW = 1 << 20;

    private final ServerContext context;
    private final Endpoint endpoint;
    private final String client;
    private final InetSocketAddress peer;
    private final Http2Limits limits;
    private final StreamTable streams;
    private final SendWindows windows;
    private final FrameWriter writer;
    private final FloodGuard flood;
    private final Consumer<Http2Stream> start;
    private FlowWindow receiveWindow = new FlowWindow(0, CONNECTION_WINDOW);

    /** @param start runs a stream whose request is complete or refused; called at most once per stream */
    RequestIntake(ServerContext context, Endpoint endpoint, String client, InetSocketAddress peer, Http2Limits limits,
            StreamTable streams, SendWindows windows, FrameWriter writer, FloodGuard flood,
            Consumer<Http2Stream> start) {
        this.context = context;
        this.endpoint = endpoint;
        this.client = client;
        this.peer = peer;
        this.limits = limits;
        this.streams = streams;
        this.windows = windows;
        this.writer = writer;
        this.flood = flood;
        this.start = start;
    }

    /**
     * The stream error a second field section on an open stream ends with, once its block is
     * decoded (§4.3): none for trailers, which end the stream (§8.1).
     */
    static Optional<Http2Exception.Reason> secondSection(Http2Stream stream, boolean endStream) {
        if (stream.remoteClosed) {
            return Optional.of(Http2Exception.Reason.STREAM_CLOSED);
        }
        if (!endStream) {
            return Optional.of(Http2Exception.Reason.MALFORMED_TRAILERS);
        }
        return Optional.empty();
    }

    /** A new stream with its field section: refused past the concurrency limit, else judged and taken. */
    void open(int id, List<HeaderField> fields, boolean endStream) throws Http2Exception {
        if (streams.active() >= limits.maxConcurrentStreams()) {
            // §5.1.2: past the advertised limit, the stream is refused; the client may retry it.
            flood.reset();
            writer.control(new Frame.RstStream(id, ErrorCode.REFUSED_STREAM));
            return;
        }
        var stream = new Http2Stream(id, limits.initialWindowSize());
        stream.head = RequestFields.head(id, fields);
        stream.origin = Forwarding.origin(context, peer, stream.head.headers());
        stream.client = Forwarding.client(stream.origin, client);
        stream.requestId = context.responses().requestId(stream.head);
        stream.contentLength = stream.head.contentLength();
        windows.open(stream);
        streams.add(stream);
        // The checks every request passes (Host, expectation, redirect), and when a body follows,
        // the handler's own judgement before it is read, as HTTP/1 does with 100-continue.
        Optional<Response> refusal = endpoint.check(stream.head, stream.client, stream.requestId,
                Forwarding.saysHttps(stream.origin));
        if (!endStream) {
            refusal = refusal.or(() -> context.handler().screen(stream.head));
            if (refusal.isEmpty() && stream.contentLength.orElse(0) > context.config().maxBody()) {
                refusal = Optional.of(context.errors().page(Status.CONTENT_TOO_LARGE));
            }
        }
        stream.refusal = refusal;
        if (endStream) {
            if (stream.contentLength.orElse(0) != 0) {
                // §8.1.1: a content-length the (absent) DATA does not match.
                throw Http2Exception.stream(Http2Exception.Reason.CONTENT_LENGTH_MISMATCH, id);
            }
            endOfRequest(stream);
        } else if (refusal.isPresent()) {
            startOnce(stream);
        }
    }

    /**
     * Trailers end the request (§8.1): checked (no pseudo-header fields, §8.3; the body as long as
     * its content-length), then discarded, as on HTTP/1.
     */
    void trailers(Http2Stream stream, List<HeaderField> fields) throws Http2Exception {
        for (HeaderField field : fields) {
            if (field.name().startsWith(":")) {
                throw Http2Exception.stream(Http2Exception.Reason.MISPLACED_PSEUDO_HEADER, stream.id);
            }
        }
        checkLength(stream);
        endOfRequest(stream);
    }

    void data(Frame.Data data) throws Http2Exception {
        int id = data.streamId();
        int length = data.flowControlledLength();
        receiveWindow = receiveWindow.consume(length);
        if (length > 0) {
            receiveWindow = receiveWindow.grow(length);
            writer.control(new Frame.WindowUpdate(0, length));
        }
        Optional<Http2Stream> open = streams.find(id);
        if (open.isEmpty()) {
            streams.checkNotIdle(id);
            // A stream already answered and closed, or reset: data still in flight is dropped
            // (§5.1), and counted, so that a peer cannot make the server busy with it.
            flood.control();
            return;
        }
        Http2Stream stream = open.get();
        if (stream.remoteClosed) {
            // §6.1: DATA on a stream whose client side has ended.
            throw Http2Exception.stream(Http2Exception.Reason.STREAM_CLOSED, id);
        }
        if (data.data().length() == 0 && !data.endStream()) {
            // Empty DATA, padded or not, asks for nothing: counted (CVE-2019-9518).
            flood.control();
        }
        stream.receiveWindow = stream.receiveWindow.consume(length);
        if (!data.endStream() && length > 0) {
            stream.receiveWindow = stream.receiveWindow.grow(length);
            writer.control(new Frame.WindowUpdate(id, length));
        }
        if (stream.refusal.isEmpty()) {
            keep(stream, data);
        }
        if (data.endStream()) {
            checkLength(stream);
            endOfRequest(stream);
        }
    }

    private void keep(Http2Stream stream, Frame.Data data) throws Http2Exception {
        long received = stream.received() + (long) data.data().length();
        if (stream.contentLength.isPresent() && received > stream.contentLength.getAsLong()) {
            throw Http2Exception.stream(Http2Exception.Reason.CONTENT_LENGTH_MISMATCH, stream.id);
        }
        if (received > context.config().maxBody()) {
            stream.refusal = Optional.of(context.errors().page(Status.CONTENT_TOO_LARGE));
            stream.discardBody();
            startOnce(stream);
        } else {
            stream.receive(data.data().toByteArray());
        }
    }

    /** At the end of a request that is not refused, the body is as long as its content-length (§8.1.1). */
    private static void checkLength(Http2Stream stream) throws Http2Exception {
        if (stream.refusal.isEmpty() && stream.contentLength.isPresent()
                && stream.received() != stream.contentLength.getAsLong()) {
            throw Http2Exception.stream(Http2Exception.Reason.CONTENT_LENGTH_MISMATCH, stream.id);
        }
    }

    /** The client ended its side: the request is complete and may run. */
    private void endOfRequest(Http2Stream stream) {
        stream.remoteClosed = true;
        startOnce(stream);
    }

    private void startOnce(Http2Stream stream) {
        if (!stream.started) {
            stream.started = true;
            start.accept(stream);
        }
    }
}
