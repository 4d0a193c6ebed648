package app.server;

import app.handler.Response;
import app.handler.ResponseBody;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import protocol.Headers;
import protocol.HttpDate;
import protocol.Method;
import protocol.ResponseHead;
import protocol.Status;

/**
 * Writes responses to one connection: adds the framing and connection fields, sends the head
 * and a small body in one gathering write, and file regions with {@code transferTo}. Every
 * write step is watched: one that makes no progress within the write timeout closes the
 * connection.
 */
final class ResponseWriter {

    private static final Logger log = LoggerFactory.getLogger(ResponseWriter.class);
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** The most one watched write step sends: bounds how long a slow but live reader may take. */
    private static final long WRITE_STEP = 256 * 1024;
    private static final int BOUNCE_SIZE = 64 * 1024;
    private static final long LOG_TRANSFERS_FROM = 1 << 20;

    private final SocketChannel channel;
    private final ServerContext context;
    private final String client;
    private final Watchdog.Deadline deadline;
    private final long writeTimeoutNanos;

    ResponseWriter(SocketChannel channel, ServerContext context, String client, Watchdog.Deadline deadline) {
        this.channel = channel;
        this.context = context;
        this.client = client;
        this.deadline = deadline;
        this.writeTimeoutNanos = context.config().writeTimeout().toNanos();
    }

    /** Sends the interim {@code 100 Continue}. */
    void writeContinue() throws IOException {
        write(ByteBuffer.wrap(CONTINUE));
    }

    /**
     * Writes {@code response} to a request for {@code target} whose method is {@code method}
     * (empty when the request line was never read); returns the body bytes sent. Closes the
     * response's body in every case.
     */
    long write(Optional<Method> method, String target, Response response, boolean keepAlive, int remaining)
            throws IOException {
        try (ResponseBody body = response.body()) {
            Status status = response.status();
            // RFC 9110 §9.3.2: no content in an answer to HEAD, even an error page.
            boolean sendBody = hasBody(status) && !method.equals(Optional.of(Method.HEAD))
                    && !(body instanceof ResponseBody.Unsent);
            ByteBuffer headBytes = ByteBuffer.wrap(head(response, keepAlive, remaining).toBytes());
            if (!sendBody) {
                write(headBytes);
                return 0;
            }
            return switch (body) {
                case ResponseBody.Bytes bytes -> {
                    write(headBytes, bytes.buffer());
                    yield bytes.length();
                }
                case ResponseBody.FileContent file -> {
                    write(headBytes);
                    yield send(file, target);
                }
                case ResponseBody.Empty empty -> {
                    write(headBytes);
                    yield 0;
                }
                case ResponseBody.Unsent unsent -> throw new IllegalStateException("unsent body");
            };
        }
    }

    private ResponseHead head(Response response, boolean keepAlive, int remaining) {
        var config = context.config();
        var fields = Headers.builder()
                .add("Date", HttpDate.format(Instant.now()))
                .add("Server", ServerInfo.SERVER);
        for (Headers.Field field : response.headers()) {
            fields.add(field.name(), field.value());
        }
        // RFC 9110 §8.6: no Content-Length on 1xx or 204; a 304 carries the 200's.
        if (response.status().code() >= 200 && response.status().code() != 204) {
            fields.add("Content-Length", Long.toString(response.body().length()));
        }
        if (keepAlive) {
            fields.add("Connection", "keep-alive");
            fields.add("Keep-Alive", "timeout=" + config.keepAlive().toSeconds() + ", max=" + remaining);
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
            log.info("{}: transferred {} bytes of {} in {} ms", client, sent, target,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
        return sent;
    }

    private void transfer(FileChannel source, long position, long count) throws IOException {
        long done = 0;
        ByteBuffer bounce = null;
        while (done < count) {
            long step = Math.min(WRITE_STEP, count - done);
            deadline.arm(writeTimeoutNanos);
            try {
                long sent = source.transferTo(position + done, step, channel);
                if (sent == 0) {
                    // The socket is full (transferTo does not wait for it) or the file shrank.
                    // A plain write of the next bytes parks until the client reads them.
                    if (bounce == null) {
                        bounce = ByteBuffer.allocate(BOUNCE_SIZE);
                    }
                    sent = copy(source, position + done, step, bounce);
                }
                done += sent;
            } finally {
                disarm();
            }
        }
    }

    private long copy(FileChannel source, long position, long step, ByteBuffer bounce) throws IOException {
        bounce.clear().limit((int) Math.min(bounce.capacity(), step));
        int read = source.read(bounce, position);
        if (read <= 0) {
            // The promised length can no longer be kept: the connection must close.
            throw new IOException("file truncated while sending");
        }
        bounce.flip();
        while (bounce.hasRemaining()) {
            channel.write(bounce);
        }
        return read;
    }

    private void write(ByteBuffer... buffers) throws IOException {
        deadline.arm(writeTimeoutNanos);
        try {
            long left = 0;
            for (ByteBuffer buffer : buffers) {
                left += buffer.remaining();
            }
            while (left > 0) {
                left -= channel.write(buffers);
            }
        } finally {
            disarm();
        }
    }

    private void disarm() throws IOException {
        if (!deadline.disarm()) {
            throw new SocketTimeoutException("write made no progress for " + context.config().writeTimeout());
        }
    }

    /**
     * Half-closes, then reads and discards what the client still sends for a moment, so that
     * closing does not reset the connection and destroy the response in flight.
     */
    void lingeringClose(InputStream input) throws IOException {
        channel.shutdownOutput();
        var socket = channel.socket();
        socket.setSoTimeout(1000);
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
