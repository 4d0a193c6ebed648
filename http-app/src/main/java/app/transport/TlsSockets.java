package app.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Instant;
import javax.net.ssl.SSLSocket;

/** Layers server-side TLS, configured with the server's policy, on an accepted socket. */
public interface TlsSockets {

    /**
     * A server-mode TLS socket over {@code socket} whose handshake has not started.
     *
     * @param consumed the bytes already read from {@code socket} (the start of the ClientHello)
     */
    SSLSocket layer(Socket socket, InputStream consumed) throws IOException;

    /** When the certificate served to new handshakes expires (its {@code notAfter}). */
    Instant certificateExpiry();
}
