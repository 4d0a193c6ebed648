package app.tls;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTPS listener's configuration.
 *
 * @param keys           the certificate chain and key
 * @param httpsPort      TCP port of the HTTPS listener; 0 picks a free one
 * @param redirectHttp   whether the cleartext listener answers every request with 308 to HTTPS
 * @param hsts           the {@code Strict-Transport-Security} max-age on HTTPS responses; empty sends none
 * @param reloadInterval how often the key files are polled for a replacement
 */
public record TlsConfig(KeySource keys, int httpsPort, boolean redirectHttp, Optional<Duration> hsts,
        Duration reloadInterval) {

    public static final int DEFAULT_HTTPS_PORT = 8443;
    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(2);
    /**
     * Two years: the longest max-age worth sending (the HSTS preload list asks for one year at
     * least; RFC 6797 §6.1.1 sets no upper bound). 0 is allowed: it tells browsers to forget.
     */
    public static final long MAX_HSTS_SECONDS = 63_072_000;

    public TlsConfig {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(hsts, "hsts");
        Objects.requireNonNull(reloadInterval, "reloadInterval");
        if (httpsPort < 0 || httpsPort > 65_535) {
            throw new IllegalArgumentException("https-port must be between 0 and 65535, not " + httpsPort);
        }
        hsts.ifPresent(maxAge -> {
            if (maxAge.isNegative() || maxAge.toSeconds() > MAX_HSTS_SECONDS || maxAge.toNanos() % 1_000_000_000 != 0) {
                throw new IllegalArgumentException("hsts must be whole seconds between 0 and " + MAX_HSTS_SECONDS);
            }
        });
        if (reloadInterval.isNegative() || reloadInterval.isZero()) {
            throw new IllegalArgumentException("reload interval must be positive");
        }
    }

    /** The defaults around {@code keys}: port 8443, no redirect, no HSTS, a 2 s poll. */
    public static TlsConfig of(KeySource keys) {
        return new TlsConfig(keys, DEFAULT_HTTPS_PORT, false, Optional.empty(), DEFAULT_RELOAD_INTERVAL);
    }

    /** The {@code Strict-Transport-Security} field value (RFC 6797 §6.1), when HSTS is on. */
    public Optional<String> hstsHeaderValue() {
        return hsts.map(maxAge -> "max-age=" + maxAge.toSeconds());
    }
}
