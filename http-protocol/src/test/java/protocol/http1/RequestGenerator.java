package protocol.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

import protocol.Body;
import protocol.Headers;
import protocol.Method;
import protocol.Request;
import protocol.RequestHead;
import protocol.TargetForm;
import protocol.Version;

/** Builds valid requests from fuzzer choices, with the {@link Request} each must parse to. */
final class RequestGenerator {

    /** The wire bytes and the request they stand for; {@code hasBody} says whether a HeadReady precedes it. */
    record Generated(byte[] wire, Request expected, boolean hasBody) {}

    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "PURGE"};
    private static final String TCHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String PCHARS = "abcXYZ019-._~!$&'()*+,;=:@";
    private static final String[] HOSTS = {"localhost:8080", "127.0.0.1", "[::1]:80", "example.com", "a.b-c.d:1"};

    private RequestGenerator() {}

    static Generated generate(FuzzedDataProvider data) {
        String method = METHODS[data.consumeInt(0, METHODS.length - 1)];
        boolean bodiless = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
        Version version = data.consumeBoolean() ? Version.HTTP_1_1 : Version.HTTP_1_0;
        String path = path(data);
        Optional<String> query = data.consumeBoolean() ? Optional.of(chars(data, PCHARS + "/?", 10)) : Optional.empty();
        String target = path + query.map(q -> "?" + q).orElse("");

        Headers.Builder headers = Headers.builder();
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(' ').append(version.text()).append("\r\n");
        if (version == Version.HTTP_1_1 || data.consumeBoolean()) {
            field(head, headers, "Host", HOSTS[data.consumeInt(0, HOSTS.length - 1)]);
        }
        int extra = data.consumeInt(0, 4);
        for (int i = 0; i < extra; i++) {
            String name = "X-" + chars(data, TCHARS, 8);
            String value = value(data);
            field(head, headers, name, value);
        }
        byte[] body = bodiless ? new byte[0] : data.consumeBytes(data.consumeInt(0, 64));
        int framing = bodiless ? 0 : data.consumeInt(0, version == Version.HTTP_1_1 ? 2 : 1);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        boolean hasBody;
        if (framing == 0) {
            body = new byte[0];
            hasBody = false;
            head.append("\r\n");
            wire.writeBytes(head.toString().getBytes(ISO_8859_1));
        } else if (framing == 1) {
            field(head, headers, "Content-Length", Integer.toString(body.length));
            head.append("\r\n");
            wire.writeBytes(head.toString().getBytes(ISO_8859_1));
            wire.writeBytes(body);
            hasBody = body.length > 0;
        } else {
            field(head, headers, "Transfer-Encoding", data.consumeBoolean() ? "chunked" : "Chunked");
            head.append("\r\n");
            wire.writeBytes(head.toString().getBytes(ISO_8859_1));
            chunks(data, body, wire);
            hasBody = true;
        }
        RequestHead expectedHead = new RequestHead(Method.of(method), target, TargetForm.ORIGIN, path, query, version,
                headers.build());
        return new Generated(wire.toByteArray(), new Request(expectedHead, Body.of(body)), hasBody);
    }

    private static void chunks(FuzzedDataProvider data, byte[] body, ByteArrayOutputStream wire) {
        int at = 0;
        while (at < body.length) {
            int n = data.consumeInt(1, body.length - at);
            String size = Integer.toHexString(n);
            if (data.consumeBoolean()) {
                size = size.toUpperCase(java.util.Locale.ROOT);
            }
            wire.writeBytes((size + extension(data) + "\r\n").getBytes(ISO_8859_1));
            wire.write(body, at, n);
            wire.writeBytes("\r\n".getBytes(ISO_8859_1));
            at += n;
        }
        wire.writeBytes(("0" + extension(data) + "\r\n").getBytes(ISO_8859_1));
        if (data.consumeBoolean()) {
            wire.writeBytes(("X-Trailer: " + value(data) + "\r\n").getBytes(ISO_8859_1));
        }
        wire.writeBytes("\r\n".getBytes(ISO_8859_1));
    }

    private static String extension(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 3)) {
            case 1 -> ";" + chars(data, TCHARS, 6) + "x";
            case 2 -> " ; n=" + chars(data, TCHARS, 6) + "v";
            case 3 -> ";q=\"" + chars(data, "a b\\\t", 6).replace("\\", "\\\\") + "\"";
            default -> "";
        };
    }

    private static void field(StringBuilder head, Headers.Builder headers, String name, String value) {
        headers.add(name, value);
        head.append(name).append(':').append(" ".repeat(value.length() % 2)).append(value).append("\r\n");
    }

    private static String path(FuzzedDataProvider data) {
        StringBuilder p = new StringBuilder("/");
        int segments = data.consumeInt(0, 3);
        for (int i = 0; i < segments; i++) {
            p.append(chars(data, PCHARS, 8));
            if (data.consumeBoolean()) {
                p.append('%').append(Integer.toHexString(0x10 + data.consumeInt(0, 0xEF)).toUpperCase(java.util.Locale.ROOT));
            }
            p.append('/');
        }
        return p.toString();
    }

    /** A field value: visible characters, obs-text and inner whitespace, none at either end. */
    private static String value(FuzzedDataProvider data) {
        String inner = chars(data, "ab \t\"(),;=\u00e9\u00ff{}", 12);
        return inner.isBlank() ? "v" : "v" + inner + "v";
    }

    private static String chars(FuzzedDataProvider data, String alphabet, int max) {
        int n = data.consumeInt(0, max);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(data.consumeInt(0, alphabet.length() - 1)));
        }
        return b.toString();
    }
}
