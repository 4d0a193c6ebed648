package app;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** The kinds of hostile connection a flood is made of: what each sends and what it must get back. */
enum FloodKind {

    /** Noise: any rejection status, or a silent close. */
    RANDOM_BYTES(List.of()) {
        @Override
        byte[] request(String host, Random random) {
            var bytes = new byte[1 + random.nextInt(2048)];
            random.nextBytes(bytes);
            return bytes;
        }
    },

    /** A valid request cut short, then the client half-closes: the server closes without answering. */
    TRUNCATED(List.of()) {
        @Override
        byte[] request(String host, Random random) {
            String body = "{\"truncated\": \"by the client, on purpose\"}";
            byte[] whole = random.nextBoolean()
                    ? ascii("GET /index.html HTTP/1.1\r\nHost: " + host + "\r\nAccept: */*\r\n\r\n")
                    : ascii("POST /upload HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length() + "\r\n\r\n" + body);
            return Arrays.copyOf(whole, 1 + random.nextInt(whole.length - 1));
        }
    },

    /** A request line, a header section, or a field count past its limit. */
    OVERSIZE_HEAD(List.of(414, 431)) {
        @Override
        byte[] request(String host, Random random) {
            return switch (random.nextInt(3)) {
                case 0 -> ascii("GET /" + "a".repeat(9 * 1024) + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
                case 1 -> ascii("GET / HTTP/1.1\r\nHost: " + host + "\r\nX-Big: " + "b".repeat(17 * 1024) + "\r\n\r\n");
                default -> {
                    var head = new StringBuilder("GET / HTTP/1.1\r\nHost: " + host + "\r\n");
                    for (int i = 0; i < 120; i++) {
                        head.append("X-Field-").append(i).append(": v\r\n");
                    }
                    yield ascii(head.append("\r\n").toString());
                }
            };
        }
    },

    /** A body past {@code --max-body}: declared by Content-Length, or sent in chunks. */
    OVERSIZE_BODY(List.of(413)) {
        @Override
        byte[] request(String host, Random random) {
            String head = "POST /upload HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n";
            if (random.nextBoolean()) {
                return ascii(head + "Content-Length: " + (MAX_BODY + 1 + random.nextInt(1 << 20)) + "\r\n\r\n[1,2,3");
            }
            int size = MAX_BODY + 1024;
            return ascii(head + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(size) + "\r\n"
                    + "[" + "0,".repeat(size / 2 - 1) + "0]" + "\r\n0\r\n\r\n");
        }
    };

    /** The {@code --max-body} the flood's server runs with. */
    static final int MAX_BODY = 64 * 1024;

    private final List<Integer> statuses;

    FloodKind(List<Integer> statuses) {
        this.statuses = statuses;
    }

    abstract byte[] request(String host, Random random);

    /**
     * Whether {@code exchange} is a right answer: the connection closed, with nothing or exactly one
     * response whose status is the one this kind calls for (any rejection for noise, none for a
     * truncated request).
     */
    boolean accepts(WireExchange exchange) {
        if (!exchange.closed()) {
            return false;
        }
        List<Integer> got = exchange.statuses();
        if (got.isEmpty()) {
            return this != OVERSIZE_HEAD && this != OVERSIZE_BODY;
        }
        if (got.size() != 1) {
            return false;
        }
        int status = got.getFirst();
        return switch (this) {
            case RANDOM_BYTES -> status >= 400 && status < 600 && status != 500 && status != 503;
            case TRUNCATED -> false;
            default -> statuses.contains(status);
        };
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
