package app.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;

/**
 * A cleartext TCP connection: gathering writes on the channel and files sent with
 * {@code sendfile} ({@link FileChannel#transferTo}).
 */
final class PlainTransport implements Transport {

    private static final int BOUNCE_SIZE = 64 * 1024;

    private final SocketChannel channel;
    private final Socket socket;
    private final InputStream input;
    private final InetSocketAddress peer;
    private final String client;
    private ByteBuffer bounce;

    PlainTransport(SocketChannel channel, InetSocketAddress peer) throws IOException {
        this.channel = channel;
        this.socket = channel.socket();
        this.input = socket.getInputStream();
        this.peer = peer;
        this.client = Transport.describe(peer);
    }

    /** The same connection, whose client is {@code peer} (what a PROXY header says), not the socket's peer. */
    PlainTransport carrying(InetSocketAddress peer) throws IOException {
        return new PlainTransport(channel, peer);
    }

    @Override
    public String scheme() {
        return "http";
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
    public void write(ByteBuffer... buffers) throws IOException {
        long left = 0;
        for (ByteBuffer buffer : buffers) {
            left += buffer.remaining();
        }
        while (left > 0) {
            left -= channel.write(buffers);
        }
    }

    @Override
    public long send(FileChannel file, long position, long count) throws IOException {
        long sent = file.transferTo(position, count, channel);
        if (sent > 0) {
            return sent;
        }
        // The socket is full (transferTo does not wait for it) or the file shrank. A plain
        // write of the next bytes parks until the client reads them.
        if (bounce == null) {
            bounce = ByteBuffer.allocate(BOUNCE_SIZE);
        }
        bounce.clear().limit((int) Math.min(bounce.capacity(), count));
        int read = file.read(bounce, position);
        if (read <= 0) {
            // The promised length can no longer be kept: the connection must close.
            throw new IOException("file truncated while sending");
        }
        write(bounce.flip());
        return read;
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
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
        channel.close();
    }
}
