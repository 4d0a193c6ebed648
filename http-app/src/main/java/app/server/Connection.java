package app.server;

import app.handler.Response;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import protocol.Expectation;
import protocol.ParseResult;
import protocol.ProtocolException;
import protocol.Request;
import protocol.RequestHead;
import protocol.RequestParser;
import protocol.Status;

/**
 * One client connection, on its own virtual thread: reads and parses requests, hands complete
 * ones to the pool, writes the responses in order, and owns every timeout. It is the single
 * error boundary for its socket: protocol errors become error pages, a client that goes away is
 * not an error, and anything unexpected is logged once and answered with 500.
 */
final class Connection implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    /** Reads inside a request (a long head, a body) go to a buffer of this size. */
    private static final int REQUEST_BUFFER_SIZE = 16 * 1024;
    /**
     * Waiting for a request reads into a buffer this small, which is all an idle connection
     * holds; it takes the whole head of most requests in one read.
     */
    private static final int WAITING_BUFFER_SIZE = 2 * 1024;
    /** A body must arrive at least this fast (bytes per second) after the head's allowance. */
    private static final long MIN_BODY_RATE = 8 * 1024;

    private enum Phase { IDLE, HEAD, BODY, HANDLING, WRITING }

    private final SocketChannel channel;
    private final Socket socket;
    private final InputStream input;
    private final ServerContext context;
    private final String client;
    private final Watchdog.Deadline deadline;
    private final ResponseWriter writer;
    private final Runnable onClose;
    private final RequestParser parser;
    private final ByteBuffer waitingBuffer = ByteBuffer.allocate(WAITING_BUFFER_SIZE).flip();
    /** Allocated when a request needs more than one read, dropped when the connection idles. */
    private ByteBuffer requestBuffer;
    /** The buffer holding the bytes read and not yet parsed: one of the two above. */
    private ByteBuffer buffer = waitingBuffer;
    private volatile Phase phase = Phase.IDLE;
    private int served;
    private boolean responded;

    Connection(SocketChannel channel, ServerContext context, Runnable onClose) throws IOException {
        this.channel = channel;
        this.socket = channel.socket();
        this.input = socket.getInputStream();
        this.context = context;
        this.client = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
        this.onClose = onClose;
        this.parser = new RequestParser(context.limits());
        this.deadline = new Watchdog.Deadline(channel);
        this.writer = new ResponseWriter(channel, context, client, deadline);
    }

    @Override
    public void run() {
        context.lifecycle().opened(this);
        context.watchdog().watch(deadline);
        try {
            serve();
        } catch (ProtocolException e) {
            log.debug("{}: rejected request: {} ({})", client, e.status().code(), e.reason());
            answerAndClose(context.errors().page(e.status()));
        } catch (RequestTimeoutException e) {
            log.debug("{}: {} timed out", client, e.phase);
            answerAndClose(context.errors().page(Status.REQUEST_TIMEOUT));
        } catch (IOException e) {
            // The client went away or reset the connection: not a server error.
            log.debug("{}: connection ended: {}", client, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("{}: unexpected failure", client, e);
            answerAndClose(context.errors().page(Status.INTERNAL_SERVER_ERROR));
        } finally {
            closeNow();
            context.watchdog().release(deadline);
            context.lifecycle().closed(this);
            onClose.run();
        }
    }

    private void serve() throws IOException, ProtocolException, InterruptedException {
        while (true) {
            Optional<Request> request = readRequest();
            if (request.isEmpty() || !respond(request.get())) {
                return;
            }
        }
    }

    /** The next request, or empty when the client is done (or an early answer closed it). */
    private Optional<Request> readRequest() throws IOException, ProtocolException {
        phase = Phase.IDLE;
        responded = false;
        var config = context.config();
        long start = System.nanoTime();
        long idleDeadline = start + (served == 0 ? config.headTimeout() : config.keepAlive()).toNanos();
        long headDeadline = Long.MAX_VALUE;
        long bodyStart = 0;
        long bodyBytes = 0;
        while (true) {
            if (phase == Phase.IDLE && buffer.hasRemaining()) {
                phase = Phase.HEAD;
                headDeadline = System.nanoTime() + config.headTimeout().toNanos();
            }
            if (phase == Phase.IDLE && context.lifecycle().stopping()) {
                return Optional.empty();
            }
            switch (parser.parse(buffer)) {
                case ParseResult.Complete complete -> {
                    return Optional.of(complete.request());
                }
                case ParseResult.HeadReady ready -> {
                    Optional<Response> refusal = admit(ready.head());
                    if (refusal.isPresent()) {
                        answerAndClose(refusal.get());
                        return Optional.empty();
                    }
                    phase = Phase.BODY;
                    bodyStart = System.nanoTime();
                }
                case ParseResult.NeedMore needMore -> {
                    if (phase == Phase.HEAD && parser.awaitingRequestLine()) {
                        // Only empty lines, which are ignored: still waiting for a request.
                        phase = Phase.IDLE;
                    }
                    long deadline = switch (phase) {
                        case IDLE -> idleDeadline;
                        case HEAD -> headDeadline;
                        default -> bodyStart + config.headTimeout().toNanos()
                                + TimeUnit.SECONDS.toNanos(bodyBytes) / MIN_BODY_RATE;
                    };
                    int read = fill(deadline);
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

    /**
     * Judges a head whose body has not been read: Host, expectation, and the handler's own
     * screen. Answers {@code 100 Continue} when the client waits for it (RFC 9110 §10.1.1).
     */
    private Optional<Response> admit(RequestHead head) throws IOException {
        Optional<Response> refusal = check(head).or(() -> context.handler().screen(head));
        if (refusal.isEmpty() && head.expectation() == Expectation.CONTINUE) {
            writer.writeContinue();
        }
        return refusal;
    }

    /** Host validation (SPEC) and unsupported expectations, common to every request. */
    private Optional<Response> check(RequestHead head) {
        Optional<String> host = head.host();
        if (host.isPresent() && !context.hosts().accepts(host.get())) {
            log.info("{}: Host rejected: '{}' for {} {}", client, host.get(), head.method().name(), head.target());
            return Optional.of(context.errors().page(Status.FORBIDDEN).closing());
        }
        if (head.expectation() == Expectation.UNSUPPORTED) {
            return Optional.of(context.errors().page(Status.EXPECTATION_FAILED).closing());
        }
        return Optional.empty();
    }

    /** Handles and answers one request; whether the connection stays open. */
    private boolean respond(Request request) throws IOException, InterruptedException {
        served++;
        phase = Phase.HANDLING;
        long started = System.nanoTime();
        var exchange = new Exchange(request, client);
        Response response = check(request.head()).orElse(null);
        if (response == null) {
            response = dispatch(exchange);
        }
        var config = context.config();
        boolean keepAlive = request.head().keepAlive() && served < config.maxRequests()
                && !response.close() && !context.lifecycle().stopping();
        phase = Phase.WRITING;
        responded = true;
        long sent = writer.write(Optional.of(request.head().method()), request.head().target(), response, keepAlive,
                config.maxRequests() - served);
        context.accessLog().record(client, request.head(), response.status(), sent, started, exchange.worker());
        return keepAlive;
    }

    /** Offers the request to the pool and waits for the handler's response. */
    private Response dispatch(Exchange exchange) throws InterruptedException {
        var lifecycle = context.lifecycle();
        lifecycle.submitted(exchange);
        try {
            if (!context.pool().offer(exchange)) {
                // Full queue: answer at once; the connection stays usable (SPEC, seed).
                return context.errors().page(Status.SERVICE_UNAVAILABLE).with("Retry-After", "1");
            }
            return exchange.await();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exchange.ServerStoppingException) {
                return context.errors().page(Status.SERVICE_UNAVAILABLE).with("Retry-After", "1").closing();
            }
            log.error("{}: handler failed for {}", client, exchange.describe(), e.getCause());
            return context.errors().page(Status.INTERNAL_SERVER_ERROR).closing();
        } finally {
            lifecycle.finished(exchange);
        }
    }

    /**
     * Reads more bytes into the buffer before {@code until} (a {@link System#nanoTime} value);
     * -1 at end of stream. The wait for a next request is left to the watchdog, which closes
     * the connection when it overstays: a timed read would arm and cancel a scheduler timer for
     * every request on a keep-alive connection. A request already begun is read with a timeout,
     * since running out of time then is answered with 408.
     */
    private int fill(long until) throws IOException {
        long remaining = until - System.nanoTime();
        if (remaining <= 0) {
            throw new RequestTimeoutException(phase);
        }
        makeRoom();
        try {
            if (phase == Phase.IDLE) {
                return readWatched(until);
            }
            socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
            return read();
        } catch (SocketTimeoutException e) {
            throw new RequestTimeoutException(phase);
        } finally {
            buffer.flip();
        }
    }

    /** A read with no timeout of its own: the watchdog closes the connection at {@code until}. */
    private int readWatched(long until) throws IOException {
        socket.setSoTimeout(0);
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
            throw new RequestTimeoutException(phase);
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

    private int read() throws IOException {
        int read = input.read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        if (read > 0) {
            buffer.position(buffer.position() + read);
        }
        return read;
    }

    /**
     * Sends a final answer when nothing was sent for the current request yet, then closes
     * gracefully: the client gets the response even if it is still sending.
     */
    private void answerAndClose(Response response) {
        if (responded || phase == Phase.IDLE || !channel.isOpen()) {
            return;
        }
        responded = true;
        try {
            writer.write(parser.method(), "-", response.closing(), false, 0);
            writer.lingeringClose(input);
        } catch (IOException e) {
            log.debug("{}: could not send the error response: {}", client, e.toString());
        }
    }

    /** Closes the connection if it is waiting for a next request (server stopping). */
    void closeIfIdle() {
        if (phase == Phase.IDLE) {
            closeNow();
        }
    }

    void closeNow() {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("{}: close failed: {}", client, e.toString());
        }
    }

    /** A request phase ran out of time. */
    private static final class RequestTimeoutException extends EOFException {
        private static final long serialVersionUID = 1L;
        private final transient Phase phase;

        RequestTimeoutException(Phase phase) {
            super(phase + " timeout");
            this.phase = phase;
        }
    }
}
