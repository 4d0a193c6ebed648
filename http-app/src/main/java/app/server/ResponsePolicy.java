package app.server;

import app.ResponseHeaders;
import app.ResponseHeaders.CachePreset;
import app.handler.Response;
import app.handler.Router;
import java.util.Optional;
import protocol.Headers;
import protocol.RequestHead;

/**
 * The fields a main listener adds to every response, whichever handler made it and whichever
 * protocol carries it: both writers (HTTP/1 and HTTP/2) finish each head through {@link #addTo}.
 * What never changes is put together once, at start-up: {@code X-Content-Type-Options}, the
 * security preset, the {@code --header} fields and, for {@code --cors '*'}, the CORS fields.
 * What depends on the answer is decided per response: {@code X-Request-Id}, CSP on HTML,
 * {@code Cache-Control}, and the CORS fields for a listed origin.
 */
public final class ResponsePolicy {

    /** The policy of a listener that adds nothing and numbers no request: the admin listener's. */
    public static final ResponsePolicy NONE = new ResponsePolicy();

    static final String CSP = "default-src 'self'";
    static final String NO_CACHE = "no-cache";
    /** Never stored: error pages and upload answers, which are about one request, not a resource. */
    static final String NO_STORE = "no-store";
    /** Stored uploads are the uploaders' data: a browser may keep them, a shared cache may not. */
    static final String PRIVATE = "private, no-cache";
    static final String STATIC_MAX_AGE = "public, max-age=3600";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** What a script on another origin may read of an answer beyond the CORS-safelisted fields. */
    public static final String EXPOSED = "Content-Range, ETag, Location, " + RequestIds.FIELD;

    private final Headers fixed;
    /** Where requests are numbered: empty on a listener that adds nothing. */
    private final Optional<RequestIds> ids;
    private final boolean csp;
    private final CachePreset cache;
    /** The CORS origins, when only some are listed; for {@code *} the fields are among the fixed ones. */
    private final Optional<ResponseHeaders.Cors> listed;

    /** A sink for one field of a head: the HTTP/1 field list, or the HTTP/2 one (which lowercases names). */
    @FunctionalInterface
    public interface Fields {
        void add(String name, String value);
    }

    private ResponsePolicy() {
        this.fixed = Headers.EMPTY;
        this.ids = Optional.empty();
        this.csp = false;
        this.cache = CachePreset.OFF;
        this.listed = Optional.empty();
    }

    private ResponsePolicy(ResponseHeaders settings, RequestIds ids) {
        var fields = Headers.builder().add("X-Content-Type-Options", "nosniff");
        if (settings.security()) {
            fields.add("X-Frame-Options", "DENY")
                    .add("Referrer-Policy", "strict-origin-when-cross-origin")
                    .add("Cross-Origin-Opener-Policy", "same-origin");
        }
        for (Headers.Field field : settings.fixed()) {
            fields.add(field.name(), field.value());
        }
        settings.cors().filter(ResponseHeaders.Cors::anyOrigin).ifPresent(any -> fields
                .add("Access-Control-Allow-Origin", "*")
                .add("Access-Control-Expose-Headers", EXPOSED));
        this.fixed = fields.build();
        this.ids = Optional.of(ids);
        this.csp = settings.security();
        this.cache = settings.cache();
        this.listed = settings.cors().filter(cors -> !cors.anyOrigin());
    }

    /** The policy of a main listener configured with {@code settings}. */
    public static ResponsePolicy of(ResponseHeaders settings) {
        return new ResponsePolicy(settings, new RequestIds());
    }

    /** The id of the request with {@code head} ({@code -} where requests are not numbered). */
    public String requestId(RequestHead head) {
        return ids.isPresent() ? ids.get().of(head) : "-";
    }

    /** The id of a request whose head could not be read. */
    public String requestId() {
        return ids.isPresent() ? ids.get().next() : "-";
    }

    /**
     * Adds this policy's fields for {@code response}, the answer to the request with {@code head}
     * (empty when its head could not be read) numbered {@code requestId}.
     */
    public void addTo(Fields fields, Response response, Optional<RequestHead> head, String requestId) {
        if (ids.isEmpty()) {
            return;
        }
        for (Headers.Field field : fixed) {
            fields.add(field.name(), field.value());
        }
        fields.add(RequestIds.FIELD, requestId);
        boolean html = isHtml(response);
        if (csp && html) {
            fields.add("Content-Security-Policy", CSP);
        }
        if (cache != CachePreset.OFF && !response.headers().contains("Cache-Control")) {
            cacheControl(response, head, html).ifPresent(value -> fields.add("Cache-Control", value));
        }
        if (listed.isPresent()) {
            // RFC Fetch §3.2.5: the answer depends on Origin whether or not it names a listed one.
            fields.add("Vary", "Origin");
            Optional<String> origin = head.flatMap(h -> h.headers().first("Origin"));
            if (origin.isPresent() && listed.get().allows(origin.get())) {
                fields.add("Access-Control-Allow-Origin", origin.get());
                fields.add("Access-Control-Expose-Headers", EXPOSED);
            }
        }
    }

    /**
     * The preset's {@code Cache-Control}: never public for an error page, an upload's answer or a
     * stored upload; HTML revalidated every time, since its address stays while its content
     * changes; other files by the preset. Redirects and 204s are left to the caches.
     */
    private Optional<String> cacheControl(Response response, Optional<RequestHead> head, boolean html) {
        int code = response.status().code();
        if (code >= 400 || code == 201) {
            return Optional.of(NO_STORE);
        }
        if (code != 200 && code != 206 && code != 304) {
            return Optional.empty();
        }
        if (head.isPresent() && Router.inUploadFolder(head.get())) {
            return Optional.of(PRIVATE);
        }
        if (html) {
            return Optional.of(NO_CACHE);
        }
        return Optional.of(cache == CachePreset.IMMUTABLE ? IMMUTABLE : STATIC_MAX_AGE);
    }

    private static boolean isHtml(Response response) {
        Optional<String> type = response.headers().first("Content-Type");
        return type.isPresent() && type.get().regionMatches(true, 0, "text/html", 0, "text/html".length());
    }
}
