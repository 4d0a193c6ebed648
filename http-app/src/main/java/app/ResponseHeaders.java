package app;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import protocol.Headers;

/**
 * The header fields the main listeners add to responses beyond what a handler answers:
 * {@code --security-headers}, {@code --cache-control}, {@code --header} and {@code --cors}.
 * {@code X-Content-Type-Options: nosniff} and {@code X-Request-Id} are always sent and need no
 * setting. Validated here, so that a bad value never reaches the wire.
 *
 * @param security whether the security preset is sent (CSP on HTML, frame, referrer and opener policies)
 * @param cache    the {@code Cache-Control} preset
 * @param fixed    the {@code --header} fields, sent on every response as given
 * @param cors     the origins that may read responses from other origins; empty for none (the default)
 */
public record ResponseHeaders(boolean security, CachePreset cache, Headers fixed, Optional<Cors> cors) {

    /** What a browser may cache a preflight's answer for (RFC Fetch {@code Access-Control-Max-Age}). */
    public static final Duration DEFAULT_CORS_MAX_AGE = Duration.ofSeconds(600);
    /** The most {@code --header} fields: more is a mistake in the command line, not a policy. */
    public static final int MAX_FIXED_FIELDS = 32;
    /** The longest {@code --header} line, name and value together. */
    public static final int MAX_FIXED_FIELD_LENGTH = 1024;

    /** Today's answers: nothing beyond the fields always sent. */
    public static final ResponseHeaders DEFAULTS =
            new ResponseHeaders(false, CachePreset.OFF, Headers.EMPTY, Optional.empty());

    /**
     * Fields the server sets itself, on every response or on some: framing and connection fields
     * (RFC 9110 §7.6.1, RFC 9113 §8.2.2 for those HTTP/2 forbids), what describes a representation,
     * and the fields of this policy. A {@code --header} with one of these names is refused.
     */
    private static final Set<String> MANAGED = Set.of(
            "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer",
            "content-length", "date", "server", "content-type", "content-encoding", "content-range",
            "content-disposition", "content-location", "etag", "last-modified", "accept-ranges", "vary", "location",
            "allow", "retry-after", "strict-transport-security", "x-content-type-options", "x-request-id");
    private static final String CORS_PREFIX = "access-control-";
    private static final Set<String> SECURITY_PRESET = Set.of(
            "content-security-policy", "x-frame-options", "referrer-policy", "cross-origin-opener-policy");

    /** {@code --cache-control}: what caches are told of files served from the document root. */
    public enum CachePreset {
        /** No {@code Cache-Control} at all (the default): caches decide for themselves. */
        OFF,
        /** HTML {@code no-cache} (revalidated every time), other files {@code public, max-age=3600}. */
        STATIC,
        /** HTML {@code no-cache}, other files {@code public, max-age=31536000, immutable}: fingerprinted assets. */
        IMMUTABLE
    }

    /**
     * {@code --cors}: which origins may read the answers from script.
     *
     * @param anyOrigin whether every origin may ({@code --cors '*'}); then {@code origins} is empty
     * @param origins   the serialised origins ({@code scheme://host[:port]}, lowercase, no default port) allowed
     */
    public record Cors(boolean anyOrigin, Set<String> origins) {

        /** Checks that exactly one of the two forms is given. */
        public Cors {
            origins = Set.copyOf(origins);
            if (anyOrigin != origins.isEmpty()) {
                throw new IllegalArgumentException("cors: either '*' or a list of origins");
            }
        }

        /** Whether a request whose {@code Origin} is {@code origin} may read the answer. */
        public boolean allows(String origin) {
            return anyOrigin || origins.contains(origin);
        }
    }

    /** Checks the fixed fields: each a valid field, none the server sets itself, not too many. */
    public ResponseHeaders {
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(fixed, "fixed");
        Objects.requireNonNull(cors, "cors");
        if (fixed.size() > MAX_FIXED_FIELDS) {
            throw new IllegalArgumentException("header: at most " + MAX_FIXED_FIELDS + " fields, not " + fixed.size());
        }
        for (Headers.Field field : fixed) {
            checkField(field.name(), field.value());
            String name = field.name().toLowerCase(Locale.ROOT);
            if (MANAGED.contains(name) || name.startsWith(CORS_PREFIX)) {
                throw new IllegalArgumentException("header: " + field.name() + " is set by the server itself");
            }
            if (security && SECURITY_PRESET.contains(name)) {
                throw new IllegalArgumentException("header: " + field.name()
                        + " is set by --security-headers; give one or the other");
            }
            if (cache != CachePreset.OFF && name.equals("cache-control")) {
                throw new IllegalArgumentException("header: Cache-Control is set by --cache-control; "
                        + "give one or the other");
            }
        }
    }

    /** These settings with {@code cors}. */
    public ResponseHeaders withCors(Cors cors) {
        return new ResponseHeaders(security, cache, fixed, Optional.of(cors));
    }

    /**
     * One {@code --header} line, {@code Name: value}: the name a token (RFC 9110 §5.1), the value
     * visible ASCII, spaces and tabs inside (§5.5; no CR, LF, NUL or other control character).
     *
     * @throws IllegalArgumentException naming what is wrong, in one line
     */
    public static Headers.Field parseField(String line) {
        if (line.length() > MAX_FIXED_FIELD_LENGTH) {
            throw new IllegalArgumentException("header: longer than " + MAX_FIXED_FIELD_LENGTH + " characters");
        }
        int colon = line.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("header needs 'Name: value'");
        }
        String name = line.substring(0, colon);
        String value = line.substring(colon + 1).strip();
        checkField(name, value);
        return new Headers.Field(name, value);
    }

    private static void checkField(String name, String value) {
        if (name.isEmpty() || !name.chars().allMatch(ResponseHeaders::isTokenChar)) {
            throw new IllegalArgumentException("header: the name '" + printable(name) + "' is not a token");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 0x21 && c <= 0x7e || c == ' ' || c == '\t')) {
                throw new IllegalArgumentException("header: the value of " + name
                        + " holds a character not allowed in a field (U+" + String.format("%04X", (int) c) + ")");
            }
        }
        if (!value.isEmpty() && (isBlank(value.charAt(0)) || isBlank(value.charAt(value.length() - 1)))) {
            throw new IllegalArgumentException("header: whitespace around the value of " + name);
        }
    }

    // RFC 9110 §5.6.2 tchar.
    private static boolean isTokenChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c < 0x80
                && "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static String printable(String text) {
        var out = new StringBuilder();
        text.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c)
                : "\\u" + String.format("%04x", c)));
        return out.toString();
    }

    /**
     * {@code --cors}: {@code *}, or origins {@code scheme://host[:port]} separated by commas, the
     * scheme {@code http} or {@code https}, nothing after the authority. Each is kept as a browser
     * serialises it (RFC 6454 §6.2): lowercase, without the scheme's default port.
     *
     * @throws IllegalArgumentException naming the origin that is wrong, in one line
     */
    public static Cors parseCors(String text) {
        if (text.strip().equals("*")) {
            return new Cors(true, Set.of());
        }
        var origins = new LinkedHashSet<String>();
        for (String entry : text.split(",", -1)) {
            origins.add(origin(entry.strip()));
        }
        return new Cors(false, origins);
    }

    private static String origin(String text) {
        String wrong = "cors: '" + printable(text) + "' is not an origin (scheme://host[:port], http or https)";
        if (text.isEmpty() || !text.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(wrong);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(wrong);
        }
        String scheme = Optional.ofNullable(uri.getScheme()).map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
        String host = uri.getHost();
        if (!(scheme.equals("http") || scheme.equals("https")) || host == null || uri.getRawUserInfo() != null
                || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !text.regionMatches(true, 0, scheme + "://", 0, scheme.length() + 3)) {
            throw new IllegalArgumentException(wrong);
        }
        int port = uri.getPort();
        if (text.endsWith(":") || port == 0 || port > 65_535) {
            throw new IllegalArgumentException(wrong);
        }
        int defaultPort = scheme.equals("http") ? 80 : 443;
        String authority = host.toLowerCase(Locale.ROOT) + (port < 0 || port == defaultPort ? "" : ":" + port);
        return scheme + "://" + authority;
    }
}
