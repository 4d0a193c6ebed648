package protocol.http1;

import java.nio.ByteBuffer;
import java.util.Objects;

import protocol.Headers;
import protocol.Status;
import protocol.syntax.ByteClass;

/**
 * A response's status line and header fields, serialised as HTTP/1.1.
 *
 * @param status  the status
 * @param headers the header fields, in the order they are sent
 */
public record ResponseHead(Status status, Headers headers) {

    private static final byte[] VERSION = "HTTP/1.1 ".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    /** Checks that both parts are present. */
    public ResponseHead {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(headers, "headers");
    }

    /**
     * The head on the wire: {@code HTTP/1.1 SSS Reason CRLF}, each field as {@code name: value CRLF}, then CRLF.
     *
     * @throws IllegalArgumentException if a name is not a token, or a value holds a control character other than
     *                                  HTAB (CR, LF and NUL included), a character beyond ISO-8859-1, or leading or
     *                                  trailing whitespace (RFC 9110 §5.5), since any of these could split the head
     */
    public byte[] toBytes() {
        String reason = status.reason();
        int size = VERSION.length + 4 + reason.length() + 2 + 2;
        for (Headers.Field f : headers) {
            check(f);
            size += f.name().length() + 2 + f.value().length() + 2;
        }
        byte[] out = new byte[size];
        System.arraycopy(VERSION, 0, out, 0, VERSION.length);
        int p = VERSION.length;
        int code = status.code();
        out[p++] = (byte) ('0' + code / 100);
        out[p++] = (byte) ('0' + code / 10 % 10);
        out[p++] = (byte) ('0' + code % 10);
        out[p++] = ' ';
        p = put(reason, out, p);
        out[p++] = '\r';
        out[p++] = '\n';
        for (Headers.Field f : headers) {
            p = put(f.name(), out, p);
            out[p++] = ':';
            out[p++] = ' ';
            p = put(f.value(), out, p);
            out[p++] = '\r';
            out[p++] = '\n';
        }
        out[p++] = '\r';
        out[p] = '\n';
        return out;
    }

    /** Puts {@link #toBytes()} into {@code buf}. */
    public void writeTo(ByteBuffer buf) {
        buf.put(toBytes());
    }

    private static void check(Headers.Field f) {
        if (!ByteClass.isToken(f.name())) {
            throw new IllegalArgumentException("field name is not a token");
        }
        String v = f.value();
        for (int i = 0; i < v.length(); i++) {
            if (!ByteClass.isChar(v.charAt(i), ByteClass.FIELD_CONTENT)) {
                throw new IllegalArgumentException("invalid character in the value of " + f.name());
            }
        }
        if (!v.isEmpty() && (ByteClass.isWhitespace(v.charAt(0)) || ByteClass.isWhitespace(v.charAt(v.length() - 1)))) {
            throw new IllegalArgumentException("whitespace around the value of " + f.name());
        }
    }

    private static int put(String s, byte[] out, int p) {
        for (int i = 0; i < s.length(); i++) {
            out[p++] = (byte) s.charAt(i);
        }
        return p;
    }
}
