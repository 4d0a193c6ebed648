package app.server;

import app.http1.Http1Connection;
import app.http2.Http2Connection;
import app.metrics.ConnectionMetrics;
import app.metrics.ConnectionMetrics.Protocol;
import app.transport.Protocols;
import app.transport.Transport;
import app.transport.Watchdog;
import java.nio.ByteBuffer;

/**
 * The protocols of one listener: HTTP/1 and HTTP/2 on its endpoint, and the refusal of cleartext
 * on a TLS port. Each connection counts as open, by protocol and TLS, while its protocol serves it.
 */
final class ServerProtocols implements Protocols {

    private final ServerContext context;
    private final Endpoint endpoint;
    private final Endpoint plaintextRefusal;

    /**
     * @param plaintextRefusal the endpoint that answers a cleartext request on a TLS port (for
     *                         a cleartext listener, unused)
     */
    ServerProtocols(ServerContext context, Endpoint endpoint, Endpoint plaintextRefusal) {
        this.context = context;
        this.endpoint = endpoint;
        this.plaintextRefusal = plaintextRefusal;
    }

    @Override
    public void http1(Transport transport, Watchdog.Deadline deadline, ByteBuffer received) {
        boolean tls = secure(transport);
        connections().opened(Protocol.HTTP_1, tls);
        try {
            new Http1Connection(transport, deadline, context, endpoint, received).serve();
        } finally {
            connections().closed(Protocol.HTTP_1, tls);
        }
    }

    @Override
    public void http2(Transport transport, Watchdog.Deadline deadline, ByteBuffer received) {
        boolean tls = secure(transport);
        connections().opened(Protocol.H2, tls);
        try {
            new Http2Connection(transport, deadline, context, endpoint, context.http2Limits(), received).serve();
        } finally {
            connections().closed(Protocol.H2, tls);
        }
    }

    private ConnectionMetrics connections() {
        return context.metrics().connections();
    }

    private static boolean secure(Transport transport) {
        return transport.scheme().equals("https");
    }

    @Override
    public boolean priorKnowledge() {
        return context.config().http2();
    }

    @Override
    public void plaintextOnTlsPort(Transport transport, Watchdog.Deadline deadline, ByteBuffer received) {
        connections().opened(Protocol.HTTP_1, false);
        try {
            new Http1Connection(transport, deadline, context, plaintextRefusal, received).serve();
        } finally {
            connections().closed(Protocol.HTTP_1, false);
        }
    }
}
