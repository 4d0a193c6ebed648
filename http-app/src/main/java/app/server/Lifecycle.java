package app.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's live connections and whether it is stopping. On stop, connections waiting for
 * a next request are closed at once; the others finish the request in hand and then close.
 */
public final class Lifecycle {

    private final Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();
    private final Set<Exchange> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    public void opened(ServerConnection connection) {
        connections.add(connection);
    }

    public void closed(ServerConnection connection) {
        connections.remove(connection);
    }

    void submitted(Exchange exchange) {
        inFlight.add(exchange);
    }

    void finished(Exchange exchange) {
        inFlight.remove(exchange);
    }

    public boolean stopping() {
        return stopping;
    }

    int openConnections() {
        return connections.size();
    }

    /** Marks the server as stopping and closes every idle connection. */
    void stop() {
        stopping = true;
        connections.forEach(ServerConnection::closeIfIdle);
    }

    /** Ends exchanges the pool never ran, and closes what is still open. */
    void abandonRemaining() {
        inFlight.forEach(Exchange::abandon);
        connections.forEach(ServerConnection::closeNow);
    }
}
