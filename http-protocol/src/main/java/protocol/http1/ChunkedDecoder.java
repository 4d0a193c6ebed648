package protocol.http1;

import java.nio.ByteBuffer;

import protocol.BodyBuffer;
import protocol.Headers;
import protocol.ProtocolException;
import protocol.ProtocolException.Reason;
import protocol.syntax.ByteClass;

/**
 * Decodes a chunked body (RFC 9112 §7.1) into a {@link BodyBuffer}, incrementally. Chunk extensions are
 * validated and dropped; trailer fields are validated and dropped. The extension bytes of a whole message
 * share one budget, so a body cannot carry unbounded framing overhead.
 */
final class ChunkedDecoder {

    private static final int MAX_SIZE_DIGITS = 16;

    private enum State { SIZE_LINE, DATA, DATA_CR, DATA_LF, TRAILER }

    private final Limits limits;
    private final LineReader line;
    private final BodyBuffer body;
    private State state;
    private long chunkRemaining;
    private int extensionBudget;
    private int trailerBytes;
    private int trailerCount;

    ChunkedDecoder(Limits limits, LineReader line, BodyBuffer body) {
        this.limits = limits;
        this.line = line;
        this.body = body;
    }

    /** Prepares for a new body. */
    void begin() {
        state = State.SIZE_LINE;
        extensionBudget = limits.maxChunkExtensionBytes();
        beginSizeLine();
    }

    /** Consumes body bytes; returns true once the last chunk and the trailer section are read. */
    boolean read(ByteBuffer buf) throws ProtocolException {
        while (true) {
            switch (state) {
                case SIZE_LINE -> {
                    if (!line.read(buf)) {
                        return false;
                    }
                    sizeLine();
                }
                case DATA -> {
                    int n = (int) Math.min(chunkRemaining, buf.remaining());
                    if (n == 0) {
                        return false;
                    }
                    body.append(buf, n, limits.maxBodyBytes());
                    chunkRemaining -= n;
                    if (chunkRemaining == 0) {
                        state = State.DATA_CR;
                    }
                }
                case DATA_CR, DATA_LF -> {
                    if (!buf.hasRemaining()) {
                        return false;
                    }
                    dataTerminator(buf.get());
                }
                case TRAILER -> {
                    if (!line.read(buf)) {
                        return false;
                    }
                    if (trailerLine()) {
                        return true;
                    }
                }
            }
        }
    }

    private void beginSizeLine() {
        // Room for one digit too many, so an over-long size is reported as such, plus this message's extension budget.
        line.begin(MAX_SIZE_DIGITS + 1 + extensionBudget, Reason.CHUNK_EXTENSION_TOO_LONG);
    }

    private void dataTerminator(byte b) throws ProtocolException {
        // RFC 9112 §7.1: chunk-data is followed by exactly CRLF.
        byte expected = state == State.DATA_CR ? (byte) '\r' : (byte) '\n';
        if (b != expected) {
            throw new ProtocolException(Reason.CHUNK_NOT_TERMINATED);
        }
        if (state == State.DATA_CR) {
            state = State.DATA_LF;
        } else {
            state = State.SIZE_LINE;
            beginSizeLine();
        }
    }

    private void sizeLine() throws ProtocolException {
        byte[] b = line.bytes();
        int len = line.length();
        int digits = 0;
        long size = 0;
        while (digits < len && ByteClass.is(b[digits], ByteClass.HEX)) {
            digits++;
        }
        // RFC 9112 §7.1: chunk-size is 1*HEXDIG; no sign, no "0x", no whitespace before it. We bound it to
        // 16 digits, which is every size a long can hold.
        if (digits == 0 || digits > MAX_SIZE_DIGITS) {
            throw new ProtocolException(Reason.INVALID_CHUNK_SIZE);
        }
        boolean overflow = false;
        for (int i = 0; i < digits; i++) {
            overflow |= size > (Long.MAX_VALUE >> 4);
            size = (size << 4) | ByteClass.hexValue(b[i]);
        }
        ChunkExtension.validate(b, digits, len);
        extensionBudget -= len - digits;
        if (extensionBudget < 0) {
            throw new ProtocolException(Reason.CHUNK_EXTENSION_TOO_LONG);
        }
        if (overflow || size > limits.maxBodyBytes() - body.length()) {
            throw new ProtocolException(Reason.BODY_TOO_LARGE);
        }
        if (size == 0) {
            state = State.TRAILER;
            trailerBytes = 0;
            trailerCount = 0;
            beginTrailerLine();
        } else {
            chunkRemaining = size;
            state = State.DATA;
        }
    }

    private void beginTrailerLine() {
        line.begin(Math.max(0, limits.maxHeaderBytes() - trailerBytes - 2), Reason.TRAILER_SECTION_TOO_LARGE);
    }

    /** Handles one trailer line; returns true at the empty line that ends the message. */
    private boolean trailerLine() throws ProtocolException {
        int len = line.length();
        if (len == 0) {
            return true;
        }
        // RFC 9112 §7.1.2: the trailer section is bounded like the header section.
        trailerBytes += len + 2;
        if (++trailerCount > limits.maxHeaderCount()) {
            throw new ProtocolException(Reason.TRAILER_SECTION_TOO_LARGE);
        }
        Headers.Field field = FieldLine.parse(line.bytes(), len);
        if (Trailers.isForbidden(field.name())) {
            throw new ProtocolException(Reason.FORBIDDEN_TRAILER);
        }
        beginTrailerLine();
        return false;
    }
}
