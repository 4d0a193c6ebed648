package app;

import app.tls.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import protocol.hpack.HeaderField;
import protocol.hpack.HpackDecoder;
import protocol.hpack.HpackEncoder;
import protocol.http2.Frame;
import protocol.http2.FrameDecoder;
import protocol.http2.FrameEncoder;
import protocol.http2.FrameResult;
import protocol.http2.Http2Exception;
import protocol.http2.Octets;
import protocol.http2.Preface;
import protocol.http2.Setting;

/**
 * A raw HTTP/2 client for tests: sends exactly the frames a test asks for, with the project's own
 * frame codec and HPACK, and reads what the server answers frame by frame. Over cleartext it
 * speaks prior knowledge; over TLS it asks ALPN for {@code h2}.
 */
final class H2Client implements AutoCloseable {

    /** A response as read off its stream: status, fields (last value wins), body, and how it ended. */
    record Reply(int status, Map<String, String> fields, byte[] body) {
        String field(String name) {
            return fields.get(name);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final FrameDecoder decoder = new FrameDecoder(16_384);
    private final HpackEncoder encoder = new HpackEncoder(4096);
    private final HpackDecoder hpack = new HpackDecoder(4096, 1 << 20);
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024).flip();
    private int nextStream = 1;

    private H2Client(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        // A request's HEADERS and DATA go in separate writes: without this, the second waits for
        // the server's delayed acknowledgement of the first.
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** A client over {@code socket}, already connected (and for TLS, handshaken with ALPN h2); nothing sent yet. */
    static H2Client over(Socket socket) throws IOException {
        return new H2Client(socket);
    }

    /** A cleartext client of {@code port} (h2c, prior knowledge); nothing sent yet. */
    static H2Client cleartext(int port) throws IOException {
        return new H2Client(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    /** A TLS client of {@code port} offering only {@code h2}, trusting the test CA; nothing sent yet. */
    static H2Client tls(int port) throws IOException {
        var socket = (SSLSocket) TestCertificates.clientContext().getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), port);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"h2"});
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        if (!"h2".equals(socket.getApplicationProtocol())) {
            throw new IOException("ALPN chose '" + socket.getApplicationProtocol() + "', not h2");
        }
        return new H2Client(socket);
    }

    /** The preface and an empty SETTINGS, as every client starts (RFC 9113 §3.4). */
    H2Client start() throws IOException {
        return start(List.of());
    }

    /** The preface and SETTINGS with {@code settings}. */
    H2Client start(List<Setting> settings) throws IOException {
        out.write(bytes(Preface.bytes()));
        send(new Frame.Settings(settings));
        return this;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** Writes raw bytes. */
    H2Client raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Writes frames, in one write. */
    H2Client send(Frame... frames) throws IOException {
        return raw(encode(frames));
    }

    /** The wire bytes of {@code frames}, one after the other. */
    static byte[] encode(Frame... frames) {
        var bytes = new ByteArrayOutputStream();
        for (Frame frame : frames) {
            bytes.writeBytes(bytes(FrameEncoder.encode(frame)));
        }
        return bytes.toByteArray();
    }

    /** An HPACK block of {@code fields}, through this client's encoder. */
    Octets block(List<HeaderField> fields) {
        return Octets.of(encoder.encode(fields));
    }

    /** The request fields of {@code method} for {@code path} on {@code authority}, plus {@code extra}. */
    static List<HeaderField> request(String method, String path, String authority, HeaderField... extra) {
        var fields = new ArrayList<HeaderField>(List.of(new HeaderField(":method", method),
                new HeaderField(":scheme", "https"), new HeaderField(":authority", authority),
                new HeaderField(":path", path)));
        fields.addAll(List.of(extra));
        return fields;
    }

    /** Opens the next stream with {@code fields} in one HEADERS frame; returns its identifier. */
    int request(List<HeaderField> fields, boolean endStream) throws IOException {
        int id = nextStream;
        nextStream += 2;
        send(new Frame.Headers(id, block(fields), endStream, true));
        return id;
    }

    /** A GET of {@code path}; returns the stream identifier. */
    int get(String path, String authority) throws IOException {
        return request(request("GET", path, authority), true);
    }

    /** The next frame from the server, or empty when the connection ended. */
    Optional<Frame> next() throws IOException {
        while (true) {
            try {
                FrameResult result = decoder.decode(buffer);
                if (result instanceof Frame frame) {
                    return Optional.of(frame);
                }
            } catch (Http2Exception e) {
                throw new IOException("the server sent a frame that breaks RFC 9113: " + e.getMessage(), e);
            }
            buffer.compact();
            int read;
            try {
                read = in.read(buffer.array(), buffer.position(), buffer.remaining());
            } catch (SocketTimeoutException e) {
                buffer.flip();
                throw e;
            } catch (IOException e) {
                buffer.flip();
                return Optional.empty();
            }
            if (read > 0) {
                buffer.position(buffer.position() + read);
            }
            buffer.flip();
            if (read < 0) {
                return Optional.empty();
            }
        }
    }

    /** The frames until one of {@code type} comes (returned last), acknowledging SETTINGS and granting windows. */
    <F extends Frame> F await(Class<F> type) throws IOException {
        while (true) {
            Frame frame = next().orElseThrow(() -> new IOException("connection ended before a " + type.getSimpleName()));
            answer(frame);
            if (type.isInstance(frame)) {
                return type.cast(frame);
            }
        }
    }

    /** Reads the response on {@code stream}, answering what the protocol asks for meanwhile. */
    Reply response(int stream) throws IOException {
        int status = 0;
        var fields = new LinkedHashMap<String, String>();
        var body = new ByteArrayOutputStream();
        var block = new ByteArrayOutputStream();
        while (true) {
            Frame frame = next().orElseThrow(() -> new IOException("connection ended before stream " + stream + " did"));
            answer(frame);
            if (frame.streamId() != stream) {
                continue;
            }
            switch (frame) {
                case Frame.Headers headers -> {
                    block.writeBytes(headers.fragment().toByteArray());
                    if (headers.endHeaders()) {
                        status = decode(block, fields, status);
                    }
                    if (headers.endStream()) {
                        return new Reply(status, fields, body.toByteArray());
                    }
                }
                case Frame.Continuation continuation -> {
                    block.writeBytes(continuation.fragment().toByteArray());
                    if (continuation.endHeaders()) {
                        status = decode(block, fields, status);
                    }
                }
                case Frame.Data data -> {
                    body.writeBytes(data.data().toByteArray());
                    if (data.flowControlledLength() > 0) {
                        send(new Frame.WindowUpdate(0, data.flowControlledLength()),
                                new Frame.WindowUpdate(stream, data.flowControlledLength()));
                    }
                    if (data.endStream()) {
                        return new Reply(status, fields, body.toByteArray());
                    }
                }
                case Frame.RstStream reset -> throw new IOException("stream " + stream + " reset: " + reset.code());
                default -> { }
            }
        }
    }

    /**
     * The {@code :status} of a complete response header block, decoded so that this client's HPACK
     * table stays in step: every HEADERS frame the server sends must come through here or
     * {@link #response}, in order.
     */
    int status(Frame.Headers headers) throws IOException {
        if (!headers.endHeaders()) {
            throw new IOException("a response header block in CONTINUATION frames: not expected of this server");
        }
        var block = new ByteArrayOutputStream();
        block.writeBytes(headers.fragment().toByteArray());
        return decode(block, new LinkedHashMap<>(), 0);
    }

    private int decode(ByteArrayOutputStream block, Map<String, String> fields, int status) throws IOException {
        try {
            for (HeaderField field : hpack.decode(ByteBuffer.wrap(block.toByteArray()))) {
                if (field.name().equals(":status")) {
                    status = Integer.parseInt(field.value());
                } else {
                    fields.put(field.name(), field.value());
                }
            }
        } catch (protocol.hpack.HpackException e) {
            throw new IOException("the server's header block does not decode: " + e.reason(), e);
        }
        block.reset();
        return status;
    }

    /** Acknowledges SETTINGS and PING, as a well-behaved client does. */
    private void answer(Frame frame) throws IOException {
        switch (frame) {
            case Frame.Settings settings when !settings.ack() -> send(Frame.Settings.ACK);
            case Frame.Ping ping when !ping.ack() -> send(new Frame.Ping(true, ping.opaqueData()));
            default -> { }
        }
    }

    /** Whether the server closed the connection within {@code millis}, reading and dropping what came before. */
    boolean closedWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            while (next().isPresent()) {
                // Frames sent before the close (GOAWAY among them) are not what this asks.
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
