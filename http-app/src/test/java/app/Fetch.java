package app;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import protocol.hpack.HeaderField;

/** One request over a fresh connection on any of the server's wires, read back the same way whatever carried it. */
final class Fetch {

    /** HTTP/1.1 over cleartext, HTTP/2 with prior knowledge over cleartext, HTTP/2 over TLS. */
    enum Wire { HTTP1, H2C, H2 }

    /**
     * A response: field names in lower case (last value wins), the body as sent (a chunked one joined).
     *
     * @param chunked whether HTTP/1.1 sent the body in chunks
     */
    record Answer(int status, Map<String, String> fields, byte[] body, boolean chunked) {
        String field(String name) {
            return fields.get(name);
        }
    }

    private Fetch() {}

    /** {@code method target} with the given name-value pairs as fields ({@code h2} needs a TLS server). */
    static Answer fetch(TestServer server, Wire wire, String method, String target, String... fields)
            throws IOException {
        if (wire == Wire.HTTP1) {
            try (var client = server.client()) {
                var text = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: " + server.host() + "\r\n");
                for (int i = 0; i < fields.length; i += 2) {
                    text.append(fields[i]).append(": ").append(fields[i + 1]).append("\r\n");
                }
                client.send(text.append("Connection: close\r\n\r\n").toString());
                boolean head = method.equals("HEAD");
                RawClient.Reply reply = client.read(head);
                boolean chunked = "chunked".equals(reply.header("Transfer-Encoding"));
                byte[] body = chunked && !head && reply.status() != 304 ? dechunk(client.input()) : reply.body();
                return new Answer(reply.status(), reply.headers(), body, chunked);
            }
        }
        var extra = new ArrayList<HeaderField>();
        for (int i = 0; i < fields.length; i += 2) {
            extra.add(new HeaderField(fields[i].toLowerCase(Locale.ROOT), fields[i + 1]));
        }
        boolean tls = wire == Wire.H2;
        try (var client = (tls ? H2Client.tls(server.securePort()) : H2Client.cleartext(server.port())).start()) {
            String authority = tls ? server.secureHost() : server.host();
            H2Client.Reply reply = client.response(client.request(
                    H2Client.request(method, target, authority, extra.toArray(HeaderField[]::new)), true));
            return new Answer(reply.status(), reply.fields(), reply.body(), false);
        }
    }

    /** The body of a chunked message (RFC 9112 §7.1), without trailers. */
    private static byte[] dechunk(InputStream in) throws IOException {
        var body = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(line(in), 16);
            if (size == 0) {
                if (!line(in).isEmpty()) {
                    throw new IOException("trailer fields after the last chunk");
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            if (!line(in).isEmpty()) {
                throw new IOException("a chunk not followed by CRLF");
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        var line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("end of stream in a chunk line");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
