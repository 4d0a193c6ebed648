package protocol;

import java.util.Locale;
import java.util.Optional;

/**
 * The content codings this server can send (RFC 9110 §8.4.1), declared in the order that breaks a tie between
 * equally preferred codings: the smallest output first, {@link #IDENTITY} last.
 */
public enum ContentCoding {
    /** Brotli (RFC 7932). */
    BR("br"),
    /** Zstandard (RFC 8878). */
    ZSTD("zstd"),
    /** gzip (RFC 1952); {@code x-gzip} is its alias (RFC 9110 §8.4.1.3). */
    GZIP("gzip"),
    /** No coding: the representation as stored. */
    IDENTITY("identity");

    private final String token;

    ContentCoding(String token) {
        this.token = token;
    }

    /** The coding's name as sent in Content-Encoding and Accept-Encoding. */
    public String token() {
        return token;
    }

    /**
     * The coding a token names, compared case-insensitively (RFC 9110 §8.4.1), with {@code x-gzip} read as
     * {@link #GZIP} as §8.4.1.3 asks of a recipient; empty for any other token.
     */
    public static Optional<ContentCoding> of(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        if (t.equals("x-gzip")) {
            return Optional.of(GZIP);
        }
        for (ContentCoding c : values()) {
            if (c.token.equals(t)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
