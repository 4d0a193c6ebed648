package app.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLSocket;

/**
 * A TLS connection: JSSE's blocking socket layered on the accepted one, on the connection's own
 * virtual thread. Writes are gathered into records of up to 16 KiB (the TLS maximum, RFC 8446
 * §5.1), so a small response is one record; files are read into that buffer and encrypted from
 * it, never loaded whole. The buffer is borrowed from {@link RecordBuffers} for each write, so a
 * connection that is not writing holds none.
 */
final class TlsTransport implements Transport {

    private final SocketChannel channel;
    private final SSLSocket socket;
    private final InputStream input;
    private final OutputStream output;
    private final InetSocketAddress peer;
    private final String client;
    private final RecordBuffers buffers;

    TlsTransport(SocketChannel channel, SSLSocket socket, InetSocketAddress peer, RecordBuffers buffers)
            throws IOException {
        this.channel = channel;
        this.buffers = buffers;
        this.socket = socket;
        this.input = socket.getInputStream();
        this.output = socket.getOutputStream();
        this.peer = peer;
        this.client = Transport.describe(peer);
    }

    /** The application protocol agreed by ALPN, or empty when none was. */
    String applicationProtocol() {
        String protocol = socket.getApplicationProtocol();
        return protocol == null ? "" : protocol;
    }

    @Override
    public String scheme() {
        return "https";
    }

    @Override
    public String client() {
        return client;
    }

    @Override
    public InetSocketAddress peer() {
        return peer;
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public void readTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void write(ByteBuffer... sources) throws IOException {
        byte[] staging = buffers.borrow();
        try {
            int staged = 0;
            for (ByteBuffer source : sources) {
                while (source.hasRemaining()) {
                    if (staged == staging.length) {
                        output.write(staging, 0, staged);
                        staged = 0;
                    }
                    int step = Math.min(source.remaining(), staging.length - staged);
                    source.get(staging, staged, step);
                    staged += step;
                }
            }
            if (staged > 0) {
                output.write(staging, 0, staged);
            }
        } finally {
            buffers.giveBack(staging);
        }
    }

    @Override
    public long send(FileChannel file, long position, long count) throws IOException {
        byte[] staging = buffers.borrow();
        try {
            long done = 0;
            var buffer = ByteBuffer.wrap(staging);
            while (done < count) {
                buffer.clear().limit((int) Math.min(staging.length, count - done));
                int read = file.read(buffer, position + done);
                if (read <= 0) {
                    // The promised length can no longer be kept: the connection must close.
                    throw new IOException("file truncated while sending");
                }
                output.write(staging, 0, read);
                done += read;
            }
            return done;
        } finally {
            buffers.giveBack(staging);
        }
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen() && !socket.isClosed();
    }

    @Override
    public void abort() {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing was all that was left to do.
        }
    }

    @Override
    public void close() throws IOException {
        try {
            socket.close();
        } finally {
            channel.close();
        }
    }
}
