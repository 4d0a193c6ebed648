package protocol.proxy;

import java.nio.ByteBuffer;

/**
 * Reads the PROXY protocol header a proxy sends before the bytes of the connection it relays
 * (HAProxy's {@code proxy-protocol.txt}, versions 1 and 2), strictly: anything the protocol does
 * not define is rejected, since a listener that expects the header trusts what it says.
 *
 * <p>Pure and incremental: given every byte received so far, it answers "need more", a
 * rejection, or the header, which it then consumes from the buffer. It never looks past the
 * header, so whatever follows stays in the buffer for the protocol it belongs to.
 */
public final class ProxyHeaderParser {

    /** The longest version 1 line, CRLF included (the protocol's own bound). */
    public static final int MAX_V1_LENGTH = 107;

    /** The fixed part of a version 2 header: signature, version and command, family, length. */
    public static final int V2_FIXED_LENGTH = 16;

    /**
     * The largest version 2 length accepted: the addresses and the TLVs after them. The largest
     * address block (UNIX sockets) is 216 bytes; the rest leaves room for the TLVs proxies add
     * (ALPN, authority, TLS details, a checksum, cloud endpoint identifiers) while bounding what a
     * connection may make the server hold before it says anything else.
     */
    public static final int MAX_V2_LENGTH = 1024;

    /** The most bytes a header may take. */
    public static final int MAX_LENGTH = V2_FIXED_LENGTH + MAX_V2_LENGTH;

    private ProxyHeaderParser() {}

    /**
     * Judges the remaining bytes of {@code in}. On {@link ProxyResult.Parsed} the buffer's
     * position has moved past the header; otherwise it is where it was.
     */
    public static ProxyResult parse(ByteBuffer in) {
        if (!in.hasRemaining()) {
            return new ProxyResult.NeedMore();
        }
        byte first = in.get(in.position());
        if (first == V1Line.FIRST_BYTE) {
            return V1Line.parse(in);
        }
        if (first == V2Block.FIRST_BYTE) {
            return V2Block.parse(in);
        }
        return new ProxyResult.Rejected(ProxyRejection.NOT_PROXY);
    }
}
