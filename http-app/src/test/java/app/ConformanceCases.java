package app;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/**
 * The conformance table: one request per server requirement of RFC 9112 (and the RFC 9110
 * rules it relies on) and of SPEC.md "Requests", with the answer it must get. Independent of
 * how the server is started, so the same table runs in process and against the runtime image.
 *
 * <p>Each request is sent in one write followed by {@link #follower(int) a valid pipelined GET}.
 * A {@link After#CLOSE} case must get exactly one final response, with {@code Connection:
 * close}, and then the close: the follower, and any request hidden in the bad one, are never
 * answered. A {@link After#NEXT} case must get its response and then the follower's 200: the
 * bytes of the first request were consumed exactly, no more and no less.
 *
 * <p>Requests are written with {@code {port}} for the server's port; hidden requests carry a
 * fixed Host so that every Content-Length and chunk size here is exact.
 */
final class ConformanceCases {

    /** What follows the case's response on the connection. */
    enum After { CLOSE, NEXT }

    /** One row: a named request, the rule it checks, and the answer it must get. */
    record Case(String name, String rfc, String request, int status, After after) {
        byte[] bytes(int port) {
            return request.replace("{port}", Integer.toString(port)).getBytes(StandardCharsets.ISO_8859_1);
        }

        /** The case followed, in the same write, by a valid pipelined request. */
        byte[] withFollower(int port) {
            byte[] request = bytes(port);
            byte[] follower = follower(port).getBytes(StandardCharsets.US_ASCII);
            byte[] both = Arrays.copyOf(request, request.length + follower.length);
            System.arraycopy(follower, 0, both, request.length, follower.length);
            return both;
        }

        boolean isHead() {
            return request.startsWith("HEAD ");
        }

        @Override
        public String toString() {
            return name + " [" + rfc + "]";
        }
    }

    private static final String HOST = "Host: 127.0.0.1:{port}\r\n";
    private static final String GET = "GET / HTTP/1.1\r\n" + HOST;
    private static final String UPLOAD = "POST /upload HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\n";
    private static final String CHUNKED = UPLOAD + "Transfer-Encoding: chunked\r\n\r\n";
    private static final String CHUNKS = "2\r\n{}\r\n0\r\n\r\n";
    /** A complete request smuggled inside another one; it must never be answered. */
    private static final String HIDDEN = "GET /hidden HTTP/1.1\r\nHost: localhost\r\n\r\n";
    private static final int HIDDEN_LENGTH = HIDDEN.length();

    private static final String R2 = "RFC 9112 §2.2";
    private static final String V = "RFC 9112 §2.3, RFC 9110 §2.5";
    private static final String R3 = "RFC 9112 §3";
    private static final String R32 = "RFC 9112 §3.2";
    private static final String HOSTS = "SPEC Host validation";
    private static final String R51 = "RFC 9112 §5.1";
    private static final String R52 = "RFC 9112 §5.2";
    private static final String VALUES = "RFC 9110 §5.5";
    private static final String R61 = "RFC 9112 §6.1";
    private static final String R63 = "RFC 9112 §6.3";
    private static final String SMUGGLING = "RFC 9112 §6.3, §11.2";
    private static final String R71 = "RFC 9112 §7.1";
    private static final String R711 = "RFC 9112 §7.1.1";
    private static final String R712 = "RFC 9112 §7.1.2, RFC 9110 §6.5.1";
    private static final String SPEC = "SPEC Requests";

    private ConformanceCases() {}

    /** The valid request pipelined after every case, on a connection it asks to close. */
    static String follower(int port) {
        return "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n";
    }

    /** Every case, names unique. */
    static List<Case> all() {
        var cases = new ArrayList<Case>();
        messageSyntax(cases);
        requestLine(cases);
        host(cases);
        fieldLines(cases);
        transferEncoding(cases);
        contentLength(cases);
        chunked(cases);
        bodiesAndHiddenRequests(cases);
        limits(cases);
        var names = new HashSet<String>();
        for (Case c : cases) {
            if (!names.add(c.name())) {
                throw new IllegalStateException("duplicate case name: " + c.name());
            }
        }
        return List.copyOf(cases);
    }

    private static Case close(String name, String rfc, int status, String request) {
        return new Case(name, rfc, request, status, After.CLOSE);
    }

    private static Case next(String name, String rfc, int status, String request) {
        return new Case(name, rfc, request, status, After.NEXT);
    }

    private static void messageSyntax(List<Case> cases) {
        cases.add(next("empty line before the request-line is ignored", R2, 200, "\r\n" + GET + "\r\n"));
        cases.add(close("bare LF before the request-line", R2 + ", " + SPEC, 400, "\n" + GET + "\r\n"));
        cases.add(close("bare LF ends the request-line", R2 + ", " + SPEC, 400, "GET / HTTP/1.1\n" + HOST + "\r\n"));
        cases.add(close("bare LF ends a field line", R2 + ", " + SPEC, 400, GET + "X-A: b\n\r\n"));
        cases.add(close("bare LF ends the header section", R2 + ", " + SPEC, 400, GET + "\n"));
        cases.add(close("bare CR in the request-line", R2, 400, "GET /\r HTTP/1.1\r\n" + HOST + "\r\n"));
        cases.add(close("bare CR in a field value", R2, 400, GET + "X-A: b\rc\r\n\r\n"));
        cases.add(close("whitespace between the request-line and the first field", R2, 400,
                "GET / HTTP/1.1\r\n X-A: b\r\n" + HOST + "\r\n"));
        cases.add(close("whitespace-only line in the header section", R2, 400, GET + " \r\n\r\n"));
        cases.add(close("HTTP/2.0 is 505", V, 505, "GET / HTTP/2.0\r\n" + HOST + "\r\n"));
        cases.add(close("HTTP/3.0 is 505", V, 505, "GET / HTTP/3.0\r\n" + HOST + "\r\n"));
        cases.add(close("HTTP/1.2 is 505", V + ", " + SPEC, 505, "GET / HTTP/1.2\r\n" + HOST + "\r\n"));
        cases.add(close("HTTP/0.9 is 505", V + ", " + SPEC, 505, "GET / HTTP/0.9\r\n" + HOST + "\r\n"));
        cases.add(close("lower-case http-name", V, 400, "GET / http/1.1\r\n" + HOST + "\r\n"));
        cases.add(close("two-digit minor version", V, 400, "GET / HTTP/1.10\r\n" + HOST + "\r\n"));
        cases.add(close("version without a dot", V, 400, "GET / HTTP/11\r\n" + HOST + "\r\n"));
        cases.add(close("no version at all (HTTP/0.9 request)", V, 400, "GET /\r\n" + HOST + "\r\n"));
    }

    private static void requestLine(List<Case> cases) {
        cases.add(close("two spaces between method and target", R3, 400, "GET  / HTTP/1.1\r\n" + HOST + "\r\n"));
        cases.add(close("HTAB as a separator", R3, 400, "GET\t/ HTTP/1.1\r\n" + HOST + "\r\n"));
        cases.add(close("space before the method", R3, 400, " GET / HTTP/1.1\r\n" + HOST + "\r\n"));
        cases.add(close("space after the version", R3, 400, "GET / HTTP/1.1 \r\n" + HOST + "\r\n"));
        cases.add(close("a fourth token after the version", R3, 400, "GET / HTTP/1.1 x\r\n" + HOST + "\r\n"));
        cases.add(close("whitespace inside the request-target", R32, 400, "GET /a b HTTP/1.1\r\n" + HOST + "\r\n"));
        cases.add(close("method with a character outside tchar", "RFC 9112 §3.1, RFC 9110 §5.6.2", 400,
                "G(T / HTTP/1.1\r\n" + HOST + "\r\n"));
        cases.add(next("method names are case-sensitive: get is unknown", "RFC 9110 §9.1", 501,
                "get / HTTP/1.1\r\n" + HOST + "\r\n"));
        cases.add(close("origin-form without the leading slash", "RFC 9112 §3.2.1", 400,
                "GET index.html HTTP/1.1\r\n" + HOST + "\r\n"));
        cases.add(close("fragment in the request-target", R32, 400, "GET /#top HTTP/1.1\r\n" + HOST + "\r\n"));
        cases.add(close("authority-form on GET", "RFC 9112 §3.2.3", 400, "GET 127.0.0.1:{port} HTTP/1.1\r\n" + HOST + "\r\n"));
        cases.add(close("asterisk-form on GET", "RFC 9112 §3.2.4", 400, "GET * HTTP/1.1\r\n" + HOST + "\r\n"));
        cases.add(next("absolute-form is accepted", "RFC 9112 §3.2.2", 200,
                "GET http://127.0.0.1:{port}/ HTTP/1.1\r\n" + HOST + "\r\n"));
        cases.add(next("absolute-form with an upper-case scheme", "RFC 9112 §3.2.2, RFC 3986 §3.1", 200,
                "GET HTTP://127.0.0.1:{port}/ HTTP/1.1\r\n" + HOST + "\r\n"));
        cases.add(close("absolute-form whose authority differs from Host", "RFC 9112 §3.2.2, " + SPEC, 400,
                "GET http://127.0.0.1:{port}/ HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n"));
        cases.add(close("absolute-form naming a foreign authority", "RFC 9112 §3.2.2, " + HOSTS, 403,
                "GET http://evil.example/ HTTP/1.1\r\nHost: evil.example\r\n\r\n"));
        cases.add(close("absolute-form with userinfo", "RFC 9110 §4.2.4", 400,
                "GET http://user@127.0.0.1:{port}/ HTTP/1.1\r\n" + HOST + "\r\n"));
        cases.add(close("absolute-form without a Host field on HTTP/1.1", R32, 400,
                "GET http://127.0.0.1:{port}/ HTTP/1.1\r\n\r\n"));
    }

    private static void host(List<Case> cases) {
        cases.add(close("HTTP/1.1 without Host", R32, 400, "GET / HTTP/1.1\r\n\r\n"));
        cases.add(close("two Host fields", R32, 400, GET + HOST + "\r\n"));
        cases.add(close("Host with a list", R32, 400, "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}, 127.0.0.1:{port}\r\n\r\n"));
        cases.add(close("empty Host", R32 + ", " + SPEC, 400, "GET / HTTP/1.1\r\nHost:\r\n\r\n"));
        cases.add(close("Host with whitespace inside", R32, 400, "GET / HTTP/1.1\r\nHost: 127.0.0.1 :{port}\r\n\r\n"));
        cases.add(close("Host with an unclosed IPv6 bracket", R32, 400, "GET / HTTP/1.1\r\nHost: [::1:{port}\r\n\r\n"));
        cases.add(close("Host with userinfo", R32 + ", RFC 9110 §7.2", 400,
                "GET / HTTP/1.1\r\nHost: user@127.0.0.1:{port}\r\n\r\n"));
        cases.add(next("HTTP/1.0 may omit Host", R32, 200, "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
        cases.add(close("HTTP/1.0 with an invalid Host", HOSTS, 400, "GET / HTTP/1.0\r\nHost: a b\r\n\r\n"));
        cases.add(close("HTTP/1.0 with a foreign Host", HOSTS, 403, "GET / HTTP/1.0\r\nHost: evil.example\r\n\r\n"));
        cases.add(next("Host localhost:PORT is accepted", HOSTS, 200, "GET / HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n"));
        cases.add(next("Host [::1]:PORT is accepted", HOSTS, 200, "GET / HTTP/1.1\r\nHost: [::1]:{port}\r\n\r\n"));
        cases.add(close("Host of another name (DNS rebinding)", HOSTS, 403, "GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n"));
        cases.add(close("Host with another port", HOSTS, 403, "GET / HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n"));
        cases.add(close("Host without the port", HOSTS, 403, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"));
    }

    private static void fieldLines(List<Case> cases) {
        cases.add(close("space between field name and colon", R51, 400, "GET / HTTP/1.1\r\nHost : 127.0.0.1:{port}\r\n\r\n"));
        cases.add(close("HTAB between field name and colon", R51, 400, GET + "X-A\t: b\r\n\r\n"));
        cases.add(close("empty field name", R51, 400, GET + ": b\r\n\r\n"));
        cases.add(close("field line without a colon", R51, 400, GET + "X-A b\r\n\r\n"));
        cases.add(close("field name with a character outside tchar", "RFC 9110 §5.1, §5.6.2", 400, GET + "X(A): b\r\n\r\n"));
        cases.add(close("field name with an obs-text byte", "RFC 9110 §5.1, §5.6.2", 400, GET + "X-\u00e9: b\r\n\r\n"));
        cases.add(next("field value with HTAB inside", VALUES, 200, GET + "X-A: b\tc\r\n\r\n"));
        cases.add(next("field value with obs-text", VALUES, 200, GET + "X-A: caf\u00e9\r\n\r\n"));
        cases.add(next("empty field value", VALUES, 200, GET + "X-A:   \r\n\r\n"));
        cases.add(close("NUL in a field value", VALUES, 400, GET + "X-A: b\0c\r\n\r\n"));
        cases.add(close("ESC in a field value", VALUES + ", " + SPEC, 400, GET + "X-A: b\u001bc\r\n\r\n"));
        cases.add(close("DEL in a field value", VALUES + ", " + SPEC, 400, GET + "X-A: b\u007fc\r\n\r\n"));
        cases.add(close("obs-fold with SP", R52, 400, GET + "X-A: b\r\n c\r\n\r\n"));
        cases.add(close("obs-fold with HTAB", R52, 400, GET + "X-A: b\r\n\tc\r\n\r\n"));
        cases.add(close("two Content-Type fields", SPEC, 400, UPLOAD + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"));
    }

    private static void transferEncoding(List<Case> cases) {
        cases.add(next("chunked body", R71, 201, CHUNKED + CHUNKS));
        cases.add(next("coding name in upper case", "RFC 9112 §7", 201, UPLOAD + "Transfer-Encoding: CHUNKED\r\n\r\n" + CHUNKS));
        cases.add(next("field name in lower case", "RFC 9110 §5.1", 201, UPLOAD + "transfer-encoding: chunked\r\n\r\n" + CHUNKS));
        cases.add(next("Transfer-Encoding with two leading spaces", VALUES, 201, UPLOAD + "Transfer-Encoding:  chunked\r\n\r\n" + CHUNKS));
        cases.add(next("Transfer-Encoding with HTAB before the value", VALUES, 201, UPLOAD + "Transfer-Encoding:\tchunked\r\n\r\n" + CHUNKS));
        cases.add(next("Transfer-Encoding with HTAB after the value", VALUES, 201, UPLOAD + "Transfer-Encoding: chunked\t\r\n\r\n" + CHUNKS));
        cases.add(close("Transfer-Encoding with VT before the value", VALUES, 400, UPLOAD + "Transfer-Encoding:\u000bchunked\r\n\r\n" + CHUNKS));
        cases.add(close("Transfer-Encoding with NUL after the value", VALUES, 400, UPLOAD + "Transfer-Encoding: chunked\0\r\n\r\n" + CHUNKS));
        cases.add(close("unknown coding xchunked alone is 501", R61 + ", " + SPEC, 501, UPLOAD + "Transfer-Encoding: xchunked\r\n\r\n" + CHUNKS));
        cases.add(close("gzip alone is 501", R61 + ", " + SPEC, 501, UPLOAD + "Transfer-Encoding: gzip\r\n\r\n" + CHUNKS));
        cases.add(close("identity alone is 501", R61 + ", " + SPEC, 501, UPLOAD + "Transfer-Encoding: identity\r\n\r\n" + CHUNKS));
        cases.add(close("quoted \"chunked\"", R61, 400, UPLOAD + "Transfer-Encoding: \"chunked\"\r\n\r\n" + CHUNKS));
        cases.add(close("chunked, identity: chunked not final", R63, 400, UPLOAD + "Transfer-Encoding: chunked, identity\r\n\r\n" + CHUNKS));
        cases.add(close("identity, chunked", R61 + ", " + SPEC, 400, UPLOAD + "Transfer-Encoding: identity, chunked\r\n\r\n" + CHUNKS));
        cases.add(close("gzip, chunked", R61 + ", " + SPEC, 400, UPLOAD + "Transfer-Encoding: gzip, chunked\r\n\r\n" + CHUNKS));
        cases.add(close("chunked, chunked", R61, 400, UPLOAD + "Transfer-Encoding: chunked, chunked\r\n\r\n" + CHUNKS));
        cases.add(close("empty list element before chunked", SPEC, 400, UPLOAD + "Transfer-Encoding: ,chunked\r\n\r\n" + CHUNKS));
        cases.add(close("empty list element after chunked", SPEC, 400, UPLOAD + "Transfer-Encoding: chunked,\r\n\r\n" + CHUNKS));
        cases.add(close("chunked with a parameter", SPEC, 400, UPLOAD + "Transfer-Encoding: chunked;q=1\r\n\r\n" + CHUNKS));
        cases.add(close("empty Transfer-Encoding", SPEC, 400, UPLOAD + "Transfer-Encoding:\r\n\r\n" + CHUNKS));
        cases.add(close("Transfer-Encoding chunked twice", SPEC, 400,
                UPLOAD + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n" + CHUNKS));
        cases.add(close("Transfer-Encoding chunked then identity", SPEC, 400,
                UPLOAD + "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n" + CHUNKS));
        cases.add(close("Transfer_Encoding with an underscore", SPEC, 400, UPLOAD + "Transfer_Encoding: chunked\r\n\r\n" + CHUNKS));
        cases.add(close("Transfer-Encoding with a space before the colon", R51, 400,
                UPLOAD + "Transfer-Encoding : chunked\r\n\r\n" + CHUNKS));
        cases.add(close("Transfer-Encoding folded onto the next line", R52, 400, UPLOAD + "Transfer-Encoding:\r\n chunked\r\n\r\n" + CHUNKS));
        cases.add(close("Transfer-Encoding on HTTP/1.0", R61, 400, "POST /upload HTTP/1.0\r\n" + HOST
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + CHUNKS));

        // CL.TE and TE.CL: a front end that reads the other field would see HIDDEN as a request.
        String chunkedHidden = "0\r\n\r\n" + HIDDEN;
        cases.add(close("CL.TE: Content-Length then chunked", SMUGGLING, 400, UPLOAD + "Content-Length: "
                + chunkedHidden.length() + "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedHidden));
        String sizeLine = Integer.toHexString(HIDDEN_LENGTH) + "\r\n";
        cases.add(close("TE.CL: chunked then Content-Length", SMUGGLING, 400, UPLOAD + "Transfer-Encoding: chunked\r\nContent-Length: "
                + sizeLine.length() + "\r\n\r\n" + sizeLine + HIDDEN + "\r\n0\r\n\r\n"));
        // TE.TE: an obfuscated Transfer-Encoding next to a Content-Length.
        for (String te : List.of("Transfer-Encoding: xchunked", "Transfer-Encoding:  chunked", "Transfer-Encoding:\tchunked",
                "Transfer-Encoding: CHUNKED", "Transfer-Encoding: chunked, identity",
                "Transfer-Encoding: chunked\r\nTransfer-Encoding: xchunked", "Transfer_Encoding: chunked",
                "Transfer-Encoding : chunked", "Transfer-Encoding:\r\n chunked")) {
            cases.add(close("TE.TE: Content-Length with '" + te.replace("\r\n", "\\r\\n").replace("\t", "\\t") + "'",
                    SMUGGLING, 400, UPLOAD + "Content-Length: " + chunkedHidden.length() + "\r\n" + te + "\r\n\r\n" + chunkedHidden));
        }
    }

    private static void contentLength(List<Case> cases) {
        cases.add(next("Content-Length body", R63, 201, UPLOAD + "Content-Length: 2\r\n\r\n{}"));
        cases.add(next("Content-Length with trailing OWS", VALUES, 201, UPLOAD + "Content-Length: 2 \r\n\r\n{}"));
        cases.add(close("two equal Content-Length fields", R63 + ", " + SPEC, 400, UPLOAD + "Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}"));
        cases.add(close("two different Content-Length fields", R63, 400, UPLOAD + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{} "));
        cases.add(close("Content-Length list of equal values", R63 + ", " + SPEC, 400, UPLOAD + "Content-Length: 2, 2\r\n\r\n{}"));
        cases.add(close("Content-Length list of different values", R63, 400, UPLOAD + "Content-Length: 2, 3\r\n\r\n{} "));
        cases.add(close("Content-Length with a plus sign", R63 + ", " + SPEC, 400, UPLOAD + "Content-Length: +2\r\n\r\n{}"));
        cases.add(close("negative Content-Length", R63, 400, UPLOAD + "Content-Length: -2\r\n\r\n{}"));
        cases.add(close("Content-Length with a leading zero", SPEC, 400, UPLOAD + "Content-Length: 02\r\n\r\n{}"));
        cases.add(close("hexadecimal Content-Length", R63, 400, UPLOAD + "Content-Length: 0x2\r\n\r\n{}"));
        cases.add(close("Content-Length with a space inside", R63, 400, UPLOAD + "Content-Length: 1 2\r\n\r\n{}"));
        cases.add(close("Content-Length with a letter", R63, 400, UPLOAD + "Content-Length: 2a\r\n\r\n{}"));
        cases.add(close("empty Content-Length", R63, 400, UPLOAD + "Content-Length:\r\n\r\n{}"));
        cases.add(close("Content_Length with an underscore", SPEC, 400, UPLOAD + "Content_Length: 2\r\n\r\n{}"));
        cases.add(close("Content-Length with a space before the colon", R51, 400, UPLOAD + "Content-Length : 2\r\n\r\n{}"));
        cases.add(close("Content-Length of 18 digits is over the limit", SPEC, 413, UPLOAD + "Content-Length: 999999999999999999\r\n\r\n{}"));
        cases.add(close("Content-Length of 19 digits", R63 + ", " + SPEC, 400, UPLOAD + "Content-Length: 9999999999999999999\r\n\r\n{}"));
        cases.add(close("Content-Length past 2^64", R63 + ", " + SPEC, 400, UPLOAD + "Content-Length: 18446744073709551618\r\n\r\n{}"));
    }

    private static void chunked(List<Case> cases) {
        String head = CHUNKED;
        cases.add(next("chunk size with leading zeros", R71, 201, head + "0002\r\n{}\r\n0\r\n\r\n"));
        cases.add(next("chunk size of 16 hex digits", R71 + ", " + SPEC, 201, head + "0000000000000002\r\n{}\r\n0\r\n\r\n"));
        cases.add(next("last-chunk written as 00", R71, 201, head + "2\r\n{}\r\n00\r\n\r\n"));
        cases.add(close("chunk size of 17 hex digits", R71 + ", " + SPEC, 400, head + "00000000000000002\r\n{}\r\n0\r\n\r\n"));
        cases.add(close("chunk size 2^64 + 2 that wraps to 2", R71, 400, head + "10000000000000002\r\n{}\r\n0\r\n\r\n"));
        cases.add(close("chunk size 2^64 - 1 is over the limit, not negative", R71 + ", " + SPEC, 413, head + "FFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n"));
        cases.add(close("chunk size 2^63 - 1 is over the limit", R71 + ", " + SPEC, 413, head + "7FFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n"));
        cases.add(close("chunk size with a 0x prefix", R71 + ", " + SPEC, 400, head + "0x2\r\n{}\r\n0\r\n\r\n"));
        cases.add(close("chunk size with a plus sign", R71 + ", " + SPEC, 400, head + "+2\r\n{}\r\n0\r\n\r\n"));
        cases.add(close("negative chunk size", R71 + ", " + SPEC, 400, head + "-2\r\n{}\r\n0\r\n\r\n"));
        cases.add(close("chunk size with a leading space", R71 + ", " + SPEC, 400, head + " 2\r\n{}\r\n0\r\n\r\n"));
        cases.add(close("chunk size with a trailing space", R71 + ", " + SPEC, 400, head + "2 \r\n{}\r\n0\r\n\r\n"));
        cases.add(close("chunk size not hexadecimal", R71, 400, head + "G\r\n{}\r\n0\r\n\r\n"));
        cases.add(close("chunk size with an underscore", R71, 400, head + "0_2\r\n{}\r\n0\r\n\r\n"));
        cases.add(close("empty chunk size", R71, 400, head + "\r\n{}\r\n0\r\n\r\n"));
        cases.add(close("chunk data longer than its size", R71 + ", " + SPEC, 400, head + "2\r\n{}XX\r\n0\r\n\r\n"));
        cases.add(close("bare LF after the chunk size", R71 + ", " + SPEC, 400, head + "2\n{}\r\n0\r\n\r\n"));
        cases.add(close("bare LF after the chunk data", R71 + ", " + SPEC, 400, head + "2\r\n{}\n0\r\n\r\n"));
        cases.add(close("bare LF after the last-chunk", R71 + ", " + SPEC, 400, head + "2\r\n{}\r\n0\n\r\n"));
        cases.add(close("bare LF ends the trailer section", R71 + ", " + SPEC, 400, head + "2\r\n{}\r\n0\r\n\n"));
        cases.add(close("bare CR after the chunk size", R71 + ", " + R2, 400, head + "2\r{}\r\n0\r\n\r\n"));
        cases.add(close("bare CR after the chunk data", R71 + ", " + R2, 400, head + "2\r\n{}\r0\r\n\r\n"));
        cases.add(next("chunk extension with a quoted value", R711, 201, head + "2;a=\"b c\"\r\n{}\r\n0\r\n\r\n"));
        cases.add(next("BWS before a chunk extension", R711, 201, head + "2 ;a=b\r\n{}\r\n0\r\n\r\n"));
        cases.add(close("empty chunk extension", R711, 400, head + "2;\r\n{}\r\n0\r\n\r\n"));
        cases.add(close("chunk extension without a name", R711, 400, head + "2;=b\r\n{}\r\n0\r\n\r\n"));
        cases.add(close("unterminated quoted chunk extension", R711, 400, head + "2;a=\"b\r\n{}\r\n0\r\n\r\n"));
        cases.add(close("NUL in a chunk extension", R711, 400, head + "2;a=b\0\r\n{}\r\n0\r\n\r\n"));
        cases.add(close("bare LF inside a chunk extension", R711, 400, head + "2;a=b\nc\r\n{}\r\n0\r\n\r\n"));
        cases.add(close("chunk extension over 4 KiB", SPEC, 400, head + "2;a=" + "b".repeat(5000) + "\r\n{}\r\n0\r\n\r\n"));
        for (String field : List.of("Content-Length: 5", "Transfer-Encoding: chunked", "Host: evil.example",
                "Content-Type: text/plain")) {
            cases.add(close("trailer field " + field.substring(0, field.indexOf(':')) + " is not allowed", R712 + ", " + SPEC, 400,
                    head + "2\r\n{}\r\n0\r\n" + field + "\r\n\r\n"));
        }
        cases.add(close("space before the colon of a trailer field", R712 + ", " + R51, 400, head + "2\r\n{}\r\n0\r\nX-T : a\r\n\r\n"));
        cases.add(close("obs-fold in the trailer section", R712 + ", " + R52, 400, head + "2\r\n{}\r\n0\r\nX-T: a\r\n b\r\n\r\n"));
        cases.add(close("NUL in a trailer field", R712 + ", " + VALUES, 400, head + "2\r\n{}\r\n0\r\nX-T: a\0\r\n\r\n"));
        // The follower's request-line lands where the trailer section is read: a field line without a colon.
        cases.add(close("last-chunk without the final CRLF", R71, 400, head + "2\r\n{}\r\n0\r\n"));
    }

    private static void bodiesAndHiddenRequests(List<Case> cases) {
        cases.add(next("Content-Length: 0 on GET", SPEC, 200, GET + "Content-Length: 0\r\n\r\n"));
        cases.add(close("request hidden in a GET body (Content-Length)", SPEC + ", RFC 9112 §11.2", 400,
                GET + "Content-Length: " + HIDDEN_LENGTH + "\r\n\r\n" + HIDDEN));
        cases.add(close("request hidden in a GET body (chunked)", SPEC + ", RFC 9112 §11.2", 400, GET
                + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(HIDDEN_LENGTH) + "\r\n" + HIDDEN + "\r\n0\r\n\r\n"));
        cases.add(close("request hidden in a HEAD body", SPEC + ", RFC 9110 §9.3.2", 400,
                "HEAD / HTTP/1.1\r\n" + HOST + "Content-Length: " + HIDDEN_LENGTH + "\r\n\r\n" + HIDDEN));
        cases.add(close("HEAD without Host", R32 + ", RFC 9110 §9.3.2", 400, "HEAD / HTTP/1.1\r\n\r\n"));
        cases.add(close("HEAD with obs-fold", R52 + ", RFC 9110 §9.3.2", 400, "HEAD / HTTP/1.1\r\n" + HOST + "X-A: b\r\n c\r\n\r\n"));
        cases.add(close("request hidden in an OPTIONS body", SPEC + ", RFC 9112 §11.2", 400,
                "OPTIONS * HTTP/1.1\r\n" + HOST + "Content-Length: " + HIDDEN_LENGTH + "\r\n\r\n" + HIDDEN));
        cases.add(next("request hidden in an invalid JSON body (Content-Length)", "RFC 9112 §6.3, §11.2", 400,
                UPLOAD + "Content-Length: " + HIDDEN_LENGTH + "\r\n\r\n" + HIDDEN));
        cases.add(next("request hidden in an invalid JSON body (chunked)", "RFC 9112 §7.1, §11.2", 400,
                CHUNKED + Integer.toHexString(HIDDEN_LENGTH) + "\r\n" + HIDDEN + "\r\n0\r\n\r\n"));
        cases.add(close("request hidden in the unread body of a 415", "RFC 9112 §9.6, §11.2", 415,
                "POST /upload HTTP/1.1\r\n" + HOST + "Content-Type: text/plain\r\nContent-Length: " + HIDDEN_LENGTH + "\r\n\r\n" + HIDDEN));
        cases.add(close("request hidden in the unread body of a 405", "RFC 9112 §9.6, §11.2", 405,
                "POST /index.html HTTP/1.1\r\n" + HOST + "Content-Length: " + HIDDEN_LENGTH + "\r\n\r\n" + HIDDEN));
        cases.add(close("request hidden behind a refused 100-continue", "RFC 9110 §10.1.1, " + SPEC, 415,
                "POST /upload HTTP/1.1\r\n" + HOST + "Content-Type: text/plain\r\nExpect: 100-continue\r\nContent-Length: "
                        + HIDDEN_LENGTH + "\r\n\r\n" + HIDDEN));
        cases.add(next("100-continue and the body sent at once", "RFC 9110 §10.1.1", 201,
                UPLOAD + "Expect: 100-continue\r\nContent-Length: 2\r\n\r\n{}"));
        cases.add(next("CR LF decoded in the path", SPEC, 400, "GET /%0d%0aX-A:%20b HTTP/1.1\r\n" + HOST + "\r\n"));
    }

    private static void limits(List<Case> cases) {
        cases.add(close("request-line over 8 KiB is 414", SPEC, 414, "GET /" + "a".repeat(9000) + " HTTP/1.1\r\n" + HOST + "\r\n"));
        cases.add(close("header section over 16 KiB is 431", SPEC, 431, GET + "X-A: " + "a".repeat(17_000) + "\r\n\r\n"));
        var fields = new StringBuilder(GET);
        for (int i = 0; i < 100; i++) {
            fields.append("X-").append(i).append(": a\r\n");
        }
        cases.add(close("101 header fields is 431", SPEC, 431, fields + "\r\n"));
        cases.add(close("Content-Length over --max-body is 413", SPEC, 413, UPLOAD + "Content-Length: 1048577\r\n\r\n{}"));
    }
}
