package app.http2;

import app.handler.Response;
import app.server.Exchange;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.OptionalLong;
import protocol.RequestHead;
import protocol.http2.FlowWindow;
import protocol.proxy.TrustedProxies;

/**
 * One request stream of an HTTP/2 connection. The reader fills in the request as its frames
 * arrive; once the request is complete, or refused early, a virtual thread of the stream's own
 * runs it through the pool and sends the response. Fields marked "reader" belong to the
 * connection's reader; {@link #sendWindow} to {@link SendWindows}, under its lock.
 */
final class Http2Stream {

    final int id;
    /** Reader: the request head, once its field section is decoded. */
    RequestHead head;
    /** Reader: the client as a trusted proxy names it, else the connection's; set with the head. */
    String client;
    /** Reader: what a trusted proxy says of the request's client, if the peer is one; set with the head. */
    Optional<TrustedProxies.Origin> origin = Optional.empty();
    /** Reader: the declared {@code content-length}, checked against the DATA received (RFC 9113 §8.1.1). */
    OptionalLong contentLength = OptionalLong.empty();
    /** Reader: the request body so far; none until its first byte, as most requests have no body. */
    private ByteArrayOutputStream body;
    /** Whether the client ended its side (END_STREAM received, or a reset); written by the reader. */
    volatile boolean remoteClosed;
    /** The request's id, given when its answer is started (before any thread but the reader's sees the stream). */
    String requestId = "-";
    /** Reader: when present, the answer sent without running a handler; the rest of the body is discarded. */
    Optional<Response> refusal = Optional.empty();
    /** Reader: whether the stream's thread was started. */
    boolean started;
    /** Reader: what the client may still send on this stream (§6.9). */
    FlowWindow receiveWindow;
    /** What the server may still send on this stream; guarded by {@link SendWindows}. */
    FlowWindow sendWindow;
    /** DATA frames sent on this stream and not yet followed by a WINDOW_UPDATE; guarded by {@link SendWindows}. */
    int unacknowledged;
    /** Set when the client resets the stream or the connection ends: nothing more is sent. */
    volatile boolean reset;
    /** The exchange in the pool, to cancel on a reset. */
    volatile Exchange exchange;
    /** Whether the stream stopped counting against the concurrency limit; guarded by this. */
    private boolean slotReleased;

    Http2Stream(int id, int receiveWindow) {
        this.id = id;
        this.receiveWindow = FlowWindow.stream(id, receiveWindow);
    }

    /** Marks the stream's place under the concurrency limit free; true the first time only. */
    synchronized boolean releaseSlot() {
        boolean first = !slotReleased;
        slotReleased = true;
        return first;
    }

    /** Reader: the bytes of the request body received so far. */
    long received() {
        return body == null ? 0 : body.size();
    }

    /** Reader: more of the request body. */
    void receive(byte[] bytes) {
        if (body == null) {
            body = new ByteArrayOutputStream(bytes.length);
        }
        body.writeBytes(bytes);
    }

    /** Reader: forgets the body received so far (it is refused). */
    void discardBody() {
        body = null;
    }

    /** The request body, once complete; the stream keeps no copy. */
    byte[] takeBody() {
        byte[] bytes = body == null ? new byte[0] : body.toByteArray();
        body = null;
        return bytes;
    }
}
