package app.server;

/** A live connection as the server's lifecycle sees it, whatever protocol it speaks. */
public interface ServerConnection {

    /** Closes the connection if it is waiting for a next request (the server is stopping). */
    void closeIfIdle();

    /** Closes the connection at once, from any thread (the grace period is over). */
    void closeNow();
}
