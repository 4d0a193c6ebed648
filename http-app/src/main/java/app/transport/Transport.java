package app.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * An accepted connection as a byte stream, whatever carries it: a plain TCP socket, or TLS
 * layered on one. Protocols read and write through it and never see the socket.
 *
 * <p>Every call but {@link #abort} belongs to the connection's own thread.
 */
public interface Transport extends Closeable {

    /** {@code http} or {@code https}. */
    String scheme();

    /** The peer as {@code address:port}, for logs. */
    String client();

    /**
     * The client's address: the socket's peer, or with {@code --proxy-protocol} the source a
     * PROXY header carried (the connection's own peer being the proxy).
     */
    InetSocketAddress peer();

    /** {@code address} as {@link #client()} writes it: {@code address:port}. */
    static String describe(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /** The stream of bytes from the client. */
    InputStream input();

    /** Limits each read to {@code millis} (0: no limit); a read that runs out throws {@link java.net.SocketTimeoutException}. */
    void readTimeout(int millis) throws IOException;

    /** Writes every remaining byte of {@code buffers}, in order; blocks while the client is not reading. */
    void write(ByteBuffer... buffers) throws IOException;

    /**
     * Sends up to {@code count} bytes of {@code file} from {@code position}; returns how many were
     * sent, at least one.
     *
     * @throws IOException if the file ends before {@code position}, or the connection fails
     */
    long send(FileChannel file, long position, long count) throws IOException;

    /** Ends the output gracefully (TLS: with {@code close_notify}), leaving the input open. */
    void shutdownOutput() throws IOException;

    /** Whether the connection is still open. */
    boolean isOpen();

    /** Closes the TCP connection at once, from any thread, without sending anything more. */
    void abort();

    /** Closes gracefully (TLS: with {@code close_notify}). */
    @Override
    void close() throws IOException;

    /** An operation on the transport that may block on the client. */
    interface Step {
        void run(Transport transport) throws IOException;
    }

    /**
     * Runs {@code step} (a graceful close or end of output), but never waits longer than
     * {@code timeoutNanos} for the client, as {@code deadline} watches; if it fails, the
     * connection is closed at once.
     */
    default void endWithin(Watchdog.Deadline deadline, long timeoutNanos, Step step) {
        deadline.arm(timeoutNanos);
        try {
            step.run(this);
        } catch (IOException e) {
            abort();
        } finally {
            deadline.disarm();
        }
    }
}
