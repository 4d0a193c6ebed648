package app.tls;

import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * What the server negotiates: TLS 1.3 and 1.2, forward-secret AEAD suites only, the server's
 * order, ALPN from a list of ours. Builds the one {@link SSLContext} and configures each
 * accepted {@link SSLSocket}.
 */
public final class TlsPolicy {

    /** The ALPN list of a server that speaks HTTP/1.1 only. */
    public static final List<String> HTTP_1_1 = List.of("http/1.1");

    /** The ALPN list of a server that speaks HTTP/2 too: h2 preferred (RFC 9113 §3.2). */
    public static final List<String> HTTP_2 = List.of("h2", "http/1.1");

    /** The ALPN list for a server that serves HTTP/2 or not. */
    public static List<String> applicationProtocols(boolean http2) {
        return http2 ? HTTP_2 : HTTP_1_1;
    }

    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /**
     * In our order of preference. TLS 1.3 (RFC 8446 §9.1: AES-128-GCM is the one every peer must
     * implement, and the cheapest). TLS 1.2: ECDHE key exchange only (forward secrecy; RFC 9325
     * §4.1 recommends against static RSA and finite-field DHE) with AEAD ciphers only (no CBC:
     * Lucky13 and the padding-oracle family), ECDSA before RSA as each needs its own certificate.
     */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private static final String REJECT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";

    private final List<String> applicationProtocols;
    private final SSLContext context;
    private final SSLParameters parameters;

    /**
     * @param keyManager           the server's key material (reloadable)
     * @param applicationProtocols ALPN protocols we speak, most preferred first ({@link #HTTP_1_1} for now)
     */
    public TlsPolicy(ReloadingKeyManager keyManager, List<String> applicationProtocols) {
        Objects.requireNonNull(keyManager, "keyManager");
        this.applicationProtocols = List.copyOf(applicationProtocols);
        if (this.applicationProtocols.isEmpty()) {
            throw new IllegalArgumentException("no application protocol");
        }
        try {
            // One context for the server's life: its session cache and ticket keys live in it.
            context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keyManager}, null, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's TLS provider cannot start", e);
        }
        parameters = parameters(context, this.applicationProtocols);
    }

    /**
     * Sets {@code jdk.tls.rejectClientInitiatedRenegotiation}: the JDK has no per-socket switch,
     * and reads the property once, when its server handshake classes load. Call it first thing
     * in {@code main}, before anything touches TLS. TLS 1.3 has no renegotiation (RFC 8446 §4.1.2);
     * we never start one in TLS 1.2; this refuses the client's (a CPU-cost lever for attackers).
     */
    public static void rejectRenegotiation() {
        System.setProperty(REJECT_RENEGOTIATION, "true");
    }

    /** The server's long-lived context; accepted sockets come from its socket factory. */
    public SSLContext context() {
        return context;
    }

    public List<String> applicationProtocols() {
        return applicationProtocols;
    }

    /** A copy of the parameters every accepted socket gets. */
    public SSLParameters parameters() {
        return copy(parameters);
    }

    /**
     * Prepares an accepted server-mode socket before its handshake: protocols, suites, server
     * order, ALPN. No SNI matchers are set, so every server name is accepted and gets the one
     * certificate.
     */
    public void configure(SSLSocket socket) {
        socket.setSSLParameters(copy(parameters));
        socket.setHandshakeApplicationProtocolSelector(
                (s, offered) -> Alpn.select(offered, applicationProtocols).forJsse());
    }

    /** The lines of the start-up log: protocols and suites. */
    public List<String> description() {
        return List.of(
                "protocols " + String.join(", ", parameters.getProtocols()),
                "cipher suites " + String.join(", ", parameters.getCipherSuites()),
                "application protocols " + String.join(", ", applicationProtocols));
    }

    private static SSLParameters parameters(SSLContext context, List<String> applicationProtocols) {
        SSLParameters supported = context.getSupportedSSLParameters();
        Set<String> suites = Set.of(supported.getCipherSuites());
        Set<String> protocols = Set.of(supported.getProtocols());
        // Only what this JDK can do: a suite or protocol unknown to it would fail every handshake.
        var result = new SSLParameters(
                CIPHER_SUITES.stream().filter(suites::contains).toArray(String[]::new),
                PROTOCOLS.stream().filter(protocols::contains).toArray(String[]::new));
        if (result.getCipherSuites().length == 0 || result.getProtocols().length == 0) {
            throw new IllegalStateException("this JDK supports none of our TLS protocols or cipher suites");
        }
        result.setUseCipherSuitesOrder(true);
        result.setApplicationProtocols(applicationProtocols.toArray(String[]::new));
        result.setNeedClientAuth(false);
        return result;
    }

    private static SSLParameters copy(SSLParameters source) {
        var copy = new SSLParameters(source.getCipherSuites(), source.getProtocols());
        copy.setUseCipherSuitesOrder(source.getUseCipherSuitesOrder());
        copy.setApplicationProtocols(source.getApplicationProtocols());
        copy.setNeedClientAuth(false);
        return copy;
    }
}
