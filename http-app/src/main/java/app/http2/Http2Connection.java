package app.http2;

import app.server.Endpoint;
import app.server.ServerConnection;
import app.server.ServerContext;
import app.transport.Transport;
import app.transport.Watchdog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import protocol.hpack.HeaderField;
import protocol.http2.ErrorCode;
import protocol.http2.FlowWindow;
import protocol.http2.Frame;
import protocol.http2.Http2Exception;
import protocol.http2.Http2Limits;
import protocol.http2.Octets;
import protocol.http2.Settings;

/**
 * One HTTP/2 connection (RFC 9113). Its own virtual thread reads and judges every frame, in
 * order; a {@link FrameWriter} on a second one writes; each request stream, once complete, gets
 * a virtual thread that takes it through the same pool and handlers as HTTP/1. A stream error
 * resets that stream only; a connection error sends GOAWAY with its code and closes (§5.4).
 * The reader's parts: {@link FrameReader} (bytes to frames), {@link HeaderBlocks} (HEADERS and
 * CONTINUATION to field sections), {@link StreamTable} (streams and their identifiers),
 * {@link RequestIntake} (frames to requests), {@link ConnectionControl} (SETTINGS, PING,
 * WINDOW_UPDATE) and {@link FloodGuard} (what the peer may cost).
 */
public final class Http2Connection implements ServerConnection {

    private static final Logger log = LoggerFactory.getLogger(Http2Connection.class);

    private final Transport transport;
    private final ServerContext context;
    private final String client;
    private final Http2Limits limits;
    private final Watchdog watchdog;
    private final Watchdog.Deadline readDeadline;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final SendWindows windows;
    private final StreamTable streams = new StreamTable();
    private final FloodGuard flood;
    private final HeaderBlocks blocks;
    private final RequestIntake intake;
    private final ConnectionControl control;
    /** A stream refused by a stream error whose header block must still be decoded. */
    private int refusedStream;
    /** The stream error a header block in progress ends with, once decoded (§4.3). */
    private Optional<Http2Exception.Reason> blockError = Optional.empty();
    private volatile boolean goingAway;
    /**
     * Held while the reader arms its deadline and while a stream ends, so that the connection
     * that empties is always given its idle timeout: the reader may be blocked in a read with
     * no deadline when the last stream ends.
     */
    private final Object idleLock = new Object();

    /**
     * A connection over {@code transport}; {@code writeDeadline} watches its writes.
     *
     * @param received bytes already read from the client (the preface, or part of it), ready to be read
     */
    public Http2Connection(Transport transport, Watchdog.Deadline writeDeadline, ServerContext context,
            Endpoint endpoint, Http2Limits limits, ByteBuffer received) {
        this.transport = transport;
        this.context = context;
        this.client = transport.client();
        this.limits = limits;
        this.watchdog = context.watchdog();
        var config = context.config();
        this.windows = new SendWindows(watchdog, config.writeTimeout());
        this.writer = new FrameWriter(transport, writeDeadline, config.writeTimeout(),
                (int) Math.min(limits.headerTableSize(), Settings.DEFAULTS.headerTableSize()),
                Settings.DEFAULTS.maxFrameSize(), windows);
        writer.onStreamEnding(streams::ending);
        this.readDeadline = watchdog.deadline(this::timedOut);
        this.reader = new FrameReader(transport, readDeadline, limits.maxFrameSize(), received);
        var responder = new StreamResponder(context, writer, windows, client, transport.scheme(),
                endpoint.responseFields(), config.writeTimeout(), this::finished);
        this.flood = new FloodGuard(limits, watchdog::now);
        this.blocks = new HeaderBlocks(limits, flood);
        this.intake = new RequestIntake(context, endpoint, client, transport.peer(), limits, streams, windows, writer,
                flood, responder::start);
        this.control = new ConnectionControl(writer, windows, streams, flood);
    }

    /** Serves the connection until it ends; returns once its writer has closed it. */
    public void serve() {
        context.lifecycle().opened(this);
        watchdog.watch(readDeadline);
        Thread writerThread = Thread.ofVirtual().name("http2-writer").start(writer::run);
        try {
            // The preface and the first SETTINGS must come within the head timeout.
            long until = watchdog.now() + context.config().headTimeout().toNanos();
            reader.preface(until);
            writer.control(new Frame.Settings(limits.settings()));
            writer.control(new Frame.WindowUpdate(0, RequestIntake.CONNECTION_WINDOW - FlowWindow.INITIAL));
            Frame first = reader.next(() -> readDeadline.armUntil(until));
            if (!(first instanceof Frame.Settings settings) || settings.ack()) {
                // §3.4: the preface is followed by a SETTINGS frame.
                throw Http2Exception.connection(Http2Exception.Reason.PREFACE_NOT_SETTINGS);
            }
            handle(first);
            while (true) {
                Frame frame;
                try {
                    frame = reader.next(this::armRead);
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
        } catch (RuntimeException e) {
            log.error("{}: unexpected failure", client, e);
            goAway(ErrorCode.INTERNAL_ERROR);
        } finally {
            // Nothing more can be sent: handlers not yet run will not run, those running are cancelled.
            streams.all().forEach(this::abandon);
            windows.close().forEach(ParkedBody::end);
            writer.finish();
            join(writerThread);
            reader.linger();
            watchdog.release(readDeadline);
            context.lifecycle().closed(this);
        }
    }

    /**
     * Sets when the next frame must have come: while a request body is incomplete, within the
     * head timeout; while nothing is open, within the keep-alive timeout; otherwise no limit (the
     * responses in progress have their own write timeouts, and the last of them to end starts
     * the keep-alive timeout).
     */
    private void armRead() {
        var config = context.config();
        synchronized (idleLock) {
            if (streams.isEmpty()) {
                readDeadline.arm(config.keepAlive().toNanos());
            } else if (streams.receiving()) {
                readDeadline.arm(config.headTimeout().toNanos());
            } else {
                readDeadline.disarm();
            }
        }
    }

    /**
     * A stream error: RST_STREAM with its code (§5.4.2); the connection goes on. A stream the
     * client's mistake ended is a reset it caused, counted as its own resets are, so that a flood
     * of malformed requests (empty HEADERS, for one) is cut off as Rapid Reset is.
     */
    private void resetStream(Http2Exception e) throws Http2Exception {
        log.debug("{}: HTTP/2 stream {} error {} ({})", client, e.streamId(), e.code(), e.reason());
        streams.find(e.streamId()).ifPresent(this::abandon);
        writer.control(new Frame.RstStream(e.streamId(), e.code()));
        flood.reset();
    }

    /**
     * The read deadline passed: nothing in progress was going to end, so say goodbye (§6.8) and
     * close, which also ends the reader's wait.
     */
    private void timedOut() {
        if (reader.lingering()) {
            transport.abort();
            return;
        }
        goAway(ErrorCode.NO_ERROR);
        writer.finishAndClose();
    }

    private void handle(Frame frame) throws Http2Exception {
        blocks.admit(frame);
        switch (frame) {
            case Frame.Settings settings -> control.settings(settings);
            case Frame.Ping ping -> control.ping(ping);
            case Frame.Headers headers -> onHeaders(headers);
            case Frame.Continuation continuation -> onBlock(blocks.continuation(continuation));
            case Frame.Data data -> intake.data(data);
            case Frame.RstStream reset -> onReset(reset);
            case Frame.WindowUpdate update -> control.windowUpdate(update);
            case Frame.Priority priority -> flood.control();
            case Frame.GoAway away -> onGoAway();
            case Frame.PushPromise promise -> throw Http2Exception.connection(Http2Exception.Reason.PUSH_PROMISE_RECEIVED);
            case Frame.Unknown unknown -> flood.control();
        }
    }

    private void onHeaders(Frame.Headers headers) throws Http2Exception {
        Optional<Http2Stream> known = streams.find(headers.streamId());
        if (known.isEmpty()) {
            streams.checkNew(headers.streamId());
        }
        blockError = known.flatMap(stream -> RequestIntake.secondSection(stream, headers.endStream()));
        onBlock(blocks.headers(headers));
    }

    /** A header block, once complete: a new request, or trailers; either way decoded first (§4.3). */
    private void onBlock(Optional<HeaderBlocks.Block> complete) throws Http2Exception {
        if (complete.isEmpty()) {
            return;
        }
        int id = complete.get().streamId();
        Optional<Http2Stream> known = streams.find(id);
        switch (complete.get()) {
            case HeaderBlocks.TooLarge tooLarge -> {
                if (known.isEmpty()) {
                    streams.seen(id);
                }
                throw Http2Exception.stream(Http2Exception.Reason.HEADER_LIST_TOO_LARGE, id);
            }
            case HeaderBlocks.Decoded decoded -> onFields(decoded, known);
        }
    }

    private void onFields(HeaderBlocks.Decoded block, Optional<Http2Stream> known) throws Http2Exception {
        int id = block.streamId();
        List<HeaderField> fields = block.fields();
        if (known.isPresent()) {
            // §4.3: even a block that is refused is decoded, to keep the table in step.
            if (blockError.isPresent()) {
                throw Http2Exception.stream(blockError.get(), id);
            }
            intake.trailers(known.get(), fields);
            return;
        }
        streams.opened(id);
        context.metrics().http2().streamOpened();
        // A frame that broke a stream rule only had to bring its block to the decoder; a
        // connection going away takes no new stream.
        if (id == refusedStream || goingAway || writer.finishing()) {
            return;
        }
        intake.open(id, fields, block.endStream());
    }

    /** A stream is over: its response sent, or given up. */
    private void finished(Http2Stream stream) {
        boolean empty;
        synchronized (idleLock) {
            streams.remove(stream.id);
            empty = streams.isEmpty();
            if (empty && !reader.lingering()) {
                // The reader may be waiting without a deadline: the idle connection's starts now.
                readDeadline.arm(context.config().keepAlive().toNanos());
            }
        }
        if (goingAway && empty) {
            writer.finish();
        }
    }

    private void onReset(Frame.RstStream reset) throws Http2Exception {
        streams.checkNotIdle(reset.streamId());
        Optional<Http2Stream> stream = streams.find(reset.streamId());
        if (stream.isEmpty()) {
            // A stream already closed: nothing to do, and counted, as any frame that asks for nothing.
            flood.control();
            return;
        }
        // Rapid Reset (CVE-2023-44487): streams opened and reset before their answer are counted.
        flood.reset();
        abandon(stream.get());
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
            writer.control(new Frame.GoAway(streams.highest(), code, Octets.EMPTY));
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
