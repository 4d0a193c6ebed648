package app.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A loopback TLS echo server built the way the transport will: accept a plain socket, layer a
 * server-mode {@link SSLSocket} over it, configure it with the policy, handshake, echo bytes.
 */
final class HandshakeServer implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 10_000;

    private final ServerSocket listener;
    private final SSLContext context;
    private final Consumer<SSLSocket> configure;
    private final Thread acceptor;
    private final Queue<Socket> open = new ConcurrentLinkedQueue<>();
    /** Handshake failures on the server side, in order. */
    final LinkedBlockingQueue<Exception> failures = new LinkedBlockingQueue<>();
    /** Sockets that completed a handshake. */
    final List<SSLSocket> handshaken = new CopyOnWriteArrayList<>();

    HandshakeServer(TlsPolicy policy) throws IOException {
        this(policy.context(), socket -> {
            socket.setUseClientMode(false);
            policy.configure(socket);
        });
    }

    HandshakeServer(TlsEndpoint endpoint) throws IOException {
        this(endpoint.context(), endpoint::configure);
    }

    private HandshakeServer(SSLContext context, Consumer<SSLSocket> configure) throws IOException {
        this.context = context;
        this.configure = configure;
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket plain = listener.accept();
                open.add(plain);
                Thread.ofVirtual().start(() -> serve(plain));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket plain) {
        try {
            plain.setSoTimeout(TIMEOUT_MILLIS);
            var socket = (SSLSocket) context.getSocketFactory().createSocket(plain, null, true);
            open.add(socket);
            configure.accept(socket);
            socket.startHandshake();
            handshaken.add(socket);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            failures.add(e);
        } finally {
            close(plain);
        }
    }

    /** The next server-side failure, waiting for it at most ten seconds. */
    Exception nextFailure() throws InterruptedException {
        Exception failure = failures.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        if (failure == null) {
            throw new AssertionError("the server saw no failure");
        }
        return failure;
    }

    /**
     * A client socket to this server for the name {@code localhost} (so SNI is sent and the
     * certificate's name is checked), trusting the test CA, shaped by {@code parameters}.
     */
    SSLSocket connect(Consumer<SSLParameters> parameters) throws IOException {
        return connect(TestCertificates.clientContext(), parameters);
    }

    SSLSocket connect(SSLContext client, Consumer<SSLParameters> parameters) throws IOException {
        var plain = new Socket(InetAddress.getLoopbackAddress(), port());
        plain.setSoTimeout(TIMEOUT_MILLIS);
        var socket = (SSLSocket) client.getSocketFactory().createSocket(plain, "localhost", port(), true);
        SSLParameters p = socket.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setServerNames(List.of(new SNIHostName("localhost")));
        parameters.accept(p);
        socket.setSSLParameters(p);
        return socket;
    }

    /** Writes a few bytes and reads them back: the connection works. */
    static void echo(SSLSocket socket) throws IOException {
        byte[] ping = "ping".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        socket.getOutputStream().write(ping);
        socket.getOutputStream().flush();
        byte[] back = socket.getInputStream().readNBytes(ping.length);
        if (!java.util.Arrays.equals(ping, back)) {
            throw new AssertionError("echo failed");
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        open.forEach(HandshakeServer::close);
        try {
            acceptor.join(TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing after a failure; nothing more to learn
        }
    }
}
