package app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/** Everything a server sent on one connection until it closed, split into responses. */
final class ResponseStream {

    /** The bytes up to the end of the stream could not be framed as responses. */
    static final class MalformedStreamException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedStreamException(String message) {
            super(message);
        }
    }

    private ResponseStream() {}

    /**
     * Reads until the server closes. A reset after the last response counts as a close: a
     * server may reset once it has answered and stopped reading (RFC 9112 §9.6).
     *
     * @throws SocketTimeoutException when the connection is still open after the socket timeout
     */
    static byte[] readUntilClose(InputStream in) throws IOException {
        var all = new ByteArrayOutputStream();
        byte[] chunk = new byte[16 * 1024];
        try {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                all.write(chunk, 0, n);
            }
        } catch (SocketTimeoutException open) {
            throw open;
        } catch (IOException reset) {
            if (all.size() == 0) {
                throw reset;
            }
        }
        return all.toByteArray();
    }

    /**
     * Splits {@code bytes} into responses framed by Content-Length; interim (1xx) responses
     * included. The first final response answers a HEAD request when {@code firstIsHead}, so it
     * has no content whatever its Content-Length says (RFC 9112 §6.3).
     */
    static List<RawClient.Reply> split(byte[] bytes, boolean firstIsHead) throws MalformedStreamException {
        var replies = new ArrayList<RawClient.Reply>();
        boolean headPending = firstIsHead;
        int at = 0;
        while (at < bytes.length) {
            int end = indexOf(bytes, at);
            String rest = preview(bytes, at);
            if (end < 0 || !rest.matches("(?s)HTTP/1\\.1 \\d{3} .*")) {
                throw new MalformedStreamException("after " + replies.size() + " response(s), "
                        + (bytes.length - at) + " bytes that are not a response: " + rest);
            }
            String[] lines = new String(bytes, at, end - at, StandardCharsets.ISO_8859_1).split("\r\n");
            var headers = new LinkedHashMap<String, String>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) {
                    throw new MalformedStreamException("malformed field line: " + lines[i]);
                }
                headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            int status = Integer.parseInt(lines[0].substring(9, 12));
            at = end + 4;
            int length = 0;
            boolean interim = status < 200;
            boolean bodyless = interim || status == 204 || status == 304 || (headPending && !interim);
            if (!bodyless && headers.containsKey("content-length")) {
                length = Integer.parseInt(headers.get("content-length"));
            }
            if (!interim) {
                headPending = false;
            }
            if (at + length > bytes.length) {
                throw new MalformedStreamException("response " + lines[0] + " cut short: " + (bytes.length - at)
                        + " of " + length + " body bytes");
            }
            replies.add(new RawClient.Reply(status, lines[0], headers, Arrays.copyOfRange(bytes, at, at + length)));
            at += length;
        }
        return replies;
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 3 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String preview(byte[] bytes, int from) {
        return new String(bytes, from, Math.min(80, bytes.length - from), StandardCharsets.ISO_8859_1);
    }
}
