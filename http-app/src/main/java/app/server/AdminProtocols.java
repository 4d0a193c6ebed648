package app.server;

import app.http1.Http1Connection;
import app.transport.Protocols;
import app.transport.Transport;
import app.transport.Watchdog;
import java.nio.ByteBuffer;

/**
 * The admin listener's one protocol: HTTP/1.1 in cleartext, on the same connection engine as the
 * main listeners but with its own context and router. It never takes HTTP/2 prior knowledge, so
 * a client preface reaches the HTTP/1 parser and is answered as the malformed request it is
 * there; having no TLS, it never sees a handshake or ALPN.
 */
final class AdminProtocols implements Protocols {

    private final ServerContext context;
    private final Endpoint endpoint;

    AdminProtocols(ServerContext context, Endpoint endpoint) {
        this.context = context;
        this.endpoint = endpoint;
    }

    @Override
    public void http1(Transport transport, Watchdog.Deadline deadline, ByteBuffer received) {
        new Http1Connection(transport, deadline, context, endpoint, received).serve();
    }

    @Override
    public void http2(Transport transport, Watchdog.Deadline deadline, ByteBuffer received) {
        http1(transport, deadline, received);
    }

    @Override
    public boolean priorKnowledge() {
        return false;
    }

    @Override
    public void plaintextOnTlsPort(Transport transport, Watchdog.Deadline deadline, ByteBuffer received) {
        http1(transport, deadline, received);
    }
}
