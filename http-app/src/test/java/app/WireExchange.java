package app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One raw exchange over a fresh connection: send exact bytes (optionally half-closing), then
 * read everything until the server closes, and split what came back into responses framed by
 * {@code Content-Length}.
 */
record WireExchange(byte[] received, End end) {

    /** How the connection ended from the client's side. */
    enum End { CLOSED, RESET, STILL_OPEN }

    private static final int MAX_RECEIVED = 1 << 20;

    /** Sends {@code request}, half-closes when asked, and reads until end of stream or {@code timeout}. */
    static WireExchange run(int port, byte[] request, boolean halfClose, Duration timeout) throws IOException {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoLinger(true, 0);
            try {
                socket.getOutputStream().write(request);
                if (halfClose) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // The server may answer and close before taking every byte: read what it said.
            }
            return readUntilClosed(socket, timeout);
        }
    }

    /** Statuses and end, for a failure message (never the bytes themselves). */
    String summary() {
        return statuses() + " " + end + " after " + received.length + " bytes";
    }

    static WireExchange run(int port, String request, boolean halfClose, Duration timeout) throws IOException {
        return run(port, request.getBytes(StandardCharsets.ISO_8859_1), halfClose, timeout);
    }

    static WireExchange readUntilClosed(Socket socket, Duration timeout) throws IOException {
        return readUntilClosed(socket, timeout, MAX_RECEIVED);
    }

    /** Reads until end of stream, {@code timeout}, or {@code maxBytes} (then the end is STILL_OPEN). */
    static WireExchange readUntilClosed(Socket socket, Duration timeout, long maxBytes) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        var bytes = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] chunk = new byte[16 * 1024];
        while (bytes.size() < maxBytes) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new WireExchange(bytes.toByteArray(), End.STILL_OPEN);
            }
            socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(left).toMillis()));
            int n;
            try {
                n = in.read(chunk);
            } catch (SocketTimeoutException e) {
                return new WireExchange(bytes.toByteArray(), End.STILL_OPEN);
            } catch (IOException e) {
                return new WireExchange(bytes.toByteArray(), End.RESET);
            }
            if (n < 0) {
                return new WireExchange(bytes.toByteArray(), End.CLOSED);
            }
            bytes.write(chunk, 0, n);
        }
        return new WireExchange(bytes.toByteArray(), End.STILL_OPEN);
    }

    boolean closed() {
        return end != End.STILL_OPEN;
    }

    /** Status codes of the complete responses received, in order; a trailing fragment counts as -1. */
    List<Integer> statuses() {
        var statuses = new ArrayList<Integer>();
        String text = new String(received, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < text.length()) {
            int headEnd = text.indexOf("\r\n\r\n", at);
            if (!text.startsWith("HTTP/1.1 ", at) || headEnd < 0 || headEnd - at < 12) {
                statuses.add(-1);
                break;
            }
            int status = Integer.parseInt(text.substring(at + 9, at + 12));
            long length = bodyLength(text.substring(at, headEnd), status);
            at = (int) Math.min(text.length() + 1L, headEnd + 4 + length);
            statuses.add(at > text.length() ? -1 : status);
        }
        return statuses;
    }

    private static long bodyLength(String head, int status) {
        if (status < 200 || status == 204 || status == 304) {
            return 0;
        }
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring("content-length:".length()).trim());
            }
        }
        return 0;
    }
}
