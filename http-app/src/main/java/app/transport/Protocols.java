package app.transport;

import java.nio.ByteBuffer;

/**
 * The protocols a listener hands its connections to, once the transport is established and
 * has told which one the client speaks.
 */
public interface Protocols {

    /**
     * Serves HTTP/1 on {@code transport} until the connection ends; returns then, never throws.
     *
     * @param received bytes already read from the client, ready to be read
     */
    void http1(Transport transport, Watchdog.Deadline deadline, ByteBuffer received);

    /**
     * Serves HTTP/2 on {@code transport} until the connection ends; returns then, never throws.
     *
     * @param received bytes already read from the client (the client preface, or nothing yet over TLS)
     */
    void http2(Transport transport, Watchdog.Deadline deadline, ByteBuffer received);

    /** Whether a cleartext connection that opens with the HTTP/2 preface is served HTTP/2 (prior knowledge). */
    boolean priorKnowledge();

    /**
     * Answers a cleartext HTTP request that arrived on the HTTPS port: a plaintext 400 that
     * says so (as nginx does), then the connection closes.
     */
    void plaintextOnTlsPort(Transport transport, Watchdog.Deadline deadline, ByteBuffer received);
}
