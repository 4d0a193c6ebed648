package app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import protocol.hpack.HeaderField;
import protocol.http2.Frame;
import protocol.http2.Octets;

/**
 * One request, with a body if it has one, over a fresh connection on any of the four ways a TLS
 * test server is reached: HTTP/1.1 in cleartext and over TLS, HTTP/2 with prior knowledge and
 * over TLS (ALPN h2). The answer reads the same whatever carried it.
 */
final class Wires {

    enum Wire { HTTP1, HTTPS1, H2C, H2 }

    /** A response: field names in lower case as HTTP/2 sends them (last value wins), and the body. */
    record Answer(int status, Map<String, String> fields, byte[] body) {
        String field(String name) {
            return fields.get(name);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private Wires() {}

    /** {@code method target} without a body, with the given name-value pairs as fields. */
    static Answer fetch(TestServer server, Wire wire, String method, String target, String... fields)
            throws IOException {
        return send(server, wire, method, target, new byte[0], fields);
    }

    /** {@code method target} with {@code body} (sent with its Content-Length when not empty). */
    static Answer send(TestServer server, Wire wire, String method, String target, byte[] body, String... fields)
            throws IOException {
        return switch (wire) {
            case HTTP1 -> http1(server.client(), server.host(), method, target, body, fields);
            case HTTPS1 -> http1(server.tlsClient("http/1.1"), server.secureHost(), method, target, body, fields);
            case H2C -> http2(H2Client.cleartext(server.port()), server.host(), method, target, body, fields);
            case H2 -> http2(H2Client.tls(server.securePort()), server.secureHost(), method, target, body, fields);
        };
    }

    private static Answer http1(RawClient connection, String host, String method, String target, byte[] body,
            String... fields) throws IOException {
        try (var client = connection) {
            var text = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\n");
            for (int i = 0; i < fields.length; i += 2) {
                text.append(fields[i]).append(": ").append(fields[i + 1]).append("\r\n");
            }
            if (body.length > 0) {
                text.append("Content-Length: ").append(body.length).append("\r\n");
            }
            client.send(text.append("Connection: close\r\n\r\n").toString()).send(body);
            RawClient.Reply reply = client.read(method.equals("HEAD"));
            return new Answer(reply.status(), reply.headers(), reply.body());
        }
    }

    private static Answer http2(H2Client connection, String authority, String method, String target, byte[] body,
            String... fields) throws IOException {
        var extra = new ArrayList<HeaderField>();
        for (int i = 0; i < fields.length; i += 2) {
            extra.add(new HeaderField(fields[i].toLowerCase(Locale.ROOT), fields[i + 1]));
        }
        if (body.length > 0) {
            extra.add(new HeaderField("content-length", Integer.toString(body.length)));
        }
        try (var client = connection.start()) {
            int stream = client.request(H2Client.request(method, target, authority,
                    extra.toArray(HeaderField[]::new)), body.length == 0);
            if (body.length > 0) {
                client.send(new Frame.Data(stream, Octets.of(body), true));
            }
            H2Client.Reply reply = client.response(stream);
            return new Answer(reply.status(), reply.fields(), reply.body());
        }
    }
}
