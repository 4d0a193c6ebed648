package app.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Where the certificate chain and its private key come from. */
public sealed interface KeySource {

    /** The files whose changes mean the material should be read again. */
    List<Path> files();

    /** A PEM chain (leaf first) and a PEM private key, as certbot and most CAs hand them out. */
    record PemFiles(Path certificate, Path key) implements KeySource {
        public PemFiles {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(key, "key");
        }

        @Override
        public List<Path> files() {
            return List.of(certificate, key);
        }
    }

    /** A PKCS#12 keystore holding one private key entry. */
    record Pkcs12(Path keystore, PasswordSource password) implements KeySource {
        public Pkcs12 {
            Objects.requireNonNull(keystore, "keystore");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public List<Path> files() {
            return switch (password) {
                case PasswordSource.File file -> List.of(keystore, file.path());
                case PasswordSource.Environment environment -> List.of(keystore);
            };
        }
    }

    /** Where a keystore's password is read; never the command line, where {@code ps} shows it. */
    sealed interface PasswordSource {

        /** The environment variable read when no password file is given. */
        String VARIABLE = "HTTP_SERVER_KEYSTORE_PASSWORD";

        /** A file holding the password; one trailing line break is not part of it. */
        record File(Path path) implements PasswordSource {
            public File {
                Objects.requireNonNull(path, "path");
            }
        }

        /** An environment variable. */
        record Environment(String variable) implements PasswordSource {
            public Environment {
                Objects.requireNonNull(variable, "variable");
            }
        }
    }
}
