package app.server;

import app.admin.ServerState;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's live connections and where it is in its life: listening once every listener
 * accepts, draining from the moment a graceful shutdown begins, stopping once the listeners are
 * closed. On stop, connections waiting for a next request are closed at once; the others finish
 * the request in hand and then close.
 */
public final class Lifecycle implements ServerState {

    private final Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();
    private final Set<Exchange> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean listening;
    private volatile boolean draining;
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

    @Override
    public boolean listening() {
        return listening && !draining;
    }

    @Override
    public boolean draining() {
        return draining;
    }

    /** Every listener accepts connections now. */
    void startedListening() {
        listening = true;
    }

    /** A graceful shutdown begins: health checks fail from now on, before any listener closes. */
    void drain() {
        draining = true;
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
