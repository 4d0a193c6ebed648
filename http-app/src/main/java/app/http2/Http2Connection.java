package app.http2;

import app.handler.Response;
import app.server.Endpoint;
import app.server.ServerConnection;
import app.server.ServerContext;
import app.transport.Transport;
import app.transport.Watchdog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import protocol.Status;
import protocol.hpack.HeaderField;
import protocol.hpack.HpackDecoder;
import protocol.hpack.HpackException;
import protocol.http2.ErrorCode;
import protocol.http2.FlowWindow;
import protocol.http2.Frame;
import protocol.http2.FrameDecoder;
import protocol.http2.FrameResult;
import protocol.http2.Http2Exception;
import protocol.http2.Http2Limits;
import protocol.http2.Octets;
import protocol.http2.Preface;
import protocol.http2.RequestFields;
import protocol.http2.Settings;

/**
 * One HTTP/2 connection (RFC 9113). Its own virtual thread reads and judges every frame, in
 * order; a {@link FrameWriter} on a second one writes; each request stream, once complete, gets
 * a virtual thread that takes it through the same pool and handlers as HTTP/1. A stream error
 * resets that stream only; a connection error sends GOAWAY with its code and closes (§5.4).
 */
public final class Http2Connection implements ServerConnection {

    private static final Logger log = LoggerFactory.getLogger(Http2Connection.class);
    /** Each read takes at most this much; frames are reassembled by the decoder. */
    private static final int READ_SIZE = 16 * 1024;
    /** The connection-level window the server grants for request bodies, beyond the 65 535 of §6.9.2. */
    private static final int CONNECTION_WINDOW = 1 << 20;
    /** Control frames answered and not yet written; past it the peer is not reading them (a ping flood). */
    private static final int MAX_QUEUED_CONTROL = 1_000;
    /** Resets of streams still in progress, per second sustained, and the burst allowed (Rapid Reset). */
    private static final int RESETS_PER_SECOND = 200;
    private static final int RESET_BURST = 400;
    /** SETTINGS, PING, PRIORITY, empty frames, unknown frames: per second sustained, and the burst. */
    private static final int CONTROL_PER_SECOND = 200;
    private static final int CONTROL_BURST = 1_000;
    /** How long, and how much, the end of a connection reads what the client still sends. */
    private static final Duration LINGER = Duration.ofSeconds(2);
    private static final long LINGER_BYTES = 1 << 20;

    private final Transport transport;
    private final InputStream input;
    private final ServerContext context;
    private final Endpoint endpoint;
    private final String client;
    private final Http2Limits limits;
    private final Watchdog watchdog;
    private final Watchdog.Deadline readDeadline;
    private final FrameWriter writer;
    private final SendWindows windows = new SendWindows();
    private final StreamResponder responder;
    private final FrameDecoder decoder;
    private final HpackDecoder hpack;
    private final Map<Integer, Http2Stream> streams = new ConcurrentHashMap<>();
    private final RateBudget resets;
    private final RateBudget control;
    private final ByteBuffer buffer;
    private Settings peer = Settings.DEFAULTS;
    private FlowWindow receiveWindow = new FlowWindow(0, CONNECTION_WINDOW);
    private volatile int highestStreamId;
    /** The stream whose header block continues in CONTINUATION frames, 0 when none does (§6.10). */
    private int continuing;
    private final ByteArrayOutputStream block = new ByteArrayOutputStream();
    private boolean blockEndsStream;
    /** A stream refused by a stream error whose header block must still be decoded. */
    private int refusedStream;
    /** The stream error a header block in progress ends with, once decoded (§4.3). */
    private Optional<Http2Exception.Reason> blockError = Optional.empty();
    /** The client-initiated streams opened, by identifier / 2: a lower new one is unexpected (§5.1.1). */
    private final BitSet opened = new BitSet();
    private volatile boolean goingAway;
    /** Set once the writer is done: the read deadline then only has to end the linger. */
    private volatile boolean lingering;

    /**
     * A connection over {@code transport}; {@code writeDeadline} watches its writes.
     *
     * @param received bytes already read from the client (the preface, or part of it), ready to be read
     */
    public Http2Connection(Transport transport, Watchdog.Deadline writeDeadline, ServerContext context,
            Endpoint endpoint, Http2Limits limits, ByteBuffer received) {
        this.transport = transport;
        this.input = transport.input();
        this.context = context;
        this.endpoint = endpoint;
        this.client = transport.client();
        this.limits = limits;
        this.watchdog = context.watchdog();
        var config = context.config();
        this.writer = new FrameWriter(transport, writeDeadline, config.writeTimeout(),
                (int) Math.min(limits.headerTableSize(), Settings.DEFAULTS.headerTableSize()),
                Settings.DEFAULTS.maxFrameSize());
        this.readDeadline = watchdog.deadline(this::timedOut);
        this.responder = new StreamResponder(context, writer, windows, client, transport.scheme(),
                endpoint.responseFields(), config.writeTimeout());
        this.decoder = new FrameDecoder(limits.maxFrameSize());
        this.hpack = new HpackDecoder(limits.headerTableSize(), limits.maxHeaderListSize());
        long now = watchdog.now();
        this.resets = new RateBudget(RESETS_PER_SECOND, RESET_BURST, now);
        this.control = new RateBudget(CONTROL_PER_SECOND, CONTROL_BURST, now);
        this.buffer = ByteBuffer.allocate(Math.max(READ_SIZE, received.remaining()));
        buffer.put(received).flip();
    }

    /** Serves the connection until it ends; returns once its writer has closed it. */
    public void serve() {
        context.lifecycle().opened(this);
        watchdog.watch(readDeadline);
        Thread writerThread = Thread.ofVirtual().name("http2-writer").start(writer::run);
        try {
            // The preface and the first SETTINGS must come within the head timeout.
            long until = watchdog.now() + context.config().headTimeout().toNanos();
            readPreface(until);
            writer.control(new Frame.Settings(limits.settings()));
            writer.control(new Frame.WindowUpdate(0, CONNECTION_WINDOW - FlowWindow.INITIAL));
            Frame first = next(until);
            if (!(first instanceof Frame.Settings settings) || settings.ack()) {
                // §3.4: the preface is followed by a SETTINGS frame.
                throw Http2Exception.connection(Http2Exception.Reason.PREFACE_NOT_SETTINGS);
            }
            handle(first);
            while (true) {
                Frame frame;
                try {
                    frame = next();
                } catch (Http2Exception e) {
                    if (e.scope() != Http2Exception.Scope.STREAM) {
                        throw e;
                    }
                    // The frame broke a rule of its stream only; a HEADERS frame still updates HPACK.
                    resetStream(e);
                    if (e.frame().isEmpty()) {
                        continue;
                    }
                    refusedStream = e.streamId();
                    frame = e.frame().get();
                }
                try {
                    handle(frame);
                } catch (Http2Exception e) {
                    if (e.scope() != Http2Exception.Scope.STREAM) {
                        throw e;
                    }
                    resetStream(e);
                }
            }
        } catch (Http2Exception e) {
            log.debug("{}: HTTP/2 connection error {} ({})", client, e.code(), e.reason());
            goAway(e.code());
        } catch (IOException e) {
            log.debug("{}: HTTP/2 connection ended: {}", client, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("{}: unexpected failure", client, e);
            goAway(ErrorCode.INTERNAL_ERROR);
        } finally {
            streams.values().forEach(stream -> stream.reset = true);
            windows.close();
            writer.finish();
            join(writerThread);
            linger();
            watchdog.release(readDeadline);
            context.lifecycle().closed(this);
        }
    }

    /**
     * After the last frame (GOAWAY) went out with the end of the output, reads and drops what the
     * client still sends for a moment, so that the close does not reset the connection and
     * destroy the GOAWAY before the client has read it.
     */
    private void linger() {
        if (!transport.isOpen()) {
            return;
        }
        lingering = true;
        readDeadline.arm(LINGER.toNanos());
        try {
            byte[] sink = new byte[8192];
            long drained = 0;
            while (drained < LINGER_BYTES) {
                int n = input.read(sink);
                if (n < 0) {
                    break;
                }
                drained += n;
            }
        } catch (IOException e) {
            // Reset, closed, or the linger ran out: the connection is over either way.
        } finally {
            readDeadline.disarm();
            transport.abort();
        }
    }

    // §3.4 and §3.3: the client preface, within the head timeout of the connection's start.
    private void readPreface(long until) throws IOException, Http2Exception {
        while (true) {
            switch (Preface.match(buffer)) {
                case PREFACE -> {
                    buffer.position(buffer.position() + Preface.LENGTH);
                    return;
                }
                case NOT_PREFACE -> throw Http2Exception.connection(Http2Exception.Reason.BAD_PREFACE);
                case NEED_MORE -> {
                    if (fill(until) < 0) {
                        throw new IOException("closed before the preface");
                    }
                }
            }
        }
    }

    /** The next frame; reads as needed, within the allowance of what is in progress. */
    private Frame next() throws IOException, Http2Exception {
        return next(Long.MIN_VALUE);
    }

    /** The next frame, which must come by {@code until}, or by what {@link #readUntil} says when that is MIN_VALUE. */
    private Frame next(long until) throws IOException, Http2Exception {
        while (true) {
            FrameResult result = decoder.decode(buffer);
            if (result instanceof Frame frame) {
                return frame;
            }
            if (fill(until == Long.MIN_VALUE ? readUntil() : until) < 0) {
                throw new IOException("closed by the client");
            }
        }
    }

    /**
     * When the next frame must have come: while a request body is incomplete, within the head
     * timeout; while nothing is open, within the keep-alive timeout; otherwise no limit (the
     * responses in progress have their own write timeouts).
     */
    private long readUntil() {
        var config = context.config();
        if (streams.isEmpty()) {
            return watchdog.now() + config.keepAlive().toNanos();
        }
        for (Http2Stream stream : streams.values()) {
            if (!stream.remoteClosed) {
                return watchdog.now() + config.headTimeout().toNanos();
            }
        }
        return Long.MAX_VALUE;
    }

    private int fill(long until) throws IOException {
        buffer.compact();
        try {
            if (until != Long.MAX_VALUE) {
                readDeadline.armUntil(until);
            }
            int read = input.read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            if (until != Long.MAX_VALUE && !readDeadline.disarm()) {
                throw new IOException("timed out waiting for a frame");
            }
            if (read > 0) {
                buffer.position(buffer.position() + read);
            }
            return read;
        } finally {
            buffer.flip();
        }
    }

    /** A stream error: RST_STREAM with its code (§5.4.2); the connection goes on. */
    private void resetStream(Http2Exception e) {
        log.debug("{}: HTTP/2 stream {} error {} ({})", client, e.streamId(), e.code(), e.reason());
        Http2Stream stream = streams.get(e.streamId());
        if (stream != null) {
            abandon(stream);
        }
        writer.control(new Frame.RstStream(e.streamId(), e.code()));
    }

    /**
     * The read deadline passed: nothing in progress was going to end, so say goodbye (§6.8) and
     * close, which also ends the reader's wait.
     */
    private void timedOut() {
        if (lingering) {
            transport.abort();
            return;
        }
        goAway(ErrorCode.NO_ERROR);
        writer.finishAndClose();
    }

    private void handle(Frame frame) throws Http2Exception, IOException, InterruptedException {
        if (continuing != 0 && !(frame instanceof Frame.Continuation continuation && continuation.streamId() == continuing)) {
            // §6.10: nothing may come between a header block's frames.
            throw Http2Exception.connection(Http2Exception.Reason.EXPECTED_CONTINUATION);
        }
        if (continuing == 0 && frame instanceof Frame.Continuation) {
            // §6.10: a CONTINUATION continues a HEADERS frame without END_HEADERS, or another CONTINUATION.
            throw Http2Exception.connection(Http2Exception.Reason.UNEXPECTED_CONTINUATION);
        }
        switch (frame) {
            case Frame.Settings settings -> onSettings(settings);
            case Frame.Ping ping -> {
                spend(control);
                if (!ping.ack()) {
                    answer(new Frame.Ping(true, ping.opaqueData()));
                }
            }
            case Frame.Headers headers -> onHeaders(headers);
            case Frame.Continuation continuation -> onFragment(continuation.streamId(), continuation.fragment(),
                    continuation.endHeaders());
            case Frame.Data data -> onData(data);
            case Frame.RstStream reset -> onReset(reset);
            case Frame.WindowUpdate update -> onWindowUpdate(update);
            case Frame.Priority priority -> spend(control);
            case Frame.GoAway away -> onGoAway();
            case Frame.PushPromise promise -> throw Http2Exception.connection(Http2Exception.Reason.PUSH_PROMISE_RECEIVED);
            case Frame.Unknown unknown -> spend(control);
        }
    }

    private void onSettings(Frame.Settings settings) throws Http2Exception {
        spend(control);
        if (settings.ack()) {
            return;
        }
        Settings before = peer;
        peer = peer.with(settings.settings());
        if (peer.initialWindowSize() != before.initialWindowSize()) {
            windows.initialStreamWindow(peer.initialWindowSize(), streams.values());
        }
        writer.peerMaxFrameSize(peer.maxFrameSize());
        if (peer.headerTableSize() != before.headerTableSize()) {
            writer.tableSize((int) Math.min(peer.headerTableSize(), Settings.DEFAULTS.headerTableSize()));
        }
        answer(Frame.Settings.ACK);
    }

    /** Queues a frame the protocol requires as an answer, unless the peer does not read them. */
    private void answer(Frame frame) throws Http2Exception {
        if (writer.queuedControlFrames() >= MAX_QUEUED_CONTROL) {
            throw Http2Exception.connection(Http2Exception.Reason.FLOOD);
        }
        writer.control(frame);
    }

    private void spend(RateBudget budget) throws Http2Exception {
        if (!budget.take(watchdog.now())) {
            throw Http2Exception.connection(Http2Exception.Reason.FLOOD);
        }
    }

    private void onHeaders(Frame.Headers headers) throws Http2Exception, InterruptedException {
        int id = headers.streamId();
        Http2Stream known = streams.get(id);
        blockError = Optional.empty();
        if (known == null) {
            // §5.1.1: a new stream's identifier is odd and above every one used before; one the
            // client opened and that has closed since is a frame on a closed stream (§5.1).
            if (id % 2 == 0 || id <= highestStreamId && !opened.get(id >>> 1)) {
                throw Http2Exception.connection(Http2Exception.Reason.INVALID_STREAM_ID);
            }
            if (id <= highestStreamId) {
                throw Http2Exception.connection(Http2Exception.Reason.STREAM_CLOSED);
            }
        } else if (known.remoteClosed) {
            blockError = Optional.of(Http2Exception.Reason.STREAM_CLOSED);
        } else if (!headers.endStream()) {
            // Trailers end the stream (§8.1); a second field section that does not is malformed.
            blockError = Optional.of(Http2Exception.Reason.MALFORMED_TRAILERS);
        }
        if (headers.fragment().length() == 0 && !headers.endHeaders()) {
            spend(control);
        }
        blockEndsStream = headers.endStream();
        block.reset();
        onFragment(id, headers.fragment(), headers.endHeaders());
    }

    // The header block across HEADERS and CONTINUATION is bounded while it arrives (the
    // CONTINUATION flood): nothing past the header list limit is ever buffered.
    private void onFragment(int id, Octets fragment, boolean end) throws Http2Exception,
            InterruptedException {
        if (fragment.length() == 0 && !end && continuing != 0) {
            spend(control);
        }
        if (block.size() + fragment.length() > limits.maxHeaderListSize()) {
            throw Http2Exception.connection(Http2Exception.Reason.HEADER_BLOCK_TOO_LARGE);
        }
        block.writeBytes(fragment.toByteArray());
        if (!end) {
            continuing = id;
            return;
        }
        continuing = 0;
        List<HeaderField> fields;
        Http2Stream known = streams.get(id);
        try {
            fields = hpack.decode(ByteBuffer.wrap(block.toByteArray()));
        } catch (HpackException e) {
            if (e.compressionError()) {
                // The decoder's table can no longer follow the peer's: the connection must end (§4.3).
                throw Http2Exception.connection(Http2Exception.Reason.COMPRESSION);
            }
            // Too large once decoded (an HPACK bomb): the table is still in step, so only the stream ends.
            if (known == null) {
                highestStreamId = id;
            }
            spend(resets);
            throw Http2Exception.stream(Http2Exception.Reason.HEADER_LIST_TOO_LARGE, id);
        }
        if (known != null) {
            // §4.3: even a block that is refused is decoded, to keep the table in step.
            if (blockError.isPresent()) {
                throw Http2Exception.stream(blockError.get(), id);
            }
            trailers(known, fields);
            return;
        }
        highestStreamId = Math.max(highestStreamId, id);
        opened.set(id >>> 1);
        context.metrics().http2().streamOpened();
        if (id == refusedStream) {
            // The frame broke a stream rule: its block only had to reach the decoder.
            return;
        }
        if (goingAway || writer.finishing()) {
            return;
        }
        if (streams.size() >= limits.maxConcurrentStreams()) {
            // §5.1.2: past the advertised limit, the stream is refused; the client may retry it.
            spend(resets);
            writer.control(new Frame.RstStream(id, ErrorCode.REFUSED_STREAM));
            return;
        }
        var stream = new Http2Stream(id, limits.initialWindowSize());
        stream.head = RequestFields.head(id, fields);
        stream.contentLength = stream.head.contentLength();
        windows.open(stream);
        streams.put(id, stream);
        // The checks every request passes (Host, expectation, redirect), and when a body follows,
        // the handler's own judgement before it is read, as HTTP/1 does with 100-continue.
        Optional<Response> refusal = endpoint.check(stream.head, client);
        if (!blockEndsStream) {
            refusal = refusal.or(() -> context.handler().screen(stream.head));
            if (refusal.isEmpty() && stream.contentLength.orElse(0) > context.config().maxBody()) {
                refusal = Optional.of(context.errors().page(Status.CONTENT_TOO_LARGE));
            }
        }
        stream.refusal = refusal;
        if (blockEndsStream) {
            if (stream.contentLength.orElse(0) != 0) {
                // §8.1.1: a content-length the (absent) DATA does not match.
                throw Http2Exception.stream(Http2Exception.Reason.CONTENT_LENGTH_MISMATCH, id);
            }
            endOfRequest(stream);
        } else if (refusal.isPresent()) {
            start(stream);
        }
    }

    private void onData(Frame.Data data) throws Http2Exception {
        int id = data.streamId();
        int length = data.flowControlledLength();
        receiveWindow = receiveWindow.consume(length);
        replenish(0, length);
        Http2Stream stream = streams.get(id);
        if (stream == null) {
            if (id > highestStreamId) {
                throw Http2Exception.connection(Http2Exception.Reason.FRAME_ON_IDLE_STREAM);
            }
            // A stream already answered and closed, or reset: data still in flight is dropped
            // (§5.1), and counted, so that a peer cannot make the server busy with it.
            spend(control);
            return;
        }
        if (stream.remoteClosed) {
            // §6.1: DATA on a stream whose client side has ended.
            throw Http2Exception.stream(Http2Exception.Reason.STREAM_CLOSED, id);
        }
        if (length == 0 && !data.endStream()) {
            spend(control);
        }
        stream.receiveWindow = stream.receiveWindow.consume(length);
        if (!data.endStream() && length > 0) {
            stream.receiveWindow = stream.receiveWindow.grow(length);
            writer.control(new Frame.WindowUpdate(id, length));
        }
        if (stream.refusal.isEmpty()) {
            int bytes = data.data().length();
            long received = stream.body.size() + (long) bytes;
            if (stream.contentLength.isPresent() && received > stream.contentLength.getAsLong()) {
                throw Http2Exception.stream(Http2Exception.Reason.CONTENT_LENGTH_MISMATCH, id);
            }
            if (received > context.config().maxBody()) {
                stream.refusal = Optional.of(context.errors().page(Status.CONTENT_TOO_LARGE));
                stream.body.reset();
                start(stream);
            } else {
                stream.body.writeBytes(data.data().toByteArray());
            }
        }
        if (data.endStream()) {
            if (stream.refusal.isEmpty() && stream.contentLength.isPresent()
                    && stream.body.size() != stream.contentLength.getAsLong()) {
                throw Http2Exception.stream(Http2Exception.Reason.CONTENT_LENGTH_MISMATCH, id);
            }
            endOfRequest(stream);
        }
    }

    private void replenish(int id, int length) throws Http2Exception {
        if (length > 0) {
            receiveWindow = receiveWindow.grow(length);
            writer.control(new Frame.WindowUpdate(id, length));
        }
    }

    /**
     * Trailers end the request (§8.1): checked (no pseudo-header fields, §8.3; the body as long as
     * its content-length), then discarded, as on HTTP/1.
     */
    private void trailers(Http2Stream stream, List<HeaderField> fields) throws Http2Exception {
        for (HeaderField field : fields) {
            if (field.name().startsWith(":")) {
                throw Http2Exception.stream(Http2Exception.Reason.MISPLACED_PSEUDO_HEADER, stream.id);
            }
        }
        if (stream.refusal.isEmpty() && stream.contentLength.isPresent()
                && stream.body.size() != stream.contentLength.getAsLong()) {
            throw Http2Exception.stream(Http2Exception.Reason.CONTENT_LENGTH_MISMATCH, stream.id);
        }
        endOfRequest(stream);
    }

    /** The client ended its side: the request is complete and may run. */
    private void endOfRequest(Http2Stream stream) {
        stream.remoteClosed = true;
        start(stream);
    }

    private void start(Http2Stream stream) {
        if (stream.started) {
            return;
        }
        stream.started = true;
        Thread.ofVirtual().name("http2-stream-" + stream.id).start(() -> run(stream));
    }

    private void run(Http2Stream stream) {
        try {
            responder.respond(stream);
            if (!stream.remoteClosed && !stream.reset) {
                // §8.1: answered before the request ended; the rest of it is not wanted.
                writer.control(new Frame.RstStream(stream.id, ErrorCode.NO_ERROR));
            }
        } catch (IOException e) {
            log.debug("{}: stream {} ended: {}", client, stream.id, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("{}: stream {} failed", client, stream.id, e);
            writer.control(new Frame.RstStream(stream.id, ErrorCode.INTERNAL_ERROR));
        } finally {
            streams.remove(stream.id);
            if (goingAway && streams.isEmpty()) {
                writer.finish();
            }
        }
    }

    private void onReset(Frame.RstStream reset) throws Http2Exception {
        int id = reset.streamId();
        if (id > highestStreamId) {
            throw Http2Exception.connection(Http2Exception.Reason.FRAME_ON_IDLE_STREAM);
        }
        Http2Stream stream = streams.get(id);
        if (stream == null) {
            return;
        }
        // Rapid Reset (CVE-2023-44487): streams opened and reset before their answer are counted.
        spend(resets);
        abandon(stream);
    }

    /** Nothing more is sent or received on {@code stream}; a handler not yet run will not run. */
    private void abandon(Http2Stream stream) {
        stream.reset = true;
        stream.remoteClosed = true;
        var exchange = stream.exchange;
        if (exchange != null) {
            exchange.cancel();
        }
        windows.wake();
        if (!stream.started) {
            streams.remove(stream.id);
        }
    }

    private void onWindowUpdate(Frame.WindowUpdate update) throws Http2Exception {
        int id = update.streamId();
        if (id == 0) {
            windows.growConnection(update.increment());
            return;
        }
        if (id > highestStreamId) {
            throw Http2Exception.connection(Http2Exception.Reason.FRAME_ON_IDLE_STREAM);
        }
        Http2Stream stream = streams.get(id);
        if (stream == null || !stream.started) {
            // A window for a stream with nothing to send: allowed, and counted against floods.
            spend(control);
            if (stream == null) {
                return;
            }
        }
        windows.growStream(stream, update.increment());
    }

    private void onGoAway() {
        // The client will open no more streams; those in progress finish.
        goingAway = true;
        if (streams.isEmpty()) {
            writer.finish();
        }
    }

    /** Queues GOAWAY with the last stream this connection took (§6.8), once. */
    private synchronized void goAway(ErrorCode code) {
        if (!goingAway || code != ErrorCode.NO_ERROR) {
            goingAway = true;
            writer.control(new Frame.GoAway(highestStreamId, code, Octets.EMPTY));
            context.metrics().http2().goAwaySent(code);
        }
        if (code != ErrorCode.NO_ERROR) {
            writer.finish();
        }
    }

    /** Graceful stop: GOAWAY, and the streams in progress finish; an idle connection closes now. */
    @Override
    public void closeIfIdle() {
        goAway(ErrorCode.NO_ERROR);
        if (streams.isEmpty()) {
            writer.finish();
        }
    }

    @Override
    public void closeNow() {
        transport.abort();
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
