package app;

import app.tls.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** A raw socket client: sends exact bytes, reads responses framed by Content-Length. */
final class RawClient implements AutoCloseable {

    /** A parsed response; header names lower-cased (last value wins). */
    record Reply(int status, String statusLine, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
        this(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    /** A client over {@code socket}: plain, or TLS (which handshakes on the first read or write). */
    RawClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** A TLS client of the loopback {@code port}, trusting the test CA, offering {@code alpn} when given. */
    static RawClient tls(int port, String... alpn) throws IOException {
        var factory = TestCertificates.clientContext().getSocketFactory();
        var socket = (SSLSocket) factory.createSocket(InetAddress.getLoopbackAddress(), port);
        SSLParameters parameters = socket.getSSLParameters();
        // The server's certificate names 127.0.0.1; check it as a browser would.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (alpn.length > 0) {
            parameters.setApplicationProtocols(alpn);
        }
        socket.setSSLParameters(parameters);
        return new RawClient(socket);
    }

    RawClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads one response to a request that was not HEAD. */
    Reply read() throws IOException {
        return read(false);
    }

    /** Reads one response; {@code head} when it answers a HEAD request (no body follows). */
    Reply read(boolean head) throws IOException {
        String statusLine = line();
        var headers = new LinkedHashMap<String, String>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        byte[] body = new byte[0];
        boolean bodyless = head || status < 200 || status == 204 || status == 304;
        if (!bodyless && headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        }
        return new Reply(status, statusLine, headers, body);
    }

    /** Whether the server closed the connection (end of stream within the timeout). */
    boolean closedByServer(int timeoutMillis) throws IOException {
        int old = socket.getSoTimeout();
        socket.setSoTimeout(timeoutMillis);
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        } finally {
            socket.setSoTimeout(old);
        }
    }

    /** Everything until the server closes. */
    byte[] readAll() throws IOException {
        var all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toByteArray();
    }

    Socket socket() {
        return socket;
    }

    InputStream input() {
        return in;
    }

    private String line() throws IOException {
        var bytes = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed after " + bytes.size() + " bytes of a line");
            }
            if (b == '\n') {
                byte[] raw = bytes.toByteArray();
                int end = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
                return new String(raw, 0, end, StandardCharsets.ISO_8859_1);
            }
            bytes.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
