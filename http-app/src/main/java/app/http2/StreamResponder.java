package app.http2;

import app.ServerInfo;
import app.handler.Response;
import app.handler.ResponseBody;
import app.server.Exchange;
import app.server.Forwarding;
import app.server.RequestIds;
import app.server.ServerContext;
import fs.GzipEncoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import protocol.Body;
import protocol.Headers;
import protocol.HttpDate;
import protocol.Method;
import protocol.Request;
import protocol.RequestHead;
import protocol.Status;
import protocol.hpack.HeaderField;
import protocol.http2.ErrorCode;
import protocol.http2.Frame;
import protocol.http2.Octets;

/**
 * Answers request streams: runs each request through the pool (the pool bounds the handlers,
 * never the streams) and sends the response, its body in DATA frames as the peer's windows
 * allow. No thread waits for the handler: the worker that ran it hands the response on. A body
 * held in memory (a cached file, an error page) goes with its HEADERS into the connection's send
 * state, so a stream that only waits for window holds no thread; a body read from a file is sent
 * by a virtual thread of the stream's own, which waits for window. Either way a body that makes
 * no progress for the write timeout resets the stream.
 */
final class StreamResponder {

    private static final Logger log = LoggerFactory.getLogger(StreamResponder.class);
    /**
     * A connection that has a request in the pool queues another only while this part of the
     * queue (a half) stays free besides it; the first request of each connection may take any
     * free place. Past that, 503, as for a full queue.
     */
    static final int SHARED_QUEUE_PART = 2;
    /** Fields that have no meaning in HTTP/2 and must not be sent (RFC 9113 §8.2.2). */
    private static final Set<String> CONNECTION_SPECIFIC =
            Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade");

    /**
     * A field whose value never recurs: in the HPACK table it would only push out entries that do,
     * so it is sent with the never-indexed representation, which no table keeps (RFC 7541 §6.2.3).
     */
    private static final String REQUEST_ID = RequestIds.FIELD.toLowerCase(Locale.ROOT);

    /** The buffer a body compressed as it is sent goes through. */
    private static final int GZIP_CHUNK_BYTES = 16 * 1024;

    private final ServerContext context;
    private final FrameWriter writer;
    private final SendWindows windows;
    private final String client;
    private final String scheme;
    private final Headers endpointFields;
    private final long writeTimeoutNanos;
    private final Consumer<Http2Stream> finished;
    /** This connection's exchanges in the pool, queued or running. */
    private final AtomicInteger inPool = new AtomicInteger();

    /** @param finished told when a stream's thread is done with it, whatever became of it */
    StreamResponder(ServerContext context, FrameWriter writer, SendWindows windows, String client, String scheme,
            Headers endpointFields, Duration writeTimeout, Consumer<Http2Stream> finished) {
        this.context = context;
        this.writer = writer;
        this.windows = windows;
        this.client = client;
        this.scheme = scheme;
        this.endpointFields = endpointFields;
        this.writeTimeoutNanos = writeTimeout.toNanos();
        this.finished = finished;
    }

    /**
     * Answers {@code stream}, whose request is complete or refused: a refusal at once, on the
     * caller's thread; otherwise through the pool, without a thread that waits for it.
     */
    void start(Http2Stream stream) {
        long started = System.nanoTime();
        if (stream.refusal.isPresent()) {
            deliver(stream, stream.refusal.get(), started, "-");
            return;
        }
        var exchange = new Exchange(new Request(stream.head, Body.of(stream.takeBody())), stream.client,
                stream.requestId);
        stream.exchange = exchange;
        if (stream.reset) {
            exchange.cancel();
        }
        // A connection with a request in the pool already shares the queue: many streams at
        // once must not take every place from other clients.
        int keepFree = inPool.getAndIncrement() == 0 ? 0 : context.pool().queueCapacity() / SHARED_QUEUE_PART;
        context.dispatch(exchange, keepFree, outcome -> {
            inPool.decrementAndGet();
            deliver(stream, outcome.response(), started, exchange.worker());
        });
    }

    /**
     * Sends {@code response} on {@code stream}, from whichever thread has it (the reader's, or a
     * worker's): a body in memory goes with its HEADERS into the send state; any other response
     * is sent by a thread of the stream's own.
     */
    private void deliver(Http2Stream stream, Response given, long started, String worker) {
        stream.exchange = null;
        Response response = Forwarding.secured(context, scheme, stream.origin, given);
        try {
            if (stream.reset) {
                closeQuietly(response.body());
                finished.accept(stream);
                return;
            }
            if (response.body() instanceof ResponseBody.Bytes bytes && sendsBody(stream.head.method(), response)) {
                hand(new Answer(stream, bytes, response, started, worker));
                return;
            }
            var entry = new LogEntry(stream.client, stream.head, response.status(), started, worker, stream.requestId);
            Thread.ofVirtual().name("http2-stream-" + stream.id).start(() -> run(stream, response, entry));
        } catch (RuntimeException e) {
            failed(stream, e);
            finished.accept(stream);
        }
    }

    /** On the stream's own thread: sends a response whose body is read from a file, or has no bytes. */
    private void run(Http2Stream stream, Response response, LogEntry entry) {
        try {
            long sent = send(stream, stream.head.method(), response);
            log(entry, sent);
            answered(stream);
        } catch (IOException e) {
            log.debug("{}: stream {} ended: {}", client, stream.id, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failed(stream, e);
        } finally {
            finished.accept(stream);
        }
    }

    private void failed(Http2Stream stream, RuntimeException e) {
        log.error("{}: stream {} failed (request {})", client, stream.id, stream.requestId, e);
        writer.control(new Frame.RstStream(stream.id, ErrorCode.INTERNAL_ERROR));
    }

    /** The whole response is on its way. */
    private void answered(Http2Stream stream) {
        if (!stream.remoteClosed && !stream.reset) {
            // RFC 9113 §8.1: answered before the request ended; the rest of it is not wanted.
            writer.control(new Frame.RstStream(stream.id, ErrorCode.NO_ERROR));
        }
    }

    /** What the access log records of a response once it is over. */
    private record LogEntry(String client, RequestHead head, Status status, long started, String worker,
            String requestId) {}

    private void log(LogEntry entry, long sent) {
        context.accessLog().record(entry.client(), scheme, entry.head(), entry.status(), sent, entry.started(),
                entry.worker(), entry.requestId());
    }

    /**
     * Queues the response with its in-memory body; the writer sends the body as the windows
     * allow, and the stream ends when the body does.
     */
    private void hand(Answer answer) {
        if (!writer.respond(answer)) {
            answer.end();
        }
    }

    /**
     * A response whose body waits in the send state, and what the access log records of it: the
     * response itself, which may be shared (an error page), and no field list until it is written.
     */
    private final class Answer extends ParkedBody {
        private final Response response;
        private final long started;
        private final String worker;

        Answer(Http2Stream stream, ResponseBody.Bytes bytes, Response response, long started, String worker) {
            super(stream, bytes.content());
            this.response = response;
            this.started = started;
            this.worker = worker;
        }

        @Override
        List<HeaderField> fields() {
            return StreamResponder.this.fields(stream, response);
        }

        @Override
        void stalled() {
            resetStalled(stream);
            end();
        }

        @Override
        void end() {
            if (delivered()) {
                answered(stream);
            }
            context.accessLog().record(stream.client, scheme, stream.head, response.status(), sent(), started, worker,
                    stream.requestId);
            finished.accept(stream);
        }
    }

    private static boolean sendsBody(Method method, Response response) {
        ResponseBody body = response.body();
        // A body of unknown length (gzip made as it is sent) has a body all the same.
        return hasBody(response.status()) && !method.equals(Method.HEAD) && !(body instanceof ResponseBody.Unsent)
                && (!body.lengthKnown() || body.length() > 0);
    }

    private long send(Http2Stream stream, Method method, Response response) throws IOException, InterruptedException {
        try (ResponseBody body = response.body()) {
            boolean sendBody = sendsBody(method, response);
            writer.headers(stream.id, fields(stream, response), !sendBody);
            if (!sendBody) {
                return 0;
            }
            return switch (body) {
                case ResponseBody.Bytes bytes -> sendBuffer(stream, bytes.buffer(), true) ? bytes.length() : 0;
                case ResponseBody.FileContent file -> sendFile(stream, file);
                case ResponseBody.GzipFile gzip -> sendGzip(stream, gzip);
                case ResponseBody.Empty empty -> 0;
                case ResponseBody.Unsent unsent -> 0;
            };
        }
    }

    private List<HeaderField> fields(Http2Stream stream, Response response) {
        var fields = new ArrayList<HeaderField>();
        fields.add(new HeaderField(":status", Integer.toString(response.status().code())));
        fields.add(new HeaderField("date", HttpDate.format(Instant.now())));
        fields.add(new HeaderField("server", ServerInfo.SERVER));
        addAll(fields, response.headers());
        addAll(fields, endpointFields);
        // RFC 9113 §8.2: field names are sent in lowercase; the policy's are never connection-specific.
        context.responses().addTo((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            fields.add(new HeaderField(lower, value, lower.equals(REQUEST_ID)));
        }, response, Optional.of(stream.head), stream.requestId);
        int code = response.status().code();
        // RFC 9110 §8.6: no Content-Length on 1xx or 204; a 304 carries the 200's.
        // A body of unknown length is delimited by the END_STREAM of its last DATA frame (§8.1).
        if (code >= 200 && code != 204 && response.body().lengthKnown()) {
            fields.add(new HeaderField("content-length", Long.toString(response.body().length())));
        }
        return fields;
    }

    private static void addAll(List<HeaderField> fields, Headers headers) {
        for (Headers.Field field : headers) {
            // RFC 9113 §8.2: field names are sent in lowercase.
            String name = field.name().toLowerCase(Locale.ROOT);
            if (!CONNECTION_SPECIFIC.contains(name)) {
                fields.add(new HeaderField(name, field.value()));
            }
        }
    }

    private static boolean hasBody(Status status) {
        int code = status.code();
        return code >= 200 && code != 204 && code != 304;
    }

    private long sendFile(Http2Stream stream, ResponseBody.FileContent file) throws IOException, InterruptedException {
        long sent = 0;
        List<ResponseBody.Piece> pieces = file.pieces();
        for (int i = 0; i < pieces.size(); i++) {
            boolean last = i == pieces.size() - 1;
            boolean delivered = switch (pieces.get(i)) {
                case ResponseBody.Literal literal -> sendBuffer(stream, literal.bytes().asReadOnlyBuffer(), last);
                case ResponseBody.Region region -> sendRegion(stream, file.channel(), region, last);
            };
            if (!delivered) {
                return sent;
            }
            sent += pieces.get(i).length();
        }
        return sent;
    }

    /**
     * Sends the file compressed as it is read, through one buffer of {@value #GZIP_CHUNK_BYTES}
     * bytes, in DATA frames as the windows allow; returns the compressed bytes sent.
     */
    private long sendGzip(Http2Stream stream, ResponseBody.GzipFile body) throws IOException, InterruptedException {
        long sent = 0;
        ByteBuffer data = ByteBuffer.allocate(GZIP_CHUNK_BYTES);
        try (GzipEncoder encoder = body.encoder()) {
            while (!encoder.finished()) {
                data.clear();
                encoder.fill(data);
                data.flip();
                int length = data.remaining();
                if (length == 0) {
                    // Nothing was left to carry the end of the stream.
                    writer.data(new Frame.Data(stream.id, Octets.EMPTY, true));
                    return sent;
                }
                if (!sendBuffer(stream, data, encoder.finished())) {
                    return sent;
                }
                sent += length;
            }
        }
        return sent;
    }

    /** Sends the buffer's bytes; false when the stream ended first. */
    private boolean sendBuffer(Http2Stream stream, ByteBuffer bytes, boolean last) throws IOException,
            InterruptedException {
        while (bytes.hasRemaining()) {
            int granted = grant(stream, bytes.remaining());
            if (granted <= 0) {
                return false;
            }
            byte[] chunk = new byte[granted];
            bytes.get(chunk);
            writer.data(new Frame.Data(stream.id, Octets.of(chunk), last && !bytes.hasRemaining()));
        }
        return true;
    }

    /** Sends a region of the file, read a frame at a time; false when the stream ended first. */
    private boolean sendRegion(Http2Stream stream, FileChannel channel, ResponseBody.Region region, boolean last)
            throws IOException, InterruptedException {
        long position = region.position();
        long end = position + region.count();
        while (position < end) {
            int granted = grant(stream, (int) Math.min(end - position, Integer.MAX_VALUE));
            if (granted <= 0) {
                return false;
            }
            var chunk = ByteBuffer.allocate(granted);
            while (chunk.hasRemaining()) {
                if (channel.read(chunk, position + chunk.position()) <= 0) {
                    // The promised length can no longer be kept: the stream must end.
                    throw new IOException("file truncated while sending");
                }
            }
            position += granted;
            writer.data(new Frame.Data(stream.id, Octets.of(chunk.array()), last && position == end));
        }
        return true;
    }

    /** Bytes the stream may send now, up to a frame; 0 or less when it must stop. */
    private int grant(Http2Stream stream, int wanted) throws InterruptedException {
        int granted = windows.acquire(stream, Math.min(wanted, writer.peerMaxFrameSize()), writeTimeoutNanos);
        if (granted == 0) {
            resetStalled(stream);
        }
        return granted;
    }

    /** The peer kept the window closed for the whole write timeout: a reader that stalls. */
    private void resetStalled(Http2Stream stream) {
        log.debug("{}: stream {} reset: its window stayed closed", client, stream.id);
        stream.reset = true;
        writer.control(new Frame.RstStream(stream.id, ErrorCode.CANCEL));
    }

    private static void closeQuietly(ResponseBody body) {
        try {
            body.close();
        } catch (IOException e) {
            // Nothing was sent from it.
        }
    }
}
