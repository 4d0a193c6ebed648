package app.tls;

import java.util.Map;

/** Opens a {@link TlsEndpoint} with a watcher listener of the test's, for tests outside this package. */
public final class TestEndpoints {

    private TestEndpoints() {}

    /** {@link TlsEndpoint#open}, HTTP/1.1 over ALPN, no environment, the watcher reporting to {@code listener}. */
    public static TlsEndpoint open(TlsConfig config, CertificateWatcher.Listener listener) throws TlsSetupException {
        return TlsEndpoint.open(config, TlsPolicy.HTTP_1_1, Map.of(), listener);
    }
}
