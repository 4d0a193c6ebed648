package app.transport;

import app.metrics.ListenerCounters;
import app.metrics.Refusal;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import protocol.http2.Preface;
import protocol.proxy.ProxyHeader;
import protocol.proxy.ProxyHeaderParser;
import protocol.proxy.ProxyResult;

/**
 * One listening socket and its acceptor thread. Each accepted connection gets a virtual thread,
 * which establishes the transport — plain, or TLS when the listener has {@link TlsSockets} —
 * and hands it to the protocol the client speaks. The first bytes decide: on the cleartext port
 * a TLS handshake is closed at once; on the TLS port a cleartext request gets a plaintext 400.
 * It counts the connections it accepts, those it closes before any request, and its handshakes.
 *
 * <p>A listener that expects the PROXY protocol reads the header before anything else, the TLS
 * handshake included, within the same head timeout and in the same bounded buffer; the client it
 * carries is the connection's peer from then on. Without a valid header the connection is closed
 * unanswered: the proxy in front is the only client such a listener has.
 */
public final class Listener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Listener.class);
    /** Pending connections the kernel may hold (the seed had 50). */
    private static final int BACKLOG = 1024;
    /** The ALPN name of HTTP/2 over TLS (RFC 9113 §3.2). */
    private static final String H2 = "h2";
    /** A TLS record of type handshake starts with this byte (RFC 8446 §5.1). */
    private static final byte TLS_HANDSHAKE = 0x16;

    /** How connections are timed. */
    public record Timeouts(Duration head, Duration write) {}

    private final String name;
    private final ServerSocketChannel channel;
    private final InetSocketAddress address;
    private final Optional<TlsSockets> tls;
    /** What this listener's TLS connections gather their writes in, lent per write. */
    private final RecordBuffers recordBuffers = new RecordBuffers();
    private final boolean proxyProtocol;
    private final Semaphore permits;
    private final Watchdog watchdog;
    private final Timeouts timeouts;
    private final int firstReadSize;
    private final ListenerCounters counters;
    private final Thread acceptor;
    private final ThreadFactory connectionThreads;
    /** Connections whose transport is not established yet: closed with the listener, as idle ones are. */
    private final Set<Transport> opening = ConcurrentHashMap.newKeySet();
    private volatile Protocols protocols;
    private volatile boolean closed;

    private Listener(String name, ServerSocketChannel channel, Optional<TlsSockets> tls, boolean proxyProtocol,
            Semaphore permits, Watchdog watchdog, Timeouts timeouts, int firstReadSize, ListenerCounters counters)
            throws IOException {
        this.name = name;
        this.channel = channel;
        this.address = (InetSocketAddress) channel.getLocalAddress();
        this.tls = tls;
        this.proxyProtocol = proxyProtocol;
        this.permits = permits;
        this.watchdog = watchdog;
        this.timeouts = timeouts;
        this.firstReadSize = firstReadSize;
        this.counters = counters;
        // A virtual thread, as the connections are: starting each one is then a hand-off within
        // the scheduler rather than a wake-up of one of its carriers from outside (S4: about a
        // tenth more connections per second, a tenth less CPU each).
        this.acceptor = Thread.ofVirtual().name(name + "-acceptor").unstarted(this::acceptLoop);
        this.connectionThreads = Thread.ofVirtual().name(name + "-connection-", 1).factory();
    }

    /**
     * Binds a listener; {@link #start} it to accept.
     *
     * @param name          names its threads ({@code http}, {@code https})
     * @param tls           present for a TLS listener
     * @param proxyProtocol whether every connection opens with a PROXY protocol header
     * @param permits       open connections allowed, shared by every listener
     * @param firstReadSize the size of the buffer the first bytes are read into, at least
     *                      {@link ProxyHeaderParser#MAX_LENGTH} when a PROXY header is expected
     * @param counters      what the listener counts into
     * @throws BindException when the address is in use or cannot be bound; its message names it
     */
    public static Listener bind(String name, InetSocketAddress at, Optional<TlsSockets> tls, boolean proxyProtocol,
            Semaphore permits, Watchdog watchdog, Timeouts timeouts, int firstReadSize, ListenerCounters counters)
            throws IOException {
        if (proxyProtocol && firstReadSize < ProxyHeaderParser.MAX_LENGTH) {
            throw new IllegalArgumentException("a PROXY header needs a first read of " + ProxyHeaderParser.MAX_LENGTH);
        }
        var channel = ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            try {
                channel.bind(at, BACKLOG);
            } catch (BindException e) {
                String why = e.getMessage() == null ? "address in use" : e.getMessage().toLowerCase(Locale.ROOT);
                throw new BindException(literal(at) + ": " + why);
            }
            return new Listener(name, channel, tls, proxyProtocol, permits, watchdog, timeouts, firstReadSize,
                    counters);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** {@code host:port}, with an IPv6 address in brackets. */
    private static String literal(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** The address actually bound (the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return address;
    }

    /** Connections accepted whose transport is not established yet. */
    public int openingConnections() {
        return opening.size();
    }

    /** Whether this listener speaks TLS. */
    public boolean secure() {
        return tls.isPresent();
    }

    /** Starts accepting connections for {@code protocols}. */
    public void start(Protocols protocols) {
        this.protocols = protocols;
        acceptor.start();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                // Back-pressure: past the cap, leave new clients in the kernel's backlog.
                permits.acquire();
                SocketChannel accepted;
                try {
                    accepted = channel.accept();
                } catch (IOException | RuntimeException e) {
                    permits.release();
                    throw e;
                }
                counters.accepted();
                startConnection(accepted);
            } catch (ClosedChannelException | InterruptedException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                // Typically EMFILE: too many open files. Log, breathe, go on.
                log.warn("Accept failed on {}: {}", name, e.toString());
                pause();
            }
        }
    }

    private void startConnection(SocketChannel accepted) {
        try {
            accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
            connectionThreads.newThread(() -> run(accepted)).start();
        } catch (IOException | RuntimeException e) {
            log.debug("Could not start a connection: {}", e.toString());
            counters.refused(Refusal.START_FAILED);
            permits.release();
            try {
                accepted.close();
            } catch (IOException ignored) {
                // Nothing more to release.
            }
        }
    }

    /** The life of one connection, on its virtual thread. */
    private void run(SocketChannel accepted) {
        long openedAt = watchdog.now();
        PlainTransport plain = null;
        Transport transport = null;
        Watchdog.Deadline deadline = null;
        try {
            var peer = accepted.socket();
            plain = new PlainTransport(accepted, new InetSocketAddress(peer.getInetAddress(), peer.getPort()));
            transport = plain;
            deadline = watchdog.deadline(plain::abort);
            watchdog.watch(deadline);
            opening.add(plain);
            if (closed) {
                counters.refused(Refusal.STOPPING);
                return;
            }
            // A new connection may stay silent for the head timeout, then it is closed unanswered.
            long until = openedAt + timeouts.head().toNanos();
            ByteBuffer first = ByteBuffer.allocate(firstReadSize);
            if (!readFirst(plain, first, deadline, until)) {
                counters.refused(Refusal.SILENT);
                return;
            }
            if (proxyProtocol) {
                Optional<ProxyHeader> header = readProxyHeader(plain, first, deadline, until);
                if (header.isEmpty()) {
                    counters.refused(Refusal.PROXY_HEADER);
                    return;
                }
                if (header.get() instanceof ProxyHeader.Proxied proxied) {
                    PlainTransport carried = plain.carrying(proxied.source());
                    opening.add(carried);
                    opening.remove(plain);
                    plain = carried;
                    transport = carried;
                }
                if (!first.hasRemaining() && !readFirst(plain, first, deadline, until)) {
                    counters.refused(Refusal.SILENT);
                    return;
                }
            }
            boolean handshake = first.get(0) == TLS_HANDSHAKE;
            if (tls.isEmpty()) {
                if (handshake) {
                    log.debug("{}: TLS handshake on the cleartext port; closed", plain.client());
                    counters.refused(Refusal.TLS_ON_CLEARTEXT_PORT);
                    return;
                }
                boolean http2 = protocols.priorKnowledge() && prefaced(plain, first, deadline, until);
                opening.remove(plain);
                if (http2) {
                    protocols.http2(plain, deadline, first);
                } else {
                    protocols.http1(plain, deadline, first);
                }
            } else if (!handshake) {
                opening.remove(plain);
                protocols.plaintextOnTlsPort(plain, deadline, first);
            } else {
                Optional<TlsTransport> secure = handshake(accepted, plain.peer(), first, deadline, until);
                opening.remove(plain);
                counters.handshake(secure.isPresent());
                if (secure.isPresent()) {
                    transport = secure.get();
                    // RFC 7301: what ALPN agreed; no agreement is HTTP/1.1.
                    if (secure.get().applicationProtocol().equals(H2)) {
                        protocols.http2(transport, deadline, ByteBuffer.allocate(0));
                    } else {
                        protocols.http1(transport, deadline, ByteBuffer.allocate(firstReadSize).flip());
                    }
                }
            }
        } catch (IOException e) {
            log.debug("{}: connection ended: {}", name, e.toString());
        } finally {
            if (plain != null) {
                opening.remove(plain);
            }
            if (transport != null) {
                closeGracefully(transport, deadline);
            } else {
                closeQuietly(accepted);
            }
            if (deadline != null) {
                watchdog.release(deadline);
            }
            permits.release();
        }
    }

    /**
     * Whether the first bytes are the HTTP/2 client preface (RFC 9113 §3.3, prior knowledge),
     * reading more while they could still be; anything else is HTTP/1, with every byte kept.
     */
    private static boolean prefaced(PlainTransport plain, ByteBuffer first, Watchdog.Deadline deadline, long until)
            throws IOException {
        while (true) {
            switch (Preface.match(first.duplicate())) {
                case PREFACE -> {
                    return true;
                }
                case NOT_PREFACE -> {
                    return false;
                }
                case NEED_MORE -> {
                    int start = first.limit();
                    first.limit(first.capacity());
                    deadline.armUntil(until);
                    int read;
                    try {
                        read = plain.input().read(first.array(), start, first.capacity() - start);
                    } finally {
                        if (!deadline.disarm()) {
                            read = -1;
                        }
                    }
                    first.limit(start + Math.max(read, 0));
                    if (read <= 0) {
                        // Closed or silent in the middle of what may be a preface: HTTP/1 sees what came.
                        return false;
                    }
                }
            }
        }
    }

    /**
     * The PROXY header at the start of {@code first}, reading more into it while the header is
     * incomplete, up to {@code until}; empty when the bytes are no valid header, or it did not
     * arrive in time. On success {@code first} holds what followed the header, from position 0.
     */
    private Optional<ProxyHeader> readProxyHeader(PlainTransport plain, ByteBuffer first, Watchdog.Deadline deadline,
            long until) throws IOException {
        while (true) {
            switch (ProxyHeaderParser.parse(first)) {
                case ProxyResult.Parsed parsed -> {
                    first.compact().flip();
                    return Optional.of(parsed.header());
                }
                case ProxyResult.Rejected rejected -> {
                    log.debug("{}: no valid PROXY header ({}); closed", plain.client(), rejected.reason());
                    return Optional.empty();
                }
                case ProxyResult.NeedMore needMore -> {
                    if (!readMore(plain, first, deadline, until)) {
                        log.debug("{}: PROXY header incomplete; closed", plain.client());
                        return Optional.empty();
                    }
                }
            }
        }
    }

    /** Reads more bytes after those in {@code first}, before {@code until}; false when none came in time. */
    private static boolean readMore(PlainTransport plain, ByteBuffer first, Watchdog.Deadline deadline, long until)
            throws IOException {
        int start = first.limit();
        if (start == first.capacity()) {
            return false;
        }
        deadline.armUntil(until);
        int read;
        try {
            read = plain.input().read(first.array(), start, first.capacity() - start);
        } catch (IOException e) {
            if (deadline.disarm()) {
                throw e;
            }
            // The watchdog closed the connection: the header ran out of time.
            return false;
        }
        if (!deadline.disarm() || read <= 0) {
            return false;
        }
        first.limit(start + read);
        return true;
    }

    /** Reads the first bytes, within the head timeout; false when the client sent nothing. */
    private static boolean readFirst(PlainTransport plain, ByteBuffer first, Watchdog.Deadline deadline, long until)
            throws IOException {
        deadline.armUntil(until);
        int read;
        try {
            read = plain.input().read(first.array(), 0, first.capacity());
        } catch (IOException e) {
            deadline.disarm();
            throw e;
        }
        if (!deadline.disarm() || read <= 0) {
            return false;
        }
        first.limit(read);
        return true;
    }

    /** The TLS handshake, bounded by the head timeout; empty when it failed or ran out of time. */
    private Optional<TlsTransport> handshake(SocketChannel accepted, InetSocketAddress peer, ByteBuffer first,
            Watchdog.Deadline deadline, long until) throws IOException {
        String client = Transport.describe(peer);
        var consumed = new ReadAhead(first.array(), 0, first.limit(), accepted.socket().getInputStream());
        SSLSocket socket = tls.orElseThrow().layer(accepted.socket(), consumed);
        deadline.armUntil(until);
        try {
            socket.startHandshake();
        } catch (SocketTimeoutException | SSLException e) {
            deadline.disarm();
            log.debug("{}: TLS handshake failed: {}", client, e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            boolean inTime = deadline.disarm();
            log.debug("{}: TLS handshake {}: {}", client, inTime ? "failed" : "timed out", e.toString());
            return Optional.empty();
        }
        if (!deadline.disarm()) {
            return Optional.empty();
        }
        return Optional.of(new TlsTransport(accepted, socket, peer, recordBuffers));
    }

    /** Closes the transport gracefully, but never waits longer than a write may for the client. */
    private void closeGracefully(Transport transport, Watchdog.Deadline deadline) {
        if (transport.isOpen()) {
            transport.endWithin(deadline, timeouts.write().toNanos(), Transport::close);
        }
    }

    private static void closeQuietly(SocketChannel accepted) {
        try {
            accepted.close();
        } catch (IOException ignored) {
            // Nothing more to release.
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops accepting, and closes the connections that have not begun a protocol yet (silent so
     * far, or in their TLS handshake); the others are the protocols' to finish.
     */
    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("Closing the {} listener failed: {}", name, e.toString());
        }
        acceptor.interrupt();
        opening.forEach(Transport::abort);
    }
}
