package app.server;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import protocol.RequestHead;

/**
 * The id of every request: the client's {@code X-Request-Id} when it is a safe one (so that a
 * proxy's or a client's id follows the request into these logs), else a new one. A new id is a
 * random prefix drawn once per process and a counter, {@code 5f0c2a9e31-1a}: unique within the
 * process, most unlikely to repeat across processes, and costing an increment per request.
 */
public final class RequestIds {

    /** The field that carries the id, in both directions. */
    public static final String FIELD = "X-Request-Id";
    /** The longest client id taken; a longer one is replaced. */
    public static final int MAX_LENGTH = 64;
    /** Random bytes of the per-process prefix. */
    private static final int PREFIX_BYTES = 5;

    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    /** Ids with a fresh random prefix. */
    public RequestIds() {
        byte[] random = new byte[PREFIX_BYTES];
        new SecureRandom().nextBytes(random);
        this.prefix = HexFormat.of().formatHex(random) + "-";
    }

    /** The id of the request with {@code head}: the client's when {@link #acceptable}, else a new one. */
    public String of(RequestHead head) {
        return head.headers().first(FIELD).filter(RequestIds::acceptable).orElseGet(this::next);
    }

    /** A new id, for a request whose head could not be read. */
    public String next() {
        return prefix + Long.toHexString(counter.incrementAndGet());
    }

    /**
     * Whether a client's id is taken as it is: 1 to {@value #MAX_LENGTH} characters of
     * {@code [A-Za-z0-9._-]}, which cannot forge a log line or a field.
     */
    public static boolean acceptable(String id) {
        if (id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
