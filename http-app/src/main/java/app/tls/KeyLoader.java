package app.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a {@link KeySource} into {@link KeyMaterial}: PEM files or a PKCS#12 keystore. Every
 * failure is a {@link TlsSetupException} naming the file.
 */
public final class KeyLoader {

    /** Larger than any sane chain or key file; stops a mistaken path such as a log from being read whole. */
    private static final long MAX_FILE_SIZE = 1 << 20;

    private final Map<String, String> environment;

    /** @param environment where {@link KeySource.PasswordSource.Environment} is looked up ({@code System.getenv()}) */
    public KeyLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    public KeyMaterial load(KeySource source) throws TlsSetupException {
        return switch (source) {
            case KeySource.PemFiles pem -> loadPem(pem.certificate(), pem.key());
            case KeySource.Pkcs12 store -> loadPkcs12(store.keystore(), store.password());
        };
    }

    private static KeyMaterial loadPem(Path certificateFile, Path keyFile) throws TlsSetupException {
        List<X509Certificate> chain = certificates(certificateFile);
        PrivateKey key = privateKey(keyFile);
        try {
            return new KeyMaterial(key, chain);
        } catch (IllegalArgumentException e) {
            throw TlsSetupException.of(keyFile + " with " + certificateFile, e.getMessage());
        }
    }

    private static List<X509Certificate> certificates(Path file) throws TlsSetupException {
        List<Pem.Block> blocks = pem(file);
        List<X509Certificate> chain = new ArrayList<>();
        CertificateFactory factory = x509();
        for (Pem.Block block : blocks) {
            if (!block.label().equals("CERTIFICATE")) {
                continue; // a combined file may hold the key too; only the certificates are read here
            }
            try {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
            } catch (CertificateException e) {
                // The JDK's own words name its exception classes; the position is what helps here.
                throw TlsSetupException.of(file, "certificate " + (chain.size() + 1)
                        + " is malformed (its DER encoding is not an X.509 certificate)");
            }
        }
        if (chain.isEmpty()) {
            throw TlsSetupException.of(file, "holds no certificate (no PEM CERTIFICATE block; a DER file? "
                    + "convert it with openssl x509 -inform der)");
        }
        return chain;
    }

    private static PrivateKey privateKey(Path file) throws TlsSetupException {
        List<Pem.Block> keys = pem(file).stream().filter(b -> PrivateKeys.LABELS.contains(b.label())).toList();
        if (keys.isEmpty()) {
            throw TlsSetupException.of(file, "holds no private key (no PEM PRIVATE KEY, RSA PRIVATE KEY or "
                    + "EC PRIVATE KEY block)");
        }
        if (keys.size() > 1) {
            throw TlsSetupException.of(file, "holds " + keys.size() + " private keys; give exactly one");
        }
        try {
            return PrivateKeys.decode(keys.getFirst());
        } catch (IllegalArgumentException e) {
            throw TlsSetupException.of(file, e.getMessage());
        }
    }

    private KeyMaterial loadPkcs12(Path file, KeySource.PasswordSource passwordSource) throws TlsSetupException {
        char[] password = password(passwordSource);
        try {
            KeyStore store;
            try {
                store = KeyStore.getInstance("PKCS12");
                store.load(new ByteArrayInputStream(read(file)), password);
            } catch (IOException e) {
                // The JDK reports a wrong password as an IOException caused by UnrecoverableKeyException.
                if (e.getCause() instanceof UnrecoverableKeyException) {
                    throw TlsSetupException.of(file, "wrong keystore password" + from(passwordSource));
                }
                throw TlsSetupException.of(file, "is not a PKCS#12 keystore (" + firstLine(e) + ")");
            } catch (GeneralSecurityException e) {
                throw TlsSetupException.of(file, "is not a readable PKCS#12 keystore (" + firstLine(e) + ")");
            }
            String alias = onlyKeyEntry(file, store);
            try {
                var key = (PrivateKey) store.getKey(alias, password);
                var chain = Arrays.stream(store.getCertificateChain(alias)).map(X509Certificate.class::cast).toList();
                return new KeyMaterial(key, chain);
            } catch (UnrecoverableKeyException e) {
                throw TlsSetupException.of(file, "the key entry '" + alias + "' has a password other than the keystore's");
            } catch (GeneralSecurityException | ClassCastException e) {
                throw TlsSetupException.of(file, "the key entry '" + alias + "' cannot be read (" + firstLine(e) + ")");
            } catch (IllegalArgumentException e) {
                throw TlsSetupException.of(file, "entry '" + alias + "': " + e.getMessage());
            }
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** The one private key entry; several would leave the choice to chance. */
    private static String onlyKeyEntry(Path file, KeyStore store) throws TlsSetupException {
        List<String> aliases = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.entryInstanceOf(alias, KeyStore.PrivateKeyEntry.class)) {
                    aliases.add(alias);
                }
            }
        } catch (GeneralSecurityException e) {
            throw TlsSetupException.of(file, "cannot list the keystore (" + firstLine(e) + ")");
        }
        if (aliases.isEmpty()) {
            throw TlsSetupException.of(file, "holds no private key entry (only certificates?)");
        }
        if (aliases.size() > 1) {
            Collections.sort(aliases);
            throw TlsSetupException.of(file, "holds " + aliases.size() + " private key entries " + aliases
                    + "; give a keystore with exactly one");
        }
        return aliases.getFirst();
    }

    private char[] password(KeySource.PasswordSource source) throws TlsSetupException {
        return switch (source) {
            case KeySource.PasswordSource.File file -> {
                var text = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(read(file.path())));
                yield withoutLineBreak(text);
            }
            case KeySource.PasswordSource.Environment variable -> {
                String value = environment.get(variable.variable());
                if (value == null) {
                    throw new TlsSetupException("no keystore password: give --tls-keystore-password-file or set "
                            + variable.variable());
                }
                yield value.toCharArray();
            }
        };
    }

    /** The password without one trailing {@code \n} or {@code \r\n}: editors and {@code echo} add it. */
    private static char[] withoutLineBreak(CharBuffer text) {
        int end = text.limit();
        if (end > 0 && text.get(end - 1) == '\n') {
            end--;
            if (end > 0 && text.get(end - 1) == '\r') {
                end--;
            }
        }
        char[] password = new char[end];
        text.get(0, password);
        Arrays.fill(text.array(), '\0');
        return password;
    }

    private static String from(KeySource.PasswordSource source) {
        return switch (source) {
            case KeySource.PasswordSource.File file -> " (from " + file.path() + ")";
            case KeySource.PasswordSource.Environment variable -> " (from " + variable.variable() + ")";
        };
    }

    private static List<Pem.Block> pem(Path file) throws TlsSetupException {
        try {
            return Pem.parse(new String(read(file), StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            throw TlsSetupException.of(file, "malformed PEM: " + e.getMessage());
        }
    }

    static byte[] read(Path file) throws TlsSetupException {
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_FILE_SIZE) {
                throw TlsSetupException.of(file, "is too large (" + Files.size(file) + " bytes) for key material");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw TlsSetupException.of(file, "does not exist");
        } catch (AccessDeniedException e) {
            throw TlsSetupException.of(file, "cannot be read (permission denied)");
        } catch (IOException e) {
            throw TlsSetupException.of(file, "cannot be read (" + firstLine(e) + ")");
        }
    }

    private static CertificateFactory x509() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("every JDK has an X.509 certificate factory", e);
        }
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
