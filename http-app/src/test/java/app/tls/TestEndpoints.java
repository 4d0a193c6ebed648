package app.tls;

import java.util.List;
import java.util.Map;

/** Opens a {@link TlsEndpoint} with a watcher listener of the test's, for tests outside this package. */
public final class TestEndpoints {

    private TestEndpoints() {}

    /** {@link TlsEndpoint#open} offering {@code alpn}, no environment, the watcher reporting to {@code listener}. */
    public static TlsEndpoint open(TlsConfig config, List<String> alpn, CertificateWatcher.Listener listener)
            throws TlsSetupException {
        return TlsEndpoint.open(config, alpn, Map.of(), listener);
    }
}
