package app.metrics;

import java.util.Locale;

/** Why a listener closed a connection before any request was read: the {@code reason} label. */
public enum Refusal {
    /** Nothing arrived within the head timeout. */
    SILENT,
    /** A TLS handshake on the cleartext port. */
    TLS_ON_CLEARTEXT_PORT,
    /** The TLS handshake failed or ran out of time. */
    TLS_HANDSHAKE_FAILED,
    /** The server was stopping. */
    STOPPING,
    /** The connection's thread could not be started. */
    START_FAILED,
    /** {@code --proxy-protocol}: the connection did not open with a valid PROXY protocol header in time. */
    PROXY_HEADER;

    /** The label value, such as {@code tls_on_cleartext_port}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
