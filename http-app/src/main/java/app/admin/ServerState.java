package app.admin;

/** What the admin listener asks of the server it reports on. */
public interface ServerState {

    /** Whether every listener is bound and accepting connections. */
    boolean listening();

    /** Whether a graceful shutdown has begun: from then on the server only finishes what it has. */
    boolean draining();
}
