package app.tls;

/**
 * Certificate or key material that cannot be used; the message is one line for a person, naming
 * the file and the problem (the server prints it and exits with 1).
 */
public final class TlsSetupException extends Exception {
    private static final long serialVersionUID = 1L;

    public TlsSetupException(String message) {
        super(message, null, false, false);
    }

    /** {@code file: problem}, the form every message here takes. */
    static TlsSetupException of(Object file, String problem) {
        return new TlsSetupException(file + ": " + problem);
    }
}
