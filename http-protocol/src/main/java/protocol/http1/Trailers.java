package protocol.http1;

import java.util.Locale;
import java.util.Set;

/**
 * Which fields may not arrive as trailers (RFC 9110 §6.5.1): those needed for framing, routing, request
 * modifiers, authentication and content metadata, which a recipient would have acted on before the body.
 */
final class Trailers {

    private static final Set<String> FORBIDDEN = Set.of(
            "content-length", "transfer-encoding", "trailer", "te", "host", "authorization", "cookie",
            "set-cookie", "expect", "range", "connection", "keep-alive", "upgrade", "cache-control",
            "max-forwards", "pragma", "www-authenticate", "authentication-info", "age", "date", "expires",
            "location", "retry-after", "vary", "warning", "accept", "accept-encoding", "accept-language",
            "accept-charset", "forwarded", "via", "origin", "referer", "user-agent", "upgrade-insecure-requests");

    private Trailers() {}

    /** Whether a field with this name must not be a trailer. */
    static boolean isForbidden(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        // Prefixes: every content metadata field, every conditional, every proxy control field.
        return FORBIDDEN.contains(n) || n.startsWith("content-") || n.startsWith("if-") || n.startsWith("proxy-");
    }
}
