package protocol.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static protocol.FuzzChecks.check;

import java.util.Arrays;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import protocol.Headers;
import protocol.ProtocolException;
import protocol.Status;

/** Serialising a response head and parsing it back with the module's field parsing gives the same head. */
class ResponseHeadFuzzTest {

    @FuzzTest
    void roundTrip(FuzzedDataProvider data) throws ProtocolException {
        Status status = Status.of(data.consumeInt(100, 599));
        int n = data.consumeInt(0, 8);
        Headers.Builder b = Headers.builder();
        boolean valid = true;
        for (int i = 0; i < n; i++) {
            String name = data.consumeString(12);
            String value = data.consumeString(40);
            valid &= isToken(name) && isValue(value);
            b.add(name, value);
        }
        ResponseHead head = new ResponseHead(status, b.build());
        byte[] bytes;
        try {
            bytes = head.toBytes();
        } catch (IllegalArgumentException e) {
            check(!valid, "a valid head refused");
            return;
        }
        check(valid, "an invalid head serialised");
        check(parse(bytes).equals(head), "round trip");
    }

    /** Reads a serialised head: the status line, then field lines through {@link FieldLine}. */
    private static ResponseHead parse(byte[] bytes) throws ProtocolException {
        int lineEnd = crlf(bytes, 0);
        String statusLine = new String(bytes, 0, lineEnd, ISO_8859_1);
        check(statusLine.startsWith("HTTP/1.1 ") && statusLine.charAt(12) == ' ', "status line");
        Status status = Status.of(Integer.parseInt(statusLine.substring(9, 12)));
        check(statusLine.substring(13).equals(status.reason()), "reason");
        Headers.Builder b = Headers.builder();
        int at = lineEnd + 2;
        while (true) {
            int end = crlf(bytes, at);
            if (end == at) {
                check(end + 2 == bytes.length, "nothing after the head");
                return new ResponseHead(status, b.build());
            }
            Headers.Field f = FieldLine.parse(Arrays.copyOfRange(bytes, at, end), end - at);
            b.add(f.name(), f.value());
            at = end + 2;
        }
    }

    private static int crlf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
            check(b[i] != '\r' && b[i] != '\n', "no bare CR or LF");
        }
        throw new AssertionError("unterminated line");
    }

    /** RFC 9110 §5.6.2, independently of the module's table. */
    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (char c : s.toCharArray()) {
            boolean ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** RFC 9110 §5.5 field-value without surrounding whitespace, ISO-8859-1 only. */
    private static boolean isValue(String s) {
        for (char c : s.toCharArray()) {
            if (c > 0xFF || (c < 0x20 && c != '\t') || c == 0x7F) {
                return false;
            }
        }
        return s.isEmpty() || (s.charAt(0) != ' ' && s.charAt(0) != '\t'
                && s.charAt(s.length() - 1) != ' ' && s.charAt(s.length() - 1) != '\t');
    }
}
