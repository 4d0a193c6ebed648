package app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import protocol.hpack.HeaderField;
import protocol.http2.Dependency;
import protocol.http2.ErrorCode;
import protocol.http2.Frame;
import protocol.http2.FrameEncoder;
import protocol.http2.Octets;
import protocol.http2.Preface;
import protocol.http2.Setting;

/**
 * The HTTP/2 conformance table: one row per requirement of RFC 9113 (and RFC 7541 for HPACK) a
 * server must meet, with the frames that test it and the answer it must get. Where the RFC leaves
 * the server a choice (a stream or a connection error, how to refuse a header list), the row
 * expects the choice this server documents (README "HTTP/2", {@code Http2Exception.Reason}).
 *
 * <p>Each row's frames are sent after the connection preface and the SETTINGS exchange (the
 * server's SETTINGS acknowledged, ours acknowledged), unless the row is about the preface itself
 * and writes every byte. A row may then ask for a GET on the same connection, which must be
 * answered 200 with {@code index.html}: the error ended one stream only, or the frame was
 * ignored. That GET carries {@link #PROBE}, which rows whose header block the server refuses
 * put in that block: the server must still decode a refused block (RFC 9113 §4.3), or its
 * HPACK table and ours part ways and the GET does not decode.
 *
 * <p>Rows the server does not pass yet are listed in {@link #EXCLUDED} with what it does instead.
 */
final class Http2ConformanceCases {

    /** What the server must answer. */
    sealed interface Answer {
        /** GOAWAY with {@code code}, then the close (§5.4.1); {@code lastStream} checked unless negative. */
        record ConnectionError(ErrorCode code, int lastStream) implements Answer {
            @Override
            public String toString() {
                return "GOAWAY " + code + (lastStream >= 0 ? " naming stream " + lastStream : "");
            }
        }

        /** RST_STREAM with {@code code} on {@code stream}, and the connection goes on (§5.4.2). */
        record StreamError(int stream, ErrorCode code) implements Answer {
            @Override
            public String toString() {
                return "RST_STREAM " + code;
            }
        }

        /** A response on {@code stream} with {@code status}, to its end. */
        record Status(int stream, int status) implements Answer {
            @Override
            public String toString() {
                return Integer.toString(status);
            }
        }

        /** A PING with ACK and the same opaque data (§6.7). */
        record PingAck(long data) implements Answer {
            @Override
            public String toString() {
                return "PING ACK with the same data";
            }
        }

        /** A SETTINGS with ACK (§6.5.3). */
        record SettingsAck() implements Answer {
            @Override
            public String toString() {
                return "SETTINGS ACK";
            }
        }

        /**
         * STREAM_CLOSED, as a stream error or, since §5.1 allows it on a closed stream, as a
         * connection error: which one depends on whether the server has forgotten the stream yet.
         */
        record StreamClosed(int stream) implements Answer {
            @Override
            public String toString() {
                return "STREAM_CLOSED (RST_STREAM or GOAWAY)";
            }
        }

        /** Nothing: the frame is ignored; the row's GET shows the connection goes on. */
        record Ignored() implements Answer {
            @Override
            public String toString() {
                return "ignored";
            }
        }

        /**
         * The connection is refused as HTTP/2 (§3.4): closed, after at most GOAWAY PROTOCOL_ERROR
         * (which §3.4 allows to omit); on a cleartext port, where a connection without the preface
         * is not HTTP/2 at all (§3.3), an HTTP/1 error response is the refusal.
         */
        record NotHttp2() implements Answer {
            @Override
            public String toString() {
                return "refused (GOAWAY PROTOCOL_ERROR or close)";
            }
        }
    }

    /** What a row's frames are sent through: the test's connection. */
    interface Peer {
        /** The {@code :authority} the connection's listener accepts. */
        String authority();

        /** Writes frames, in one write. */
        void send(Frame... frames) throws IOException;

        /** Writes bytes, in one write. */
        void raw(byte[] bytes) throws IOException;

        /** A field block through the connection's HPACK encoder, whose table the server mirrors. */
        Octets block(List<HeaderField> fields);

        /** Reads until the response fields of {@code stream} came. */
        void awaitResponseHeaders(int stream) throws IOException;

        /** Reads until the response on {@code stream} ended. */
        void awaitResponse(int stream) throws IOException;
    }

    /** A row's frames. */
    @FunctionalInterface
    interface Script {
        void run(Peer peer) throws IOException;
    }

    /**
     * One row.
     *
     * @param section  the RFC section, "§6.5" for RFC 9113, "RFC 7541 §6.1" for HPACK
     * @param title    what is sent
     * @param settings the client's first SETTINGS, or empty when the script writes the preface itself
     * @param script   the frames
     * @param answer   what the server must answer
     * @param thenGet  whether a GET must be served on the same connection afterwards
     */
    record Case(String section, String title, Optional<List<Setting>> settings, Script script, Answer answer,
                boolean thenGet) {
        Case {
            if (answer instanceof Answer.Ignored && !thenGet) {
                throw new IllegalArgumentException(title + ": an ignored frame is shown by the GET after it");
            }
            if (thenGet && (answer instanceof Answer.ConnectionError || answer instanceof Answer.StreamClosed
                    || answer instanceof Answer.NotHttp2)) {
                throw new IllegalArgumentException(title + ": no GET after the connection ends");
            }
        }

        String name() {
            return section + " " + title;
        }

        @Override
        public String toString() {
            return name() + " → " + answer + (thenGet ? ", then a GET is served" : "");
        }
    }

    /**
     * Rows left out of the run because the server does not do what the RFC requires, each with
     * what the server does instead; none at present.
     */
    static final Map<String, String> EXCLUDED = Map.of();

    /** Sent in the GET after a row, and in the header blocks a row expects the server to refuse. */
    static final HeaderField PROBE = new HeaderField("x-probe", "hpack-in-step");
    /** The stream of the GET after a row: above every stream a row uses. */
    static final int FOLLOW_UP = 101;

    // Frame types and flags (§6), for frames the codec will not build.
    static final int DATA = 0x0;
    static final int HEADERS = 0x1;
    static final int PRIORITY = 0x2;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int PING = 0x6;
    static final int GOAWAY = 0x7;
    static final int WINDOW_UPDATE = 0x8;
    static final int CONTINUATION = 0x9;
    static final int END_STREAM = 0x1;
    static final int ACK = 0x1;
    static final int END_HEADERS = 0x4;
    static final int PADDED = 0x8;
    static final int PRIORITY_FLAG = 0x20;

    private static final int MAX_FRAME = 16_384;
    private static final int MAX_WINDOW = Integer.MAX_VALUE;

    private Http2ConformanceCases() {}

    /** Every row, names unique. */
    static List<Case> all() {
        var cases = new ArrayList<Case>();
        preface(cases);
        frames(cases);
        streamStates(cases);
        errorsAndExtensions(cases);
        data(cases);
        headers(cases);
        priority(cases);
        rstStream(cases);
        settings(cases);
        pingAndGoAway(cases);
        windowUpdate(cases);
        continuation(cases);
        messages(cases);
        fields(cases);
        pseudoHeaders(cases);
        hpack(cases);
        var names = new HashSet<String>();
        for (Case c : cases) {
            if (!names.add(c.name())) {
                throw new IllegalStateException("duplicate row: " + c.name());
            }
        }
        return List.copyOf(cases);
    }

    /** The rows that run: all but {@link #EXCLUDED}. */
    static List<Case> running() {
        return all().stream().filter(c -> !EXCLUDED.containsKey(c.name())).toList();
    }

    // --- Builders -------------------------------------------------------------------------------

    private static Case row(String section, String title, Script script, Answer answer, boolean thenGet) {
        return new Case(section, title, Optional.of(List.of()), script, answer, thenGet);
    }

    private static Case row(String section, String title, List<Setting> settings, Script script, Answer answer,
            boolean thenGet) {
        return new Case(section, title, Optional.of(settings), script, answer, thenGet);
    }

    /** A row whose script writes the preface and everything after it. */
    private static Case bare(String section, String title, Script script, Answer answer, boolean thenGet) {
        return new Case(section, title, Optional.empty(), script, answer, thenGet);
    }

    private static Answer goAway(ErrorCode code) {
        return new Answer.ConnectionError(code, -1);
    }

    private static Answer reset(int stream, ErrorCode code) {
        return new Answer.StreamError(stream, code);
    }

    private static Answer status(int stream, int status) {
        return new Answer.Status(stream, status);
    }

    private static final Answer IGNORED = new Answer.Ignored();

    /** GET / on the peer's authority, plus {@code extra}. */
    static List<HeaderField> get(Peer p, HeaderField... extra) {
        return H2Client.request("GET", "/", p.authority(), extra);
    }

    /** POST /upload of JSON, plus {@code extra}. */
    static List<HeaderField> upload(Peer p, HeaderField... extra) {
        var fields = new ArrayList<>(H2Client.request("POST", "/upload", p.authority(),
                new HeaderField("content-type", "application/json")));
        fields.addAll(List.of(extra));
        return fields;
    }

    static HeaderField field(String name, String value) {
        return new HeaderField(name, value);
    }

    /** One HEADERS frame with END_HEADERS carrying {@code fields}. */
    static Frame.Headers headers(Peer p, int stream, List<HeaderField> fields, boolean endStream) {
        return new Frame.Headers(stream, p.block(fields), endStream, true);
    }

    /** Opens {@code stream} with an upload whose body has not come: the stream stays open. */
    static void openUpload(Peer p, int stream) throws IOException {
        p.send(headers(p, stream, upload(p), false));
    }

    static Frame.Data data(int stream, String text, boolean endStream) {
        return new Frame.Data(stream, Octets.of(text.getBytes(StandardCharsets.US_ASCII)), endStream);
    }

    /** A frame as bytes, header and payload as given: for frames the codec refuses to build. */
    static byte[] frame(int type, int flags, int stream, byte[] payload) {
        return ByteBuffer.allocate(9 + payload.length)
                .put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length)
                .put((byte) type).put((byte) flags).putInt(stream).put(payload).array();
    }

    static byte[] encoded(Frame frame) {
        ByteBuffer buffer = FrameEncoder.encode(frame);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static byte[] int32(long value) {
        return ByteBuffer.allocate(4).putInt((int) value).array();
    }

    static byte[] setting(int id, long value) {
        return ByteBuffer.allocate(6).putShort((short) id).putInt((int) value).array();
    }

    static byte[] preface() {
        ByteBuffer preface = Preface.bytes();
        byte[] bytes = new byte[preface.remaining()];
        preface.get(bytes);
        return bytes;
    }

    /**
     * The start of a GET / written by hand, through no encoder and adding nothing to any table:
     * {@code :method GET}, {@code :scheme https}, {@code :path /} from the static table (RFC 7541
     * Appendix A), and {@code :authority} as a literal without indexing.
     */
    static byte[] handEncodedGet(Peer p) {
        byte[] authority = p.authority().getBytes(StandardCharsets.US_ASCII);
        return concat(bytes(0x82, 0x87, 0x84, 0x01, authority.length), authority);
    }

    /** A literal field without indexing with a new name, its value's octets as given (RFC 7541 §6.2.2). */
    static byte[] literal(String name, boolean huffman, byte[] value) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        return concat(bytes(0x00, n.length), n, bytes((huffman ? 0x80 : 0) | value.length), value);
    }

    /** A HEADERS frame of a hand-made field block, END_STREAM and END_HEADERS set. */
    static Frame.Headers handMade(int stream, byte[] block) {
        return new Frame.Headers(stream, Octets.of(block), true, true);
    }

    // --- Rows -----------------------------------------------------------------------------------

    private static void preface(List<Case> cases) {
        cases.add(bare("§3.4", "a connection that opens with a wrong preface",
                p -> p.raw("PRI * HTTP/2.0\r\n\r\nXX\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                new Answer.NotHttp2(), false));
        cases.add(bare("§3.4", "the preface followed by PING instead of SETTINGS",
                p -> p.raw(concat(preface(), frame(PING, 0, 0, new byte[8]))), goAway(ErrorCode.PROTOCOL_ERROR), false));
        cases.add(bare("§3.4", "the preface and SETTINGS one byte per write", p -> {
            for (byte b : concat(preface(), frame(SETTINGS, 0, 0, new byte[0]))) {
                p.raw(new byte[] {b});
            }
        }, IGNORED, true));
    }

    private static void frames(List<Case> cases) {
        cases.add(row("§4.1", "a frame of an unknown type on stream 0",
                p -> p.raw(frame(0x20, 0, 0, new byte[8])), IGNORED, true));
        cases.add(row("§4.1", "unknown flags on PING",
                p -> p.raw(frame(PING, 0xFE, 0, int64(0x0102030405060708L))),
                new Answer.PingAck(0x0102030405060708L), true));
        cases.add(row("§4.1", "unknown flags on HEADERS", p -> {
            byte[] frame = encoded(headers(p, 1, get(p), true));
            frame[4] |= 0x02 | 0x10 | 0x40 | (byte) 0x80;
            p.raw(frame);
        }, status(1, 200), true));
        cases.add(row("§4.1", "the reserved bit set in a stream identifier", p -> {
            byte[] frame = encoded(headers(p, 1, get(p), true));
            frame[5] |= (byte) 0x80;
            p.raw(frame);
        }, status(1, 200), true));
        cases.add(row("§4.2", "HEADERS longer than SETTINGS_MAX_FRAME_SIZE",
                p -> p.raw(frame(HEADERS, END_STREAM | END_HEADERS, 1, new byte[MAX_FRAME + 1])),
                goAway(ErrorCode.FRAME_SIZE_ERROR), false));
    }

    private static void streamStates(List<Case> cases) {
        cases.add(row("§5.1", "DATA on an idle stream", p -> p.send(data(1, "[]", true)),
                goAway(ErrorCode.PROTOCOL_ERROR), false));
        cases.add(row("§5.1", "WINDOW_UPDATE on an idle stream", p -> p.send(new Frame.WindowUpdate(1, 100)),
                goAway(ErrorCode.PROTOCOL_ERROR), false));
        cases.add(row("§5.1", "PRIORITY on an idle stream",
                p -> p.send(new Frame.Priority(7, new Dependency(0, false, 16))), IGNORED, true));
        // A response the server cannot send while the client grants no window keeps the stream half-closed (remote).
        cases.add(row("§5.1", "DATA on a half-closed (remote) stream",
                List.of(new Setting(Setting.INITIAL_WINDOW_SIZE, 0)), p -> {
                    p.send(headers(p, 1, get(p), true));
                    p.awaitResponseHeaders(1);
                    p.send(data(1, "x", false), new Frame.Settings(List.of(new Setting(Setting.INITIAL_WINDOW_SIZE, 65_535))));
                }, reset(1, ErrorCode.STREAM_CLOSED), true));
        cases.add(row("§5.1", "HEADERS on a half-closed (remote) stream",
                List.of(new Setting(Setting.INITIAL_WINDOW_SIZE, 0)), p -> {
                    p.send(headers(p, 1, get(p), true));
                    p.awaitResponseHeaders(1);
                    p.send(headers(p, 1, List.of(PROBE), true),
                            new Frame.Settings(List.of(new Setting(Setting.INITIAL_WINDOW_SIZE, 65_535))));
                }, reset(1, ErrorCode.STREAM_CLOSED), true));
        cases.add(row("§5.1", "HEADERS on a stream closed by both END_STREAMs", p -> {
            p.send(headers(p, 1, get(p), true));
            p.awaitResponse(1);
            p.send(headers(p, 1, get(p), true));
        }, new Answer.StreamClosed(1), false));
        cases.add(row("§5.1.1", "a new stream with an even identifier",
                p -> p.send(headers(p, 2, get(p), true)), goAway(ErrorCode.PROTOCOL_ERROR), false));
        cases.add(row("§5.1.1", "a new stream with an identifier below one already opened", p -> {
            p.send(headers(p, 5, get(p), true));
            p.awaitResponse(5);
            p.send(headers(p, 3, get(p), true));
        }, goAway(ErrorCode.PROTOCOL_ERROR), false));
    }

    private static void errorsAndExtensions(List<Case> cases) {
        cases.add(row("§5.4.1", "a connection error after two answered streams", p -> {
            p.send(headers(p, 1, get(p), true));
            p.awaitResponse(1);
            p.send(headers(p, 3, get(p), true));
            p.awaitResponse(3);
            p.raw(frame(PING, 0, 1, new byte[8]));
        }, new Answer.ConnectionError(ErrorCode.PROTOCOL_ERROR, 3), false));
        cases.add(row("§5.5", "a frame of an unknown type between a request's HEADERS and DATA", p -> {
            p.send(headers(p, 1, upload(p), false));
            p.raw(frame(0x30, 0xFF, 1, new byte[16]));
            p.send(data(1, "[]", true));
        }, status(1, 201), true));
        cases.add(row("§5.5", "a frame of an unknown type inside a header block", p -> {
            Octets block = p.block(get(p));
            p.send(new Frame.Headers(1, block.slice(0, 3), true, false));
            p.raw(frame(0x30, 0, 1, new byte[4]));
            p.send(new Frame.Continuation(1, block.slice(3, block.length()), true));
        }, goAway(ErrorCode.PROTOCOL_ERROR), false));
    }

    private static void data(List<Case> cases) {
        cases.add(row("§6.1", "DATA on stream 0", p -> p.raw(frame(DATA, END_STREAM, 0, bytes('[', ']'))),
                goAway(ErrorCode.PROTOCOL_ERROR), false));
        cases.add(row("§6.1", "DATA whose padding is as long as its payload", p -> {
            openUpload(p, 1);
            p.raw(frame(DATA, PADDED | END_STREAM, 1, bytes(5, '[', ']', 0, 0)));
        }, goAway(ErrorCode.PROTOCOL_ERROR), false));
        cases.add(row("§6.1", "padded DATA, its padding not part of the content", p -> {
            p.send(headers(p, 1, upload(p, field("content-length", "2")), false),
                    new Frame.Data(1, Octets.of(bytes('[', ']')), true, 20));
        }, status(1, 201), true));
    }

    private static void headers(List<Case> cases) {
        cases.add(row("§6.2", "HEADERS on stream 0", p -> {
            byte[] frame = encoded(headers(p, 1, get(p), true));
            frame[8] = 0;
            p.raw(frame);
        }, goAway(ErrorCode.PROTOCOL_ERROR), false));
        cases.add(row("§6.2", "HEADERS whose padding is longer than its payload", p -> {
            byte[] block = p.block(get(p)).toByteArray();
            p.raw(frame(HEADERS, PADDED | END_STREAM | END_HEADERS, 1,
                    concat(bytes(block.length + 1), block)));
        }, goAway(ErrorCode.PROTOCOL_ERROR), false));
        cases.add(row("§6.2", "padded HEADERS",
                p -> p.send(new Frame.Headers(1, Optional.empty(), p.block(get(p)), true, true, 30)),
                status(1, 200), true));
        cases.add(row("§5.3.1", "HEADERS whose priority depends on its own stream",
                p -> p.send(new Frame.Headers(3, Optional.of(new Dependency(3, false, 16)), p.block(get(p, PROBE)),
                        true, true, 0)), reset(3, ErrorCode.PROTOCOL_ERROR), true));
    }

    private static void priority(List<Case> cases) {
        cases.add(row("§6.3", "PRIORITY on stream 0", p -> p.raw(frame(PRIORITY, 0, 0, new byte[5])),
                goAway(ErrorCode.PROTOCOL_ERROR), false));
        cases.add(row("§6.3", "PRIORITY of length 4", p -> {
            openUpload(p, 1);
            p.raw(frame(PRIORITY, 0, 1, new byte[4]));
        }, reset(1, ErrorCode.FRAME_SIZE_ERROR), true));
        cases.add(row("§5.3.1", "PRIORITY that makes a stream depend on itself", p -> {
            openUpload(p, 1);
            p.send(new Frame.Priority(1, new Dependency(1, false, 16)));
        }, reset(1, ErrorCode.PROTOCOL_ERROR), true));
    }

    private static void rstStream(List<Case> cases) {
        cases.add(row("§6.4", "RST_STREAM on stream 0", p -> p.raw(frame(RST_STREAM, 0, 0, int32(8))),
                goAway(ErrorCode.PROTOCOL_ERROR), false));
        cases.add(row("§6.4", "RST_STREAM on an idle stream", p -> p.send(new Frame.RstStream(1, ErrorCode.CANCEL)),
                goAway(ErrorCode.PROTOCOL_ERROR), false));
        cases.add(row("§6.4", "RST_STREAM of length 3", p -> {
            openUpload(p, 1);
            p.raw(frame(RST_STREAM, 0, 1, new byte[3]));
        }, goAway(ErrorCode.FRAME_SIZE_ERROR), false));
    }

    private static void settings(List<Case> cases) {
        cases.add(row("§6.5", "SETTINGS ACK with a payload", p -> p.raw(frame(SETTINGS, ACK, 0, setting(0x3, 10))),
                goAway(ErrorCode.FRAME_SIZE_ERROR), false));
        cases.add(row("§6.5", "SETTINGS with length not a multiple of 6",
                p -> p.raw(frame(SETTINGS, 0, 0, bytes(0, 3, 0, 0, 0, 10, 0, 4))), goAway(ErrorCode.FRAME_SIZE_ERROR),
                false));
        cases.add(row("§6.5", "SETTINGS on stream 1", p -> p.raw(frame(SETTINGS, 0, 1, new byte[0])),
                goAway(ErrorCode.PROTOCOL_ERROR), false));
        cases.add(row("§6.5.2", "SETTINGS_ENABLE_PUSH of 2", p -> p.raw(frame(SETTINGS, 0, 0, setting(0x2, 2))),
                goAway(ErrorCode.PROTOCOL_ERROR), false));
        cases.add(row("§6.5.2", "SETTINGS_INITIAL_WINDOW_SIZE of 2^31",
                p -> p.raw(frame(SETTINGS, 0, 0, setting(0x4, 1L << 31))), goAway(ErrorCode.FLOW_CONTROL_ERROR), false));
        cases.add(row("§6.5.2", "SETTINGS_MAX_FRAME_SIZE of 16383",
                p -> p.raw(frame(SETTINGS, 0, 0, setting(0x5, 16_383))), goAway(ErrorCode.PROTOCOL_ERROR), false));
        cases.add(row("§6.5.2", "a setting of an unknown identifier",
                p -> p.raw(frame(SETTINGS, 0, 0, setting(0xF00D, 7))), new Answer.SettingsAck(), true));
    }

    private static void pingAndGoAway(List<Case> cases) {
        cases.add(row("§6.7", "PING", p -> p.send(new Frame.Ping(false, 0x1122334455667788L)),
                new Answer.PingAck(0x1122334455667788L), true));
        cases.add(row("§6.7", "PING of length 7", p -> p.raw(frame(PING, 0, 0, new byte[7])),
                goAway(ErrorCode.FRAME_SIZE_ERROR), false));
        cases.add(row("§6.7", "PING on stream 1", p -> p.raw(frame(PING, 0, 1, new byte[8])),
                goAway(ErrorCode.PROTOCOL_ERROR), false));
        cases.add(row("§6.8", "GOAWAY on stream 1", p -> p.raw(frame(GOAWAY, 0, 1, new byte[8])),
                goAway(ErrorCode.PROTOCOL_ERROR), false));
        cases.add(row("§6.8", "the client's GOAWAY right after a request",
                p -> p.send(headers(p, 1, get(p), true), new Frame.GoAway(0, ErrorCode.NO_ERROR, Octets.EMPTY)),
                status(1, 200), false));
    }

    private static void windowUpdate(List<Case> cases) {
        cases.add(row("§6.9", "WINDOW_UPDATE of 0 on a stream", p -> {
            openUpload(p, 1);
            p.raw(frame(WINDOW_UPDATE, 0, 1, int32(0)));
        }, reset(1, ErrorCode.PROTOCOL_ERROR), true));
        cases.add(row("§6.9", "WINDOW_UPDATE of 0 on the connection", p -> p.raw(frame(WINDOW_UPDATE, 0, 0, int32(0))),
                goAway(ErrorCode.PROTOCOL_ERROR), false));
        cases.add(row("§6.9", "WINDOW_UPDATE of length 3", p -> p.raw(frame(WINDOW_UPDATE, 0, 0, bytes(0, 0, 1))),
                goAway(ErrorCode.FRAME_SIZE_ERROR), false));
        cases.add(row("§6.9.1", "WINDOW_UPDATE taking a stream window past 2^31-1", p -> {
            openUpload(p, 1);
            p.send(new Frame.WindowUpdate(1, MAX_WINDOW));
        }, reset(1, ErrorCode.FLOW_CONTROL_ERROR), true));
        cases.add(row("§6.9.1", "WINDOW_UPDATE taking the connection window past 2^31-1",
                p -> p.send(new Frame.WindowUpdate(0, MAX_WINDOW)), goAway(ErrorCode.FLOW_CONTROL_ERROR), false));
        cases.add(row("§6.9.2", "SETTINGS_INITIAL_WINDOW_SIZE raised while a response waits for window",
                List.of(new Setting(Setting.INITIAL_WINDOW_SIZE, 0)), p -> {
                    p.send(headers(p, 1, get(p), true));
                    p.awaitResponseHeaders(1);
                    p.send(new Frame.Settings(List.of(new Setting(Setting.INITIAL_WINDOW_SIZE, 65_535))));
                }, status(1, 200), true));
    }

    private static void continuation(List<Case> cases) {
        cases.add(row("§6.10", "a header block in HEADERS and two CONTINUATION frames", p -> {
            Octets block = p.block(get(p));
            p.send(new Frame.Headers(1, block.slice(0, 2), true, false), new Frame.Continuation(1, block.slice(2, 4), false),
                    new Frame.Continuation(1, block.slice(4, block.length()), true));
        }, status(1, 200), true));
        cases.add(row("§6.10", "CONTINUATION without HEADERS before it",
                p -> p.send(new Frame.Continuation(1, p.block(get(p)), true)), goAway(ErrorCode.PROTOCOL_ERROR), false));
        cases.add(row("§6.10", "CONTINUATION after HEADERS with END_HEADERS", p -> {
            p.send(headers(p, 1, upload(p), false), new Frame.Continuation(1, p.block(List.of(PROBE)), true));
        }, goAway(ErrorCode.PROTOCOL_ERROR), false));
        cases.add(row("§6.10", "a header block interrupted by PING", p -> {
            Octets block = p.block(get(p));
            p.send(new Frame.Headers(1, block.slice(0, 3), true, false), new Frame.Ping(false, 1),
                    new Frame.Continuation(1, block.slice(3, block.length()), true));
        }, goAway(ErrorCode.PROTOCOL_ERROR), false));
        cases.add(row("§6.10", "CONTINUATION on another stream than its HEADERS", p -> {
            Octets block = p.block(get(p));
            p.send(new Frame.Headers(1, block.slice(0, 3), true, false),
                    new Frame.Continuation(3, block.slice(3, block.length()), true));
        }, goAway(ErrorCode.PROTOCOL_ERROR), false));
    }

    private static void messages(List<Case> cases) {
        cases.add(row("§8.1.1", "DATA longer than its content-length", p -> {
            p.send(headers(p, 1, upload(p, field("content-length", "2")), false), data(1, "[1,2]", true));
        }, reset(1, ErrorCode.PROTOCOL_ERROR), true));
        cases.add(row("§8.1.1", "DATA shorter than its content-length", p -> {
            p.send(headers(p, 1, upload(p, field("content-length", "5")), false), data(1, "[]", true));
        }, reset(1, ErrorCode.PROTOCOL_ERROR), true));
        cases.add(row("§8.1.1", "an upload whose HEADERS announce a content-length and carry END_STREAM",
                p -> p.send(headers(p, 1, upload(p, field("content-length", "2")), true)),
                reset(1, ErrorCode.PROTOCOL_ERROR), true));
        cases.add(row("§8.1", "trailers after the content", p -> {
            p.send(headers(p, 1, upload(p), false), data(1, "[]", false),
                    headers(p, 1, List.of(field("x-checksum", "none")), true));
        }, status(1, 201), true));
        cases.add(row("§8.1", "trailers without END_STREAM", p -> {
            p.send(headers(p, 1, upload(p), false), data(1, "[]", false), headers(p, 1, List.of(PROBE), false));
        }, reset(1, ErrorCode.PROTOCOL_ERROR), true));
        cases.add(row("§8.3", "a pseudo-header field in trailers", p -> {
            p.send(headers(p, 1, upload(p), false), data(1, "[]", false),
                    headers(p, 1, List.of(field(":path", "/other"), PROBE), true));
        }, reset(1, ErrorCode.PROTOCOL_ERROR), true));
        cases.add(row("§8.4", "PUSH_PROMISE from the client", p -> {
            openUpload(p, 1);
            p.send(new Frame.PushPromise(1, 2, p.block(get(p)), true, 0));
        }, goAway(ErrorCode.PROTOCOL_ERROR), false));
    }

    /** A GET on stream 1 with one more field, which the server must refuse as malformed (§8.1.1). */
    private static Case malformed(String section, String title, HeaderField extra) {
        return row(section, title, p -> p.send(headers(p, 1, get(p, extra, PROBE), true)),
                reset(1, ErrorCode.PROTOCOL_ERROR), true);
    }

    private static void fields(List<Case> cases) {
        cases.add(malformed("§8.2", "a field name with an uppercase letter", field("x-Mixed", "1")));
        cases.add(malformed("§8.2.1", "a field name with a colon", field("x:y", "1")));
        cases.add(malformed("§8.2.1", "a field value with CR", field("x-bad", "a\rb")));
        cases.add(malformed("§8.2.2", "keep-alive", field("keep-alive", "timeout=5")));
        cases.add(malformed("§8.2.2", "te with a value besides trailers", field("te", "trailers, deflate")));
        cases.add(row("§8.2.2", "te: trailers", p -> p.send(headers(p, 1, get(p, field("te", "trailers")), true)),
                status(1, 200), true));
    }

    private static void pseudoHeaders(List<Case> cases) {
        cases.add(row("§8.3.1", "no :method", p -> p.send(headers(p, 1, without(get(p, PROBE), ":method"), true)),
                reset(1, ErrorCode.PROTOCOL_ERROR), true));
        cases.add(row("§8.3.1", "an empty :path", p -> p.send(headers(p, 1, List.of(field(":method", "GET"),
                field(":scheme", "https"), field(":authority", p.authority()), field(":path", ""), PROBE), true)),
                reset(1, ErrorCode.PROTOCOL_ERROR), true));
        cases.add(row("§8.3", "a repeated :method", p -> p.send(headers(p, 1,
                Stream.concat(Stream.of(field(":method", "GET")), get(p, PROBE).stream()).toList(), true)),
                reset(1, ErrorCode.PROTOCOL_ERROR), true));
        cases.add(malformed("§8.3", "an undefined pseudo-header field", field(":foo", "bar")));
        cases.add(row("§8.3", "a pseudo-header field after a regular one", p -> {
            List<HeaderField> fields = new ArrayList<>(get(p));
            HeaderField authority = fields.remove(2);
            fields.add(field("user-agent", "conformance"));
            fields.add(authority);
            fields.add(PROBE);
            p.send(headers(p, 1, fields, true));
        }, reset(1, ErrorCode.PROTOCOL_ERROR), true));
        cases.add(malformed("§8.3.2", "the response pseudo-header :status in a request", field(":status", "200")));
    }

    private static List<HeaderField> without(List<HeaderField> fields, String name) {
        return fields.stream().filter(f -> !f.name().equals(name)).toList();
    }

    private static void hpack(List<Case> cases) {
        // §6.5.2 lets the server refuse a field section past its SETTINGS_MAX_HEADER_LIST_SIZE; this one
        // resets the stream, ENHANCE_YOUR_CALM. 500 fields of 47 octets each as RFC 9113 §6.5.2 counts
        // them (name, value, 32) pass its 16 KiB, in a block of about 6 KiB.
        cases.add(row("§6.5.2", "a field section larger than SETTINGS_MAX_HEADER_LIST_SIZE", p -> {
            var fields = new ArrayList<>(get(p));
            for (int i = 0; i < 500; i++) {
                fields.add(field("x-f%03d".formatted(i), "vvvvvvvv"));
            }
            fields.add(PROBE);
            p.send(headers(p, 1, fields, true));
        }, reset(1, ErrorCode.ENHANCE_YOUR_CALM), true));
        cases.add(row("RFC 7541 §6.3", "a dynamic table size update above SETTINGS_HEADER_TABLE_SIZE",
                p -> p.send(handMade(1, concat(bytes(0x3F, 0xE2, 0x1F), handEncodedGet(p)))),
                goAway(ErrorCode.COMPRESSION_ERROR), false));
        cases.add(row("RFC 7541 §4.2", "a dynamic table size update after a field",
                p -> p.send(handMade(1, concat(handEncodedGet(p), bytes(0x20)))), goAway(ErrorCode.COMPRESSION_ERROR),
                false));
        cases.add(row("RFC 7541 §6.1", "an indexed field of index 0",
                p -> p.send(handMade(1, concat(handEncodedGet(p), bytes(0x80)))), goAway(ErrorCode.COMPRESSION_ERROR),
                false));
        // The dynamic table is empty: 62 is one past the static table.
        cases.add(row("RFC 7541 §2.3.3", "an index past both tables",
                p -> p.send(handMade(1, concat(handEncodedGet(p), bytes(0xBE)))), goAway(ErrorCode.COMPRESSION_ERROR),
                false));
        cases.add(row("RFC 7541 §5.2", "a Huffman string padded with more than 7 bits",
                p -> p.send(handMade(1, concat(handEncodedGet(p), literal("x-h", true, bytes(0x1F, 0xFF))))),
                goAway(ErrorCode.COMPRESSION_ERROR), false));
    }

    static byte[] int64(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }
}
