package app.http1;

import app.ServerInfo;
import app.handler.Response;
import app.handler.ResponseBody;
import app.server.ResponsePolicy;
import app.transport.Transport;
import app.transport.Watchdog;
import fs.GzipEncoder;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import protocol.Headers;
import protocol.HttpDate;
import protocol.Method;
import protocol.RequestHead;
import protocol.Status;
import protocol.http1.ResponseHead;

/**
 * Writes HTTP/1 responses to one connection: adds the framing and connection fields, sends the
 * head and a small body in one write (a small file body read into it), and larger file regions
 * through the transport (zero-copy where it can). Every write step is watched: one that makes no
 * progress within the write timeout closes the connection.
 */
final class ResponseWriter {

    private static final Logger log = LoggerFactory.getLogger(ResponseWriter.class);
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** The most one watched write step sends: bounds how long a slow but live reader may take. */
    private static final long WRITE_STEP = 256 * 1024;
    private static final long LOG_TRANSFERS_FROM = 1 << 20;
    /**
     * File bodies up to this size (a range, a set of ranges, a file too large for the small-file
     * cache) are read and sent in the head's write: one system call, and no moment at which the
     * peer holds a head without its body.
     */
    static final int GATHER_BYTES = 16 * 1024;
    /** The buffer a body compressed as it is sent goes through: the size of each chunk. */
    private static final int GZIP_CHUNK_BYTES = 16 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Transport transport;
    private final Watchdog.Deadline deadline;
    private final Duration writeTimeout;
    private final Duration keepAliveTimeout;
    private final Headers endpointFields;
    private final ResponsePolicy policy;

    /**
     * A writer whose steps are watched by {@code deadline}.
     *
     * @param endpointFields fields every response on this listener carries (such as HSTS)
     * @param policy         the fields the server adds to every response
     */
    ResponseWriter(Transport transport, Watchdog.Deadline deadline, Duration writeTimeout, Duration keepAliveTimeout,
            Headers endpointFields, ResponsePolicy policy) {
        this.transport = transport;
        this.deadline = deadline;
        this.writeTimeout = writeTimeout;
        this.keepAliveTimeout = keepAliveTimeout;
        this.endpointFields = endpointFields;
        this.policy = policy;
    }

    /** Sends the interim {@code 100 Continue}. */
    void writeContinue() throws IOException {
        write(ByteBuffer.wrap(CONTINUE));
    }

    /**
     * Writes {@code response} to a request for {@code target} whose method is {@code method}
     * (empty when the request line was never read); returns the body bytes sent. Closes the
     * response's body in every case.
     *
     * @param head      the request's head, empty when it could not be read
     * @param requestId the request's id
     * @param remaining the requests this connection may still carry, when it stays open
     * @param chunked   whether the client takes the chunked coding (HTTP/1.1): a body of unknown
     *                  length is sent in chunks, else it ends where the connection does, and the
     *                  caller must not keep the connection
     */
    long write(Optional<Method> method, String target, Optional<RequestHead> head, String requestId,
            Response response, boolean keepAlive, int remaining, boolean chunked) throws IOException {
        try (ResponseBody body = response.body()) {
            Status status = response.status();
            // RFC 9110 §9.3.2: no content in an answer to HEAD, even an error page.
            boolean sendBody = hasBody(status) && !method.equals(Optional.of(Method.HEAD))
                    && !(body instanceof ResponseBody.Unsent);
            ByteBuffer headBytes = ByteBuffer.wrap(head(response, head, requestId, keepAlive, remaining, chunked)
                    .toBytes());
            if (!sendBody) {
                write(headBytes);
                return 0;
            }
            return switch (body) {
                case ResponseBody.Bytes bytes -> {
                    write(headBytes, bytes.buffer());
                    yield bytes.length();
                }
                case ResponseBody.FileContent file when file.length() <= GATHER_BYTES -> {
                    write(headBytes, read(file));
                    yield file.length();
                }
                case ResponseBody.FileContent file -> {
                    write(headBytes);
                    yield send(file, target);
                }
                case ResponseBody.GzipFile gzip -> sendGzip(headBytes, gzip, chunked);
                case ResponseBody.Empty empty -> {
                    write(headBytes);
                    yield 0;
                }
                case ResponseBody.Unsent unsent -> throw new IllegalStateException("unsent body");
            };
        }
    }

    private ResponseHead head(Response response, Optional<RequestHead> request, String requestId, boolean keepAlive,
            int remaining, boolean chunked) {
        var fields = Headers.builder()
                .add("Date", HttpDate.format(Instant.now()))
                .add("Server", ServerInfo.SERVER);
        for (Headers.Field field : response.headers()) {
            fields.add(field.name(), field.value());
        }
        for (Headers.Field field : endpointFields) {
            fields.add(field.name(), field.value());
        }
        policy.addTo(fields::add, response, request, requestId);
        // RFC 9110 §8.6: no Content-Length on 1xx or 204; a 304 carries the 200's.
        if (response.status().code() >= 200 && response.status().code() != 204) {
            if (response.body().lengthKnown()) {
                fields.add("Content-Length", Long.toString(response.body().length()));
            } else if (chunked && hasBody(response.status())) {
                // RFC 9112 §6.1: also on HEAD, whose head is GET's; never on a 304.
                fields.add("Transfer-Encoding", "chunked");
            }
        }
        if (keepAlive) {
            fields.add("Connection", "keep-alive");
            fields.add("Keep-Alive", "timeout=" + keepAliveTimeout.toSeconds() + ", max=" + remaining);
        } else {
            fields.add("Connection", "close");
        }
        return new ResponseHead(response.status(), fields.build());
    }

    private static boolean hasBody(Status status) {
        int code = status.code();
        return code >= 200 && code != 204 && code != 304;
    }

    private long send(ResponseBody.FileContent file, String target) throws IOException {
        long started = System.nanoTime();
        long sent = 0;
        FileChannel source = file.channel();
        for (ResponseBody.Piece piece : file.pieces()) {
            switch (piece) {
                case ResponseBody.Literal literal -> write(literal.bytes().asReadOnlyBuffer());
                case ResponseBody.Region region -> transfer(source, region.position(), region.count());
            }
            sent += piece.length();
        }
        if (sent >= LOG_TRANSFERS_FROM && log.isInfoEnabled()) {
            log.info("{}: transferred {} bytes of {} in {} ms", transport.client(), sent, target,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
        return sent;
    }

    /** The whole of a small file body, its regions read and its literals copied, ready to write. */
    private static ByteBuffer read(ResponseBody.FileContent file) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate((int) file.length());
        FileChannel source = file.channel();
        for (ResponseBody.Piece piece : file.pieces()) {
            switch (piece) {
                case ResponseBody.Literal literal -> bytes.put(literal.bytes().asReadOnlyBuffer());
                case ResponseBody.Region region -> {
                    bytes.limit(bytes.position() + (int) region.count());
                    for (long position = region.position(); bytes.hasRemaining(); ) {
                        int n = source.read(bytes, position);
                        if (n < 0) {
                            throw new EOFException("the file ended " + bytes.remaining() + " bytes early");
                        }
                        position += n;
                    }
                    bytes.limit(bytes.capacity());
                }
            }
        }
        return bytes.flip();
    }

    /**
     * Sends the file compressed as it is read, {@value #GZIP_CHUNK_BYTES} bytes at a time: each a
     * chunk (RFC 9112 §7.1), the first in one write with the head; or, to a client without the
     * chunked coding, the bare bytes up to the close. Returns the compressed bytes sent.
     */
    private long sendGzip(ByteBuffer headBytes, ResponseBody.GzipFile body, boolean chunked) throws IOException {
        long started = System.nanoTime();
        long sent = 0;
        ByteBuffer data = ByteBuffer.allocate(GZIP_CHUNK_BYTES);
        ByteBuffer head = headBytes;
        try (GzipEncoder encoder = body.encoder()) {
            while (!encoder.finished()) {
                data.clear();
                encoder.fill(data);
                data.flip();
                int length = data.remaining();
                if (length == 0) {
                    continue;
                }
                if (chunked) {
                    ByteBuffer size = ByteBuffer.wrap((Integer.toHexString(length) + "\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    write(head, size, data, ByteBuffer.wrap(CRLF));
                } else {
                    write(head, data);
                }
                head = ByteBuffer.allocate(0);
                sent += length;
            }
        }
        if (chunked) {
            write(head, ByteBuffer.wrap(LAST_CHUNK));
        }
        if (body.size() >= LOG_TRANSFERS_FROM && log.isInfoEnabled()) {
            log.info("{}: sent {} bytes as {} bytes of gzip in {} ms", transport.client(), body.size(), sent,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
        return sent;
    }

    private void transfer(FileChannel source, long position, long count) throws IOException {
        long done = 0;
        while (done < count) {
            deadline.arm(writeTimeout.toNanos());
            try {
                done += transport.send(source, position + done, Math.min(WRITE_STEP, count - done));
            } finally {
                disarm();
            }
        }
    }

    private void write(ByteBuffer... buffers) throws IOException {
        deadline.arm(writeTimeout.toNanos());
        try {
            transport.write(buffers);
        } finally {
            disarm();
        }
    }

    private void disarm() throws IOException {
        if (!deadline.disarm()) {
            throw new SocketTimeoutException("write made no progress for " + writeTimeout);
        }
    }

    /**
     * Half-closes, then reads and discards what the client still sends for a moment, so that
     * closing does not reset the connection and destroy the response in flight.
     */
    void lingeringClose() throws IOException {
        transport.shutdownOutput();
        transport.readTimeout(1000);
        InputStream input = transport.input();
        byte[] sink = new byte[8192];
        long deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        long drained = 0;
        try {
            while (drained < (1 << 20) && System.nanoTime() < deadlineNanos) {
                int n = input.read(sink);
                if (n < 0) {
                    return;
                }
                drained += n;
            }
        } catch (SocketTimeoutException e) {
            // The client stopped sending; close now.
        }
    }
}
