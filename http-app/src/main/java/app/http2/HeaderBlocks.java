package app.http2;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import protocol.hpack.HeaderField;
import protocol.hpack.HpackDecoder;
import protocol.hpack.HpackException;
import protocol.http2.Frame;
import protocol.http2.Http2Exception;
import protocol.http2.Http2Limits;
import protocol.http2.Octets;

/**
 * Reassembles each header block from its HEADERS and CONTINUATION frames (RFC 9113 §4.3, §6.10)
 * and decodes it through the connection's one HPACK decoder. The block is bounded by the header
 * list limit while it arrives (the CONTINUATION flood): nothing past it is ever buffered. Owned
 * by the connection's reader.
 */
final class HeaderBlocks {

    /** A complete header block, decoded or too large once decoded; either way the HPACK table is in step. */
    sealed interface Block permits Decoded, TooLarge {
        int streamId();

        boolean endStream();
    }

    /** The field section of stream {@code streamId}; {@code endStream} as its HEADERS frame said. */
    record Decoded(int streamId, boolean endStream, List<HeaderField> fields) implements Block {}

    /** A field section past the header list limit once decoded (an HPACK bomb): a stream error only. */
    record TooLarge(int streamId, boolean endStream) implements Block {}

    private final HpackDecoder hpack;
    private final int maxHeaderListSize;
    private final FloodGuard flood;
    private final ByteArrayOutputStream block = new ByteArrayOutputStream();
    /** The stream whose header block continues in CONTINUATION frames, 0 when none does (§6.10). */
    private int continuing;
    private boolean endsStream;

    HeaderBlocks(Http2Limits limits, FloodGuard flood) {
        this.hpack = new HpackDecoder(limits.headerTableSize(), limits.maxHeaderListSize());
        this.maxHeaderListSize = limits.maxHeaderListSize();
        this.flood = flood;
    }

    /** Judges whether {@code frame} may come now: nothing comes between a block's frames (§6.10). */
    void admit(Frame frame) throws Http2Exception {
        if (continuing != 0 && !(frame instanceof Frame.Continuation continuation
                && continuation.streamId() == continuing)) {
            throw Http2Exception.connection(Http2Exception.Reason.EXPECTED_CONTINUATION);
        }
        if (continuing == 0 && frame instanceof Frame.Continuation) {
            // A CONTINUATION continues a HEADERS frame without END_HEADERS, or another CONTINUATION.
            throw Http2Exception.connection(Http2Exception.Reason.UNEXPECTED_CONTINUATION);
        }
    }

    /** Starts a block; the block once complete, empty while CONTINUATION frames are to follow. */
    Optional<Block> headers(Frame.Headers headers) throws Http2Exception {
        countEmpty(headers.fragment(), headers.endHeaders());
        endsStream = headers.endStream();
        block.reset();
        return fragment(headers.streamId(), headers.fragment(), headers.endHeaders());
    }

    /** Continues the block that {@link #admit} accepted {@code continuation} for. */
    Optional<Block> continuation(Frame.Continuation continuation) throws Http2Exception {
        countEmpty(continuation.fragment(), continuation.endHeaders());
        return fragment(continuation.streamId(), continuation.fragment(), continuation.endHeaders());
    }

    // An empty fragment that does not end its block carries nothing and asks for more.
    private void countEmpty(Octets fragment, boolean end) throws Http2Exception {
        if (fragment.length() == 0 && !end) {
            flood.control();
        }
    }

    private Optional<Block> fragment(int id, Octets fragment, boolean end) throws Http2Exception {
        if (block.size() + fragment.length() > maxHeaderListSize) {
            throw Http2Exception.connection(Http2Exception.Reason.HEADER_BLOCK_TOO_LARGE);
        }
        block.writeBytes(fragment.toByteArray());
        if (!end) {
            continuing = id;
            return Optional.empty();
        }
        continuing = 0;
        try {
            return Optional.of(new Decoded(id, endsStream, hpack.decode(ByteBuffer.wrap(block.toByteArray()))));
        } catch (HpackException e) {
            if (e.compressionError()) {
                // The decoder's table can no longer follow the peer's: the connection must end (§4.3).
                throw Http2Exception.connection(Http2Exception.Reason.COMPRESSION);
            }
            // Too large once decoded: the table is still in step, so only the stream ends.
            return Optional.of(new TooLarge(id, endsStream));
        }
    }
}
