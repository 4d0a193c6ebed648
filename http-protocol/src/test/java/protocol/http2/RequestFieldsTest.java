package protocol.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import protocol.Headers;
import protocol.Method;
import protocol.RequestHead;
import protocol.TargetForm;
import protocol.Version;
import protocol.http2.Http2Exception.Reason;
import protocol.http2.Http2Exception.Scope;
import protocol.hpack.HeaderField;

/**
 * RFC 9113 §8.1.1–§8.3.1 for requests, as a table: each valid field section and the head it gives, each malformed
 * one and the rule it breaks, always a stream error on its own stream. Numbers at their edge: N accepted, N+1 refused.
 */
class RequestFieldsTest {

    private static final int STREAM = 5;

    /** Alternating names and values. */
    private static List<HeaderField> fields(String... nameValuePairs) {
        List<HeaderField> out = new ArrayList<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            out.add(new HeaderField(nameValuePairs[i], nameValuePairs[i + 1]));
        }
        return out;
    }

    /** A valid GET's pseudo-header fields followed by {@code regular}. */
    private static List<HeaderField> get(String... regular) {
        List<HeaderField> out = fields(":method", "GET", ":scheme", "https", ":path", "/", ":authority", "example.com");
        out.addAll(fields(regular));
        return out;
    }

    private static RequestHead head(List<HeaderField> fields) throws Http2Exception {
        return RequestFields.head(STREAM, fields);
    }

    // ---- Valid requests -------------------------------------------------------------------------------------

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("GET", fields(":method", "GET", ":scheme", "https", ":path", "/index.html",
                        ":authority", "example.com"),
                        new RequestHead(Method.GET, "/index.html", TargetForm.ORIGIN, "/index.html", Optional.empty(),
                                Version.HTTP_2, Headers.of("host", "example.com"))),
                Arguments.of("HEAD over http, pseudo-headers in another order", fields(":path", "/a/b",
                        ":authority", "example.com:8080", ":scheme", "http", ":method", "HEAD", "accept", "*/*"),
                        new RequestHead(Method.HEAD, "/a/b", TargetForm.ORIGIN, "/a/b", Optional.empty(),
                                Version.HTTP_2, Headers.of("accept", "*/*", "host", "example.com:8080"))),
                Arguments.of("POST with a content-length", fields(":method", "POST", ":scheme", "https",
                        ":path", "/upload", ":authority", "example.com", "content-length", "12",
                        "content-type", "text/plain"),
                        new RequestHead(Method.POST, "/upload", TargetForm.ORIGIN, "/upload", Optional.empty(),
                                Version.HTTP_2, Headers.of("content-length", "12", "content-type", "text/plain",
                                        "host", "example.com"))),
                Arguments.of("OPTIONS *", fields(":method", "OPTIONS", ":scheme", "https", ":path", "*",
                        ":authority", "example.com"),
                        new RequestHead(Method.OPTIONS, "*", TargetForm.ASTERISK, "*", Optional.empty(),
                                Version.HTTP_2, Headers.of("host", "example.com"))),
                Arguments.of("OPTIONS on a path", fields(":method", "OPTIONS", ":scheme", "https", ":path", "/x",
                        ":authority", "example.com"),
                        new RequestHead(Method.OPTIONS, "/x", TargetForm.ORIGIN, "/x", Optional.empty(),
                                Version.HTTP_2, Headers.of("host", "example.com"))),
                Arguments.of("a query is split from the path", fields(":method", "GET", ":scheme", "https",
                        ":path", "/search?q=a%20b&x=?", ":authority", "example.com"),
                        new RequestHead(Method.GET, "/search?q=a%20b&x=?", TargetForm.ORIGIN, "/search",
                                Optional.of("q=a%20b&x=?"), Version.HTTP_2, Headers.of("host", "example.com"))),
                Arguments.of("an empty query", fields(":method", "GET", ":scheme", "https", ":path", "/?",
                        ":authority", "example.com"),
                        new RequestHead(Method.GET, "/?", TargetForm.ORIGIN, "/", Optional.of(""), Version.HTTP_2,
                                Headers.of("host", "example.com"))),
                Arguments.of("a host field and no :authority", fields(":method", "GET", ":scheme", "https",
                        ":path", "/", "host", "example.com"),
                        new RequestHead(Method.GET, "/", TargetForm.ORIGIN, "/", Optional.empty(), Version.HTTP_2,
                                Headers.of("host", "example.com"))),
                Arguments.of("a host equal to :authority", get("host", "example.com"),
                        new RequestHead(Method.GET, "/", TargetForm.ORIGIN, "/", Optional.empty(), Version.HTTP_2,
                                Headers.of("host", "example.com"))),
                Arguments.of("a host equal to :authority but for case", get("host", "Example.COM"),
                        new RequestHead(Method.GET, "/", TargetForm.ORIGIN, "/", Optional.empty(), Version.HTTP_2,
                                Headers.of("host", "Example.COM"))),
                Arguments.of("cookies repeated are kept, in order (§8.2.3)", get("cookie", "a=1", "cookie", "b=2",
                        "cookie", "c=3"),
                        new RequestHead(Method.GET, "/", TargetForm.ORIGIN, "/", Optional.empty(), Version.HTTP_2,
                                Headers.of("cookie", "a=1", "cookie", "b=2", "cookie", "c=3",
                                        "host", "example.com"))),
                Arguments.of("te: trailers", get("te", "trailers"), headWith("te", "trailers")),
                Arguments.of("te: Trailers, case-insensitive", get("te", "TraiLers"), headWith("te", "TraiLers")),
                Arguments.of("an empty value", get("x-empty", ""), headWith("x-empty", "")),
                Arguments.of("whitespace inside a value", get("x-a", "a \t b"), headWith("x-a", "a \t b")),
                Arguments.of("obs-text in a value", get("x-a", "caf\u00e9\u00ff"), headWith("x-a", "caf\u00e9\u00ff")),
                Arguments.of("a name of every tchar", get("!#$%&'*+-.^_`|~0az9", "v"),
                        headWith("!#$%&'*+-.^_`|~0az9", "v")),
                Arguments.of("content-length 0", get("content-length", "0"), headWith("content-length", "0")),
                Arguments.of("content-length of 18 digits", get("content-length", "999999999999999999"),
                        headWith("content-length", "999999999999999999")),
                Arguments.of("an extension method", fields(":method", "PROPFIND", ":scheme", "https", ":path", "/",
                        ":authority", "example.com"),
                        new RequestHead(Method.of("PROPFIND"), "/", TargetForm.ORIGIN, "/", Optional.empty(),
                                Version.HTTP_2, Headers.of("host", "example.com"))),
                Arguments.of("every visible ASCII char in :path", fields(":method", "GET", ":scheme", "https",
                        ":path", "/!\"$%&'()*+,-.:;<=>@[\\]^_`{|}~", ":authority", "example.com"),
                        new RequestHead(Method.GET, "/!\"$%&'()*+,-.:;<=>@[\\]^_`{|}~", TargetForm.ORIGIN,
                                "/!\"$%&'()*+,-.:;<=>@[\\]^_`{|}~", Optional.empty(), Version.HTTP_2,
                                Headers.of("host", "example.com"))));
    }

    /** The head of {@link #get} with one regular field. */
    private static RequestHead headWith(String name, String value) {
        return new RequestHead(Method.GET, "/", TargetForm.ORIGIN, "/", Optional.empty(), Version.HTTP_2,
                Headers.of(name, value, "host", "example.com"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void valid(String what, List<HeaderField> fields, RequestHead want) throws Http2Exception {
        RequestHead got = head(fields);
        assertEquals(want, got, what);
        assertEquals(want.headers(), got.headers(), what);
    }

    @Test
    void theContentLengthIsReadFromTheHead() throws Http2Exception {
        assertEquals(999_999_999_999_999_999L, head(get("content-length", "999999999999999999"))
                .contentLength().orElseThrow());
        assertEquals("example.com", head(get()).host().orElseThrow());
    }

    // ---- Malformed requests ---------------------------------------------------------------------------------

    static Stream<Arguments> malformed() {
        return Stream.of(
                // §8.2: names are lowercase; §8.2.1: no SP, no colon but the pseudo-header's, tchar only.
                bad("an uppercase name", get("Accept", "*/*"), Reason.UPPERCASE_FIELD_NAME),
                bad("one uppercase letter", get("x-Y", "1"), Reason.UPPERCASE_FIELD_NAME),
                bad("a space in a name", get("x y", "1"), Reason.INVALID_FIELD_NAME),
                bad("a trailing space in a name", get("accept ", "1"), Reason.INVALID_FIELD_NAME),
                bad("a colon inside a name", get("x:y", "1"), Reason.INVALID_FIELD_NAME),
                bad("a name ending in a colon", get("host:", "example.com"), Reason.INVALID_FIELD_NAME),
                bad("a non-token char in a name", get("x(y)", "1"), Reason.INVALID_FIELD_NAME),
                bad("a quote in a name", get("x\"y", "1"), Reason.INVALID_FIELD_NAME),
                bad("a NUL in a name", get("x\0", "1"), Reason.INVALID_FIELD_NAME),
                bad("DEL in a name", get("x\u007f", "1"), Reason.INVALID_FIELD_NAME),
                bad("a byte 0x80 in a name", get("x\u0080", "1"), Reason.INVALID_FIELD_NAME),
                bad("an empty name", get("", "1"), Reason.INVALID_FIELD_NAME),
                // §8.2.2: connection-specific fields.
                bad("connection", get("connection", "close"), Reason.CONNECTION_SPECIFIC_FIELD),
                bad("keep-alive", get("keep-alive", "timeout=5"), Reason.CONNECTION_SPECIFIC_FIELD),
                bad("proxy-connection", get("proxy-connection", "keep-alive"),
                        Reason.CONNECTION_SPECIFIC_FIELD),
                bad("transfer-encoding", get("transfer-encoding", "chunked"),
                        Reason.CONNECTION_SPECIFIC_FIELD),
                bad("upgrade", get("upgrade", "h2c"), Reason.CONNECTION_SPECIFIC_FIELD),
                bad("te: gzip", get("te", "gzip"), Reason.CONNECTION_SPECIFIC_FIELD),
                bad("te: trailers, gzip", get("te", "trailers, gzip"), Reason.CONNECTION_SPECIFIC_FIELD),
                bad("te: empty", get("te", ""), Reason.CONNECTION_SPECIFIC_FIELD),
                // §8.2.1: values.
                bad("a NUL in a value", get("x-a", "a\0b"), Reason.INVALID_FIELD_VALUE),
                bad("a CR in a value", get("x-a", "a\rb"), Reason.INVALID_FIELD_VALUE),
                bad("a LF in a value", get("x-a", "a\nb"), Reason.INVALID_FIELD_VALUE),
                bad("a CRLF in a value", get("x-a", "a\r\nx-b: c"), Reason.INVALID_FIELD_VALUE),
                bad("a leading space", get("x-a", " a"), Reason.INVALID_FIELD_VALUE),
                bad("a trailing space", get("x-a", "a "), Reason.INVALID_FIELD_VALUE),
                bad("a leading tab", get("x-a", "\ta"), Reason.INVALID_FIELD_VALUE),
                bad("a trailing tab", get("x-a", "a\t"), Reason.INVALID_FIELD_VALUE),
                bad("a value of one space", get("x-a", " "), Reason.INVALID_FIELD_VALUE),
                bad("a LF in a pseudo-header", fields(":method", "GET", ":scheme", "https",
                        ":path", "/\n", ":authority", "example.com"), Reason.INVALID_FIELD_VALUE),
                bad("a space around :authority", fields(":method", "GET", ":scheme", "https",
                        ":path", "/", ":authority", "example.com "), Reason.INVALID_FIELD_VALUE),
                // §8.3: pseudo-header fields.
                bad("a pseudo-header after a regular field", fields(":method", "GET", ":scheme", "https",
                        ":path", "/", "accept", "*/*", ":authority", "example.com"), Reason.MISPLACED_PSEUDO_HEADER),
                bad("an unknown pseudo-header", get(), Reason.UNKNOWN_PSEUDO_HEADER, ":foo"),
                bad(":status in a request", get(), Reason.UNKNOWN_PSEUDO_HEADER, ":status"),
                bad(":protocol (no extended CONNECT)", get(), Reason.UNKNOWN_PSEUDO_HEADER, ":protocol"),
                bad("an uppercase pseudo-header", get(), Reason.UNKNOWN_PSEUDO_HEADER, ":Method"),
                bad("a lone colon", get(), Reason.UNKNOWN_PSEUDO_HEADER, ":"),
                bad(":method twice", get(), Reason.REPEATED_PSEUDO_HEADER, ":method"),
                bad(":scheme twice", get(), Reason.REPEATED_PSEUDO_HEADER, ":scheme"),
                bad(":path twice", get(), Reason.REPEATED_PSEUDO_HEADER, ":path"),
                bad(":authority twice", get(), Reason.REPEATED_PSEUDO_HEADER, ":authority"),
                // §8.3.1: request pseudo-headers.
                bad("no :method", fields(":scheme", "https", ":path", "/", ":authority", "example.com"),
                        Reason.MISSING_PSEUDO_HEADER),
                bad("no :scheme", fields(":method", "GET", ":path", "/", ":authority", "example.com"),
                        Reason.MISSING_PSEUDO_HEADER),
                bad("no :path", fields(":method", "GET", ":scheme", "https", ":authority", "example.com"),
                        Reason.MISSING_PSEUDO_HEADER),
                bad("CONNECT (no :scheme, no :path)", fields(":method", "CONNECT",
                        ":authority", "example.com:443"), Reason.MISSING_PSEUDO_HEADER),
                bad("no :authority and no host", fields(":method", "GET", ":scheme", "https",
                        ":path", "/", "accept", "*/*"), Reason.MISSING_PSEUDO_HEADER),
                bad("no fields at all", fields(), Reason.MISSING_PSEUDO_HEADER),
                bad("an empty :path", request("GET", ""), Reason.INVALID_PSEUDO_HEADER),
                bad(":path not starting with /", request("GET", "index.html"),
                        Reason.INVALID_PSEUDO_HEADER),
                bad(":path in absolute form", request("GET", "https://example.com/"),
                        Reason.INVALID_PSEUDO_HEADER),
                bad(":path of a query only", request("GET", "?a"), Reason.INVALID_PSEUDO_HEADER),
                bad("* with GET", request("GET", "*"), Reason.INVALID_PSEUDO_HEADER),
                bad("* with HEAD", request("HEAD", "*"), Reason.INVALID_PSEUDO_HEADER),
                bad("*/ with OPTIONS", request("OPTIONS", "*/"), Reason.INVALID_PSEUDO_HEADER),
                bad("a space in :path", request("GET", "/a b"), Reason.INVALID_PSEUDO_HEADER),
                bad("a tab in :path", request("GET", "/a\tb"), Reason.INVALID_PSEUDO_HEADER),
                bad("a control char in :path", request("GET", "/a\u0001"), Reason.INVALID_PSEUDO_HEADER),
                bad("0x1f in :path", request("GET", "/a\u001f"), Reason.INVALID_PSEUDO_HEADER),
                bad("DEL (0x7f) in :path", request("GET", "/a\u007f"), Reason.INVALID_PSEUDO_HEADER),
                bad("0x80 in :path", request("GET", "/a\u0080"), Reason.INVALID_PSEUDO_HEADER),
                bad("0xff in :path", request("GET", "/\u00ff"), Reason.INVALID_PSEUDO_HEADER),
                bad("a method with a space", request("GE T", "/"), Reason.INVALID_PSEUDO_HEADER),
                bad("a method with a slash", request("GET/1", "/"), Reason.INVALID_PSEUDO_HEADER),
                bad("a method with 0x80", request("GET\u0080", "/"), Reason.INVALID_PSEUDO_HEADER),
                bad("an empty method", request("", "/"), Reason.INVALID_PSEUDO_HEADER),
                // §8.3.1: :authority and host.
                bad("two host fields", fields(":method", "GET", ":scheme", "https", ":path", "/",
                        "host", "example.com", "host", "example.com"), Reason.INVALID_PSEUDO_HEADER),
                bad("two host fields and :authority", get("host", "example.com", "host", "example.com"),
                        Reason.INVALID_PSEUDO_HEADER),
                bad("a host differing from :authority", get("host", "example.org"),
                        Reason.INVALID_PSEUDO_HEADER),
                bad("an empty :authority", fields(":method", "GET", ":scheme", "https", ":path", "/",
                        ":authority", ""), Reason.INVALID_PSEUDO_HEADER),
                bad("an empty host", fields(":method", "GET", ":scheme", "https", ":path", "/", "host", ""),
                        Reason.INVALID_PSEUDO_HEADER),
                bad("an empty :authority and an empty host", fields(":method", "GET", ":scheme", "https",
                        ":path", "/", ":authority", "", "host", ""), Reason.INVALID_PSEUDO_HEADER),
                bad("a host differing from :authority by its port", get("host", "example.com:443"),
                        Reason.INVALID_PSEUDO_HEADER),
                // §8.1.1: content-length, as strict as on HTTP/1.
                bad("content-length not digits", get("content-length", "12a"),
                        Reason.CONTENT_LENGTH_MISMATCH),
                bad("content-length negative", get("content-length", "-1"), Reason.CONTENT_LENGTH_MISMATCH),
                bad("content-length with a sign", get("content-length", "+1"),
                        Reason.CONTENT_LENGTH_MISMATCH),
                bad("content-length empty", get("content-length", ""), Reason.CONTENT_LENGTH_MISMATCH),
                bad("content-length a list", get("content-length", "5, 5"), Reason.CONTENT_LENGTH_MISMATCH),
                bad("content-length with a leading zero", get("content-length", "05"),
                        Reason.CONTENT_LENGTH_MISMATCH),
                bad("content-length 00", get("content-length", "00"), Reason.CONTENT_LENGTH_MISMATCH),
                bad("two content-lengths", get("content-length", "5", "content-length", "5"),
                        Reason.CONTENT_LENGTH_MISMATCH),
                bad("content-length of 19 digits", get("content-length", "1000000000000000000"),
                        Reason.CONTENT_LENGTH_MISMATCH),
                bad("content-length of Long.MAX_VALUE", get("content-length", "9223372036854775807"),
                        Reason.CONTENT_LENGTH_MISMATCH));
    }

    private static Arguments bad(String what, List<HeaderField> fields, Reason want) {
        return bad(what, fields, want, null);
    }

    private static Arguments bad(String what, List<HeaderField> fields, Reason want, String pseudo) {
        return Arguments.of(what, fields, want, pseudo);
    }

    /** A request with this method and path, otherwise valid. */
    private static List<HeaderField> request(String method, String path) {
        return fields(":method", method, ":scheme", "https", ":path", path, ":authority", "example.com");
    }

    /**
     * @param pseudo when given, a pseudo-header field of that name (value "x", or "/x" for :path) is added after
     *               the pseudo-header fields of {@code fields}
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource
    void malformed(String what, List<HeaderField> fields, Reason want, String pseudo) {
        List<HeaderField> all = new ArrayList<>(fields);
        if (pseudo != null) {
            all.add(4, new HeaderField(pseudo, pseudo.equals(":path") ? "/x" : "x"));
        }
        Http2Exception e = assertThrows(Http2Exception.class, () -> head(all), what);
        assertEquals(want, e.reason(), what);
        assertEquals(Scope.STREAM, e.scope(), what);
        assertEquals(STREAM, e.streamId(), what);
        assertEquals(ErrorCode.PROTOCOL_ERROR, e.code(), what);
        assertEquals(Optional.empty(), e.frame(), what);
    }

    @Test
    void theStreamIdIsTheOneGiven() {
        for (int id : new int[] {1, 3, Integer.MAX_VALUE}) {
            Http2Exception e = assertThrows(Http2Exception.class, () -> RequestFields.head(id, fields()));
            assertEquals(id, e.streamId());
            assertEquals(Scope.STREAM, e.scope());
        }
    }
}
