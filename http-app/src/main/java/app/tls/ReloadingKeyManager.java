package app.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The server's key manager: one {@link KeyMaterial} generation at a time, swapped atomically
 * behind a long-lived {@code SSLContext} so its session-ticket keys (and so resumption) survive a
 * certificate reload.
 *
 * <p>JSSE asks {@code chooseServerAlias} first and {@code getCertificateChain}/{@code getPrivateKey}
 * later, in separate calls. Each generation has its own alias and the previous generation stays
 * resolvable, so a handshake that chose its alias before a swap still gets a chain and key that
 * belong together. The {@code null} returns are the {@link javax.net.ssl.X509KeyManager} contract.
 */
public final class ReloadingKeyManager extends X509ExtendedKeyManager {

    /** The current generation and the one before it (a handshake may still be using that one). */
    private record Generations(Generation current, Optional<Generation> previous) {}

    private record Generation(String alias, KeyMaterial material) {}

    private final AtomicReference<Generations> generations;
    private int count = 1;

    public ReloadingKeyManager(KeyMaterial initial) {
        generations = new AtomicReference<>(new Generations(new Generation("gen-1", initial), Optional.empty()));
    }

    /** New handshakes use {@code material} from now on; returns the new generation's alias. */
    public synchronized String swap(KeyMaterial material) {
        Objects.requireNonNull(material, "material");
        var next = new Generation("gen-" + ++count, material);
        generations.updateAndGet(old -> new Generations(next, Optional.of(old.current())));
        return next.alias();
    }

    /** What new handshakes are served. */
    public KeyMaterial current() {
        return generations.get().current().material();
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return choose(keyType);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = choose(keyType);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return find(alias).map(g -> g.material().chain().toArray(X509Certificate[]::new)).orElse(null);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return find(alias).map(g -> g.material().privateKey()).orElse(null);
    }

    /**
     * The current alias when its key suits {@code keyType}. JSSE asks with the key algorithm of
     * each signature scheme it would use ("RSA", "RSASSA-PSS", "EC", "EdDSA"); a null answer makes
     * it try the next scheme.
     */
    private String choose(String keyType) {
        Generation current = generations.get().current();
        String algorithm = current.material().privateKey().getAlgorithm();
        boolean suits = keyType != null && (keyType.equalsIgnoreCase(algorithm)
                || (isEdDsa(keyType) && isEdDsa(algorithm)));
        return suits ? current.alias() : null;
    }

    private static boolean isEdDsa(String algorithm) {
        return algorithm.equalsIgnoreCase("EdDSA") || algorithm.equalsIgnoreCase("Ed25519");
    }

    private Optional<Generation> find(String alias) {
        Generations now = generations.get();
        if (now.current().alias().equals(alias)) {
            return Optional.of(now.current());
        }
        return now.previous().filter(g -> g.alias().equals(alias));
    }

    // A server never authenticates as a client.

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }
}
