package protocol.http2;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import protocol.Headers;
import protocol.Method;
import protocol.RequestHead;
import protocol.TargetForm;
import protocol.Version;
import protocol.hpack.HeaderField;
import protocol.syntax.ByteClass;
import protocol.syntax.Decimal;

/**
 * An HTTP/2 request's decoded field section as the version-neutral {@link RequestHead} the
 * handlers take, or the reason it is malformed (RFC 9113 §8.1.1): a stream error
 * {@code PROTOCOL_ERROR}, never a 400 page. {@code :authority} stands for {@code Host}
 * (§8.3.1), so the Host policy applies to it as to HTTP/1.
 */
public final class RequestFields {

    /** Fields that only mean something on an HTTP/1 connection (§8.2.2). */
    private static final Set<String> CONNECTION_SPECIFIC =
            Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade");
    private static final Decimal CONTENT_LENGTH = Decimal.upTo(18).withoutLeadingZeros();

    private RequestFields() {}

    /**
     * The head of the request on {@code streamId}.
     *
     * @throws Http2Exception a stream error with the rule the fields break
     */
    public static RequestHead head(int streamId, List<HeaderField> fields) throws Http2Exception {
        String method = null;
        String scheme = null;
        String authority = null;
        String path = null;
        var headers = Headers.builder();
        boolean regular = false;
        for (HeaderField field : fields) {
            String name = field.name();
            String value = field.value();
            checkValue(streamId, value);
            if (name.startsWith(":")) {
                // §8.3: pseudo-header fields come first, each at most once, and only the defined ones.
                if (regular) {
                    throw malformed(Http2Exception.Reason.MISPLACED_PSEUDO_HEADER, streamId);
                }
                switch (name) {
                    case ":method" -> method = once(streamId, method, value);
                    case ":scheme" -> scheme = once(streamId, scheme, value);
                    case ":authority" -> authority = once(streamId, authority, value);
                    case ":path" -> path = once(streamId, path, value);
                    default -> throw malformed(Http2Exception.Reason.UNKNOWN_PSEUDO_HEADER, streamId);
                }
                continue;
            }
            regular = true;
            checkName(streamId, name);
            if (CONNECTION_SPECIFIC.contains(name)
                    || name.equals("te") && !value.equalsIgnoreCase("trailers")) {
                throw malformed(Http2Exception.Reason.CONNECTION_SPECIFIC_FIELD, streamId);
            }
            headers.add(name, value);
        }
        if (method == null || scheme == null || path == null) {
            // CONNECT, which has none of :scheme and :path, is a method this server does not serve.
            throw malformed(Http2Exception.Reason.MISSING_PSEUDO_HEADER, streamId);
        }
        Headers regularFields = headers.build();
        checkHostAndLength(streamId, authority, regularFields);
        if (authority == null && regularFields.first("host").isEmpty()) {
            // The authority is what Host validation judges (§8.3.1); a request without one is refused.
            throw malformed(Http2Exception.Reason.MISSING_PSEUDO_HEADER, streamId);
        }
        if (authority != null && regularFields.first("host").isEmpty()) {
            regularFields = regularFields.with("host", authority);
        }
        if (!ByteClass.isToken(method)) {
            throw malformed(Http2Exception.Reason.INVALID_PSEUDO_HEADER, streamId);
        }
        return target(streamId, Method.of(method), path, regularFields);
    }

    private static String once(int streamId, String previous, String value) throws Http2Exception {
        if (previous != null) {
            throw malformed(Http2Exception.Reason.REPEATED_PSEUDO_HEADER, streamId);
        }
        return value;
    }

    // §8.3.1: ":path" is origin-form (or "*" for OPTIONS), never empty for http and https.
    private static RequestHead target(int streamId, Method method, String path, Headers headers)
            throws Http2Exception {
        if (path.equals("*")) {
            if (!method.equals(Method.OPTIONS)) {
                throw malformed(Http2Exception.Reason.INVALID_PSEUDO_HEADER, streamId);
            }
            return new RequestHead(method, path, TargetForm.ASTERISK, path, Optional.empty(), Version.HTTP_2, headers);
        }
        if (!path.startsWith("/")) {
            throw malformed(Http2Exception.Reason.INVALID_PSEUDO_HEADER, streamId);
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            // Visible ASCII only: the same characters an HTTP/1 request line may carry in its target.
            if (c <= ' ' || c >= 0x7f) {
                throw malformed(Http2Exception.Reason.INVALID_PSEUDO_HEADER, streamId);
            }
        }
        int question = path.indexOf('?');
        String rawPath = question < 0 ? path : path.substring(0, question);
        Optional<String> query = question < 0 ? Optional.empty() : Optional.of(path.substring(question + 1));
        return new RequestHead(method, path, TargetForm.ORIGIN, rawPath, query, Version.HTTP_2, headers);
    }

    // §8.2.1: names are lowercase tokens; no uppercase (§8.2), no characters outside tchar.
    private static void checkName(int streamId, String name) throws Http2Exception {
        if (name.isEmpty() || !ByteClass.isToken(name)) {
            throw malformed(Http2Exception.Reason.INVALID_FIELD_NAME, streamId);
        }
        if (!name.toLowerCase(Locale.ROOT).equals(name)) {
            throw malformed(Http2Exception.Reason.UPPERCASE_FIELD_NAME, streamId);
        }
    }

    // §8.2.1: no NUL, CR or LF anywhere, and no whitespace at either end.
    private static void checkValue(int streamId, String value) throws Http2Exception {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0 || c == '\r' || c == '\n') {
                throw malformed(Http2Exception.Reason.INVALID_FIELD_VALUE, streamId);
            }
        }
        if (!value.isEmpty() && (isBlank(value.charAt(0)) || isBlank(value.charAt(value.length() - 1)))) {
            throw malformed(Http2Exception.Reason.INVALID_FIELD_VALUE, streamId);
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    // §8.3.1: neither :authority nor Host may be empty (every request here needs an authority), and
    // when both are present they agree. Where RFC 9113 leaves a choice, the strict one, as on HTTP/1:
    // one Host, at most one Content-Length of plain digits.
    private static void checkHostAndLength(int streamId, String authority, Headers headers) throws Http2Exception {
        List<String> hosts = headers.all("host");
        if (hosts.size() > 1 || authority != null && hosts.size() == 1 && !hosts.getFirst().equalsIgnoreCase(authority)
                || authority != null && authority.isEmpty() || hosts.size() == 1 && hosts.getFirst().isEmpty()) {
            throw malformed(Http2Exception.Reason.INVALID_PSEUDO_HEADER, streamId);
        }
        List<String> lengths = headers.all("content-length");
        if (lengths.size() > 1 || lengths.size() == 1 && CONTENT_LENGTH.parse(lengths.getFirst()) == Decimal.NOT_A_NUMBER) {
            throw malformed(Http2Exception.Reason.CONTENT_LENGTH_MISMATCH, streamId);
        }
    }

    private static Http2Exception malformed(Http2Exception.Reason reason, int streamId) {
        return Http2Exception.stream(reason, streamId);
    }
}
