package protocol.http2;

import static protocol.FuzzChecks.check;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;

import protocol.Headers;
import protocol.Method;
import protocol.RequestHead;
import protocol.TargetForm;
import protocol.Version;
import protocol.hpack.HeaderField;

/** Properties of {@link RequestFields}; failures never print the input. */
class RequestFieldsFuzzTest {

    private static final int STREAM = 3;

    /**
     * Names a length byte of {@code 0xE0} and above stands for, so that the fuzzer reaches whole requests as
     * readily as broken ones.
     */
    private static final List<String> NAMES = List.of(":method", ":scheme", ":path", ":authority", ":status",
            "host", "content-length", "te", "cookie", "connection", "transfer-encoding", "upgrade", "keep-alive",
            "proxy-connection", "accept", "x-a");

    private static final Set<String> CONNECTION_SPECIFIC =
            Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade");

    /**
     * Any list of fields gives a head or a stream error on the stream given, nothing else; the same answer
     * every time; and a head keeps the rules it was judged by: a path that starts with '/' (or '*' for OPTIONS),
     * no CR, LF or NUL in a value, no whitespace at either end of one, lowercase token names, no
     * connection-specific field, one non-empty host, at most one valid content-length.
     *
     * <p>Input: fields one after another, each a name length byte (or {@code 0xE0 + i} for {@link #NAMES}[i]),
     * the name's bytes, a value length byte, the value's bytes; bytes are ISO-8859-1 chars; a field cut short
     * by the end of the input takes what there is.
     */
    @FuzzTest
    void anyFields(byte[] data) {
        List<HeaderField> fields = fields(data);
        Object first = outcome(fields);
        Object again = outcome(fields);
        check(same(first, again), "the same fields, the same answer");
        if (first instanceof Http2Exception e) {
            check(e.scope() == Http2Exception.Scope.STREAM, "a stream error");
            check(e.streamId() == STREAM, "on the stream given");
            check(e.code() == ErrorCode.PROTOCOL_ERROR, "answered with PROTOCOL_ERROR");
            return;
        }
        RequestHead head = (RequestHead) first;
        check(head.version() == Version.HTTP_2, "HTTP/2");
        if (head.form() == TargetForm.ASTERISK) {
            check(head.path().equals("*") && head.target().equals("*"), "asterisk form is '*'");
            check(head.method().equals(Method.OPTIONS), "'*' only for OPTIONS");
            check(head.query().isEmpty(), "'*' has no query");
        } else {
            check(head.form() == TargetForm.ORIGIN, "origin form otherwise");
            check(head.path().startsWith("/"), "the path starts with '/'");
            check(head.target().equals(head.path() + head.query().map(q -> "?" + q).orElse("")),
                    "target is path and query");
            check(head.path().indexOf('?') < 0, "the path holds no '?'");
            for (int i = 0; i < head.target().length(); i++) {
                char c = head.target().charAt(i);
                check(c > ' ' && c < 0x7f, "the target is visible ASCII");
            }
        }
        Headers headers = head.headers();
        int hosts = 0;
        int lengths = 0;
        for (Headers.Field f : headers) {
            String name = f.name();
            String value = f.value();
            check(!name.isEmpty(), "no empty name");
            check(name.toLowerCase(Locale.ROOT).equals(name), "every name lowercase");
            check(!name.startsWith(":"), "no pseudo-header among the headers");
            check(!CONNECTION_SPECIFIC.contains(name), "no connection-specific field");
            check(!name.equals("te") || value.equalsIgnoreCase("trailers"), "te only trailers");
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                check(c > ' ' && c < 0x7f && c != ':', "a name of visible ASCII, no colon");
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                check(c != '\r' && c != '\n' && c != 0, "no CR, LF or NUL in a value");
            }
            check(value.isEmpty() || !blank(value.charAt(0)) && !blank(value.charAt(value.length() - 1)),
                    "no whitespace at either end of a value");
            hosts += name.equals("host") ? 1 : 0;
            lengths += name.equals("content-length") ? 1 : 0;
        }
        check(hosts == 1, "exactly one host");
        check(!head.host().orElseThrow().isEmpty(), "a non-empty host");
        check(lengths <= 1, "at most one content-length");
        check(lengths == 0 || head.contentLength().isPresent(), "a content-length that reads as a number");
    }

    /** A head, or the Http2Exception; anything else thrown escapes and fails the run. */
    private static Object outcome(List<HeaderField> fields) {
        try {
            return RequestFields.head(STREAM, fields);
        } catch (Http2Exception e) {
            return e;
        }
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Http2Exception x && b instanceof Http2Exception y) {
            return x.reason() == y.reason() && x.scope() == y.scope() && x.streamId() == y.streamId();
        }
        return a.equals(b);
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t';
    }

    static List<HeaderField> fields(byte[] data) {
        List<HeaderField> out = new ArrayList<>();
        int i = 0;
        while (i < data.length) {
            int n = data[i++] & 0xFF;
            String name;
            if (n >= 0xE0) {
                name = NAMES.get((n - 0xE0) % NAMES.size());
            } else {
                int end = Math.min(data.length, i + n);
                name = new String(data, i, end - i, StandardCharsets.ISO_8859_1);
                i = end;
            }
            int v = i < data.length ? data[i++] & 0xFF : 0;
            int end = Math.min(data.length, i + v);
            String value = new String(data, i, end - i, StandardCharsets.ISO_8859_1);
            i = end;
            out.add(new HeaderField(name, value));
        }
        return out;
    }
}
