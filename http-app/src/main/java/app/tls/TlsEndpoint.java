package app.tls;

import app.transport.TlsSockets;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The TLS side of the HTTPS listener, assembled from a {@link TlsConfig}: the key material, the
 * reloading key manager, the one {@link SSLContext} and its policy, and the file watcher.
 */
public final class TlsEndpoint implements TlsSockets, AutoCloseable {

    private final TlsConfig config;
    private final ReloadingKeyManager keyManager;
    private final TlsPolicy policy;
    private final CertificateWatcher watcher;

    private TlsEndpoint(TlsConfig config, ReloadingKeyManager keyManager, TlsPolicy policy,
            CertificateWatcher watcher) {
        this.config = config;
        this.keyManager = keyManager;
        this.policy = policy;
        this.watcher = watcher;
    }

    /**
     * Loads the key material (a problem is the one-line {@link TlsSetupException}) and starts
     * watching its files.
     *
     * @param applicationProtocols ALPN protocols, most preferred first ({@link TlsPolicy#HTTP_1_1})
     * @param environment          where a keystore password variable is looked up ({@code System.getenv()})
     */
    public static TlsEndpoint open(TlsConfig config, List<String> applicationProtocols, Map<String, String> environment)
            throws TlsSetupException {
        return open(config, applicationProtocols, environment, CertificateWatcher.LOGGING);
    }

    static TlsEndpoint open(TlsConfig config, List<String> applicationProtocols, Map<String, String> environment,
            CertificateWatcher.Listener listener) throws TlsSetupException {
        var loader = new KeyLoader(environment);
        var keyManager = new ReloadingKeyManager(loader.load(config.keys()));
        var policy = new TlsPolicy(keyManager, applicationProtocols);
        var watcher = new CertificateWatcher(config.keys(), loader, keyManager, listener);
        watcher.start(config.reloadInterval());
        return new TlsEndpoint(config, keyManager, policy, watcher);
    }

    public TlsConfig config() {
        return config;
    }

    /**
     * The long-lived context. The transport layers each accepted socket with
     * {@code context().getSocketFactory().createSocket(socket, consumed, true)}, then calls
     * {@link #configure(SSLSocket)} and handshakes.
     */
    public SSLContext context() {
        return policy.context();
    }

    /** Server mode, protocols, suites, server order and the ALPN selector, before the handshake. */
    public void configure(SSLSocket socket) {
        socket.setUseClientMode(false);
        policy.configure(socket);
    }

    @Override
    public SSLSocket layer(Socket socket, InputStream consumed) throws IOException {
        var secure = (SSLSocket) context().getSocketFactory().createSocket(socket, consumed, true);
        configure(secure);
        return secure;
    }

    /** The key material new handshakes are served. */
    public KeyMaterial current() {
        return keyManager.current();
    }

    @Override
    public Instant certificateExpiry() {
        return current().leaf().getNotAfter().toInstant();
    }

    /** The start-up log's INFO lines: certificate, protocols, suites, ALPN. */
    public List<String> description() {
        List<String> lines = new ArrayList<>(current().description());
        lines.addAll(policy.description());
        return List.copyOf(lines);
    }

    /** The start-up log's WARN lines (an expired certificate is still served). */
    public List<String> warnings() {
        return current().warnings(Instant.now());
    }

    /** Stops watching the files; the context stays usable for connections still open. */
    @Override
    public void close() {
        watcher.close();
    }
}
