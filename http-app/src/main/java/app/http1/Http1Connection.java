package app.http1;

import app.handler.Response;
import app.server.Endpoint;
import app.server.Exchange;
import app.server.Forwarding;
import app.server.ServerConnection;
import app.server.ServerContext;
import app.transport.Transport;
import app.transport.Watchdog;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import protocol.Expectation;
import protocol.ProtocolException;
import protocol.Request;
import protocol.RequestHead;
import protocol.Status;
import protocol.Version;
import protocol.http1.ParseResult;
import protocol.http1.RequestParser;
import protocol.proxy.TrustedProxies;

/**
 * One HTTP/1 connection, on its own virtual thread: reads and parses requests, hands complete
 * ones to the pool, writes the responses in order, and owns every timeout. It is the single
 * error boundary for its transport: protocol errors become error pages, a client that goes away
 * is not an error, and anything unexpected is logged once and answered with 500. It decides
 * whether the connection goes on after each response.
 */
public final class Http1Connection implements ServerConnection {

    private static final Logger log = LoggerFactory.getLogger(Http1Connection.class);
    /** Reads inside a request (a long head, a body) go to a buffer of this size. */
    private static final int REQUEST_BUFFER_SIZE = 16 * 1024;
    /**
     * Waiting for a request reads into a buffer this small, which is all an idle connection
     * holds; it takes the whole head of most requests in one read.
     */
    public static final int WAITING_BUFFER_SIZE = 2 * 1024;
    /** A body must arrive at least this fast (bytes per second) after the head's allowance. */
    private static final long MIN_BODY_RATE = 8 * 1024;

    private enum Phase { IDLE, HEAD, BODY, HANDLING, WRITING }

    /** A request phase ran out of time: answered with 408 unless the connection was idle. */
    private static final class RequestTimeout extends Exception {
        private static final long serialVersionUID = 1L;

        RequestTimeout(Phase phase) {
            super(phase + " timeout", null, false, false);
        }
    }

    private final Transport transport;
    private final InputStream input;
    private final ServerContext context;
    private final Endpoint endpoint;
    private final String client;
    private final Watchdog.Deadline deadline;
    private final ResponseWriter writer;
    private final RequestParser parser;
    private final ByteBuffer waitingBuffer;
    /** Allocated when a request needs more than one read, dropped when the connection idles. */
    private ByteBuffer requestBuffer;
    /** The buffer holding the bytes read and not yet parsed: one of the two above. */
    private ByteBuffer buffer;
    private volatile Phase phase = Phase.IDLE;
    private int served;
    private boolean responded;
    /** Whether the current request's head has been judged already (when its body was read after). */
    private boolean admitted;
    /** The current request's head, once read. */
    private Optional<RequestHead> currentHead = Optional.empty();
    /** The current request's id, once it has one. */
    private Optional<String> requestId = Optional.empty();

    /**
     * A connection over {@code transport}, whose watched steps use {@code deadline}.
     *
     * @param received bytes already read from the client (ready to be read, in a buffer of
     *                 {@link #WAITING_BUFFER_SIZE}), possibly none
     */
    public Http1Connection(Transport transport, Watchdog.Deadline deadline, ServerContext context, Endpoint endpoint,
            ByteBuffer received) {
        this.transport = transport;
        this.input = transport.input();
        this.context = context;
        this.endpoint = endpoint;
        this.client = transport.client();
        this.deadline = deadline;
        this.parser = new RequestParser(context.limits());
        this.waitingBuffer = received;
        this.buffer = received;
        var config = context.config();
        this.writer = new ResponseWriter(transport, deadline, config.writeTimeout(), config.keepAlive(),
                endpoint.responseFields(), context.responses());
    }

    /** Serves requests until the client is done, a timeout or an error ends the connection. */
    public void serve() {
        context.lifecycle().opened(this);
        try {
            serveRequests();
        } catch (ProtocolException e) {
            log.debug("{}: rejected request: {} ({})", client, e.status().code(), e.reason());
            answerAndClose(context.errors().page(e.status()));
        } catch (RequestTimeout e) {
            log.debug("{}: {}", client, e.getMessage());
            answerAndClose(context.errors().page(Status.REQUEST_TIMEOUT));
        } catch (IOException e) {
            // The client went away or reset the connection: not a server error.
            log.debug("{}: connection ended: {}", client, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("{}: unexpected failure (request {})", client, requestId(), e);
            answerAndClose(context.errors().page(Status.INTERNAL_SERVER_ERROR));
        } finally {
            context.lifecycle().closed(this);
        }
    }

    private void serveRequests() throws IOException, ProtocolException, InterruptedException, RequestTimeout {
        while (true) {
            Optional<Request> request = readRequest();
            if (request.isEmpty() || !respond(request.get())) {
                return;
            }
        }
    }

    /** The next request, or empty when the client is done (or an early answer closed it). */
    private Optional<Request> readRequest() throws IOException, ProtocolException, RequestTimeout {
        phase = Phase.IDLE;
        responded = false;
        admitted = false;
        currentHead = Optional.empty();
        requestId = Optional.empty();
        var config = context.config();
        long start = clock();
        long idleDeadline = start + (served == 0 ? config.headTimeout() : config.keepAlive()).toNanos();
        long headDeadline = Long.MAX_VALUE;
        long bodyStart = 0;
        long bodyBytes = 0;
        while (true) {
            if (phase == Phase.IDLE && buffer.hasRemaining()) {
                phase = Phase.HEAD;
                headDeadline = clock() + config.headTimeout().toNanos();
            }
            if (phase == Phase.IDLE && context.lifecycle().stopping()) {
                return Optional.empty();
            }
            switch (parser.parse(buffer)) {
                case ParseResult.Complete complete -> {
                    if (!admitted) {
                        identify(complete.request().head());
                    }
                    return Optional.of(complete.request());
                }
                case ParseResult.HeadReady ready -> {
                    long refusedAt = System.nanoTime();
                    identify(ready.head());
                    var origin = Forwarding.origin(context, transport.peer(), ready.head().headers());
                    Optional<Response> refusal = admit(ready.head(), origin);
                    if (refusal.isPresent()) {
                        // The body is not read: the connection cannot go on after the answer.
                        long sent = answerAndClose(Forwarding.secured(context, transport.scheme(), origin,
                                refusal.get()));
                        if (sent >= 0) {
                            context.accessLog().record(Forwarding.client(origin, client), transport.scheme(),
                                    ready.head(), refusal.get().status(), sent, refusedAt, "-", requestId());
                        }
                        return Optional.empty();
                    }
                    phase = Phase.BODY;
                    bodyStart = clock();
                }
                case ParseResult.NeedMore needMore -> {
                    if (phase == Phase.HEAD && parser.awaitingRequestLine()) {
                        // Only empty lines, which are ignored: still waiting for a request.
                        phase = Phase.IDLE;
                    }
                    long until = switch (phase) {
                        case IDLE -> idleDeadline;
                        case HEAD -> headDeadline;
                        default -> bodyStart + config.headTimeout().toNanos()
                                + TimeUnit.SECONDS.toNanos(bodyBytes) / MIN_BODY_RATE;
                    };
                    int read = fill(until);
                    if (read < 0) {
                        if (phase != Phase.IDLE) {
                            log.debug("{}: closed in the middle of a request", client);
                        }
                        return Optional.empty();
                    }
                    if (phase == Phase.BODY) {
                        bodyBytes += read;
                    }
                }
            }
        }
    }

    /** Takes {@code requestHead} as the current request's, and gives the request its id. */
    private void identify(RequestHead requestHead) {
        currentHead = Optional.of(requestHead);
        requestId = Optional.of(context.responses().requestId(requestHead));
    }

    /** The current request's id: a new one when its head could not be read. */
    private String requestId() {
        if (requestId.isEmpty()) {
            requestId = Optional.of(context.responses().requestId());
        }
        return requestId.get();
    }

    /**
     * Judges a head whose body has not been read: the common checks and the handler's own
     * screen. Answers {@code 100 Continue} when the client waits for it (RFC 9110 §10.1.1).
     */
    private Optional<Response> admit(RequestHead head, Optional<TrustedProxies.Origin> origin) throws IOException {
        admitted = true;
        Optional<Response> refusal = endpoint.check(head, Forwarding.client(origin, client), requestId(),
                Forwarding.saysHttps(origin)).or(() -> context.handler().screen(head));
        if (refusal.isEmpty() && head.expectation() == Expectation.CONTINUE) {
            writer.writeContinue();
        }
        return refusal;
    }

    /** Handles and answers one request; whether the connection stays open. */
    private boolean respond(Request request) throws IOException, InterruptedException {
        served++;
        phase = Phase.HANDLING;
        long started = System.nanoTime();
        RequestHead head = request.head();
        var origin = Forwarding.origin(context, transport.peer(), head.headers());
        String requestClient = Forwarding.client(origin, client);
        var exchange = new Exchange(request, requestClient, requestId());
        Optional<Response> refusal = admitted ? Optional.empty()
                : endpoint.check(head, requestClient, exchange.requestId(), Forwarding.saysHttps(origin));
        Response response;
        // A refused request, a failed handler or a stopping server end the connection.
        boolean close;
        if (refusal.isPresent()) {
            response = refusal.get();
            close = true;
        } else {
            Exchange.Outcome outcome = context.dispatch(exchange);
            response = outcome.response();
            close = !outcome.connectionMayContinue();
        }
        response = Forwarding.secured(context, transport.scheme(), origin, response);
        var config = context.config();
        // RFC 9112 §6.3: without chunks, a body of unknown length ends with the connection.
        boolean chunked = head.version() == Version.HTTP_1_1;
        boolean keepAlive = head.keepAlive() && served < config.maxRequests() && !close
                && !context.lifecycle().stopping() && (chunked || response.body().lengthKnown());
        phase = Phase.WRITING;
        responded = true;
        long sent = writer.write(Optional.of(head.method()), head.target(), Optional.of(head), exchange.requestId(),
                response, keepAlive, config.maxRequests() - served, chunked);
        context.accessLog().record(requestClient, transport.scheme(), head, response.status(), sent, started,
                exchange.worker(), exchange.requestId());
        return keepAlive;
    }

    /**
     * Reads more bytes into the buffer before {@code until} (a value of the watchdog's clock);
     * -1 at end of stream. The wait for a next request is left to the watchdog, which closes
     * the connection when it overstays: a timed read would arm and cancel a scheduler timer for
     * every request on a keep-alive connection. A request already begun is read with a timeout,
     * since running out of time then is answered with 408.
     */
    private int fill(long until) throws IOException, RequestTimeout {
        long remaining = until - clock();
        if (remaining <= 0) {
            throw new RequestTimeout(phase);
        }
        makeRoom();
        try {
            if (phase == Phase.IDLE) {
                return readWatched(until);
            }
            transport.readTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
            return read();
        } catch (SocketTimeoutException e) {
            throw new RequestTimeout(phase);
        } finally {
            buffer.flip();
        }
    }

    /** A read with no timeout of its own: the watchdog closes the connection at {@code until}. */
    private int readWatched(long until) throws IOException, RequestTimeout {
        transport.readTimeout(0);
        deadline.armUntil(until);
        int read = -1;
        IOException failure = null;
        try {
            read = read();
        } catch (IOException e) {
            failure = e;
        }
        if (!deadline.disarm()) {
            // Closed by the watchdog, possibly just after bytes arrived: they are not acted on.
            throw new RequestTimeout(phase);
        }
        if (failure != null) {
            throw failure;
        }
        return read;
    }

    /**
     * Readies a buffer for the next read, moving over any bytes not yet parsed: the small one
     * while waiting for a request (the large one is let go then), the large one inside a request.
     */
    private void makeRoom() {
        ByteBuffer target;
        if (phase == Phase.IDLE) {
            requestBuffer = null;
            target = waitingBuffer;
        } else {
            if (requestBuffer == null) {
                requestBuffer = ByteBuffer.allocate(REQUEST_BUFFER_SIZE).flip();
            }
            target = requestBuffer;
        }
        if (target == buffer) {
            buffer.compact();
        } else {
            target.clear().put(buffer);
            buffer = target;
        }
        if (!buffer.hasRemaining()) {
            // The parser takes every byte it is given; a full buffer means it did not.
            throw new IllegalStateException("read buffer full");
        }
    }

    private long clock() {
        return context.watchdog().now();
    }

    private int read() throws IOException {
        int read = input.read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        if (read > 0) {
            buffer.position(buffer.position() + read);
        }
        return read;
    }

    /**
     * Sends a final answer when nothing was sent for the current request yet, then closes
     * gracefully: the client gets the response even if it is still sending. Returns the body
     * bytes sent, or -1 when nothing was.
     */
    private long answerAndClose(Response response) {
        if (responded || phase == Phase.IDLE || !transport.isOpen()) {
            return -1;
        }
        responded = true;
        try {
            long sent = writer.write(parser.method(), "-", currentHead, requestId(), response, false, 0, false);
            writer.lingeringClose();
            return sent;
        } catch (IOException e) {
            log.debug("{}: could not send the error response: {}", client, e.toString());
            return -1;
        }
    }

    @Override
    public void closeIfIdle() {
        if (phase == Phase.IDLE) {
            try {
                transport.close();
            } catch (IOException e) {
                transport.abort();
            }
        }
    }

    @Override
    public void closeNow() {
        transport.abort();
    }
}
