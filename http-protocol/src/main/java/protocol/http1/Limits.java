package protocol.http1;

import protocol.Body;

/**
 * Every bound the request parser enforces, in one immutable value.
 *
 * @param maxRequestLineBytes    longest request line, without its CRLF (over it: 414)
 * @param maxHeaderBytes         largest header section: the field lines with their CRLFs, without the
 *                               empty line that ends the head (over it: 431); trailer sections get the same budget
 * @param maxHeaderCount         most field lines in a header or trailer section (over it: 431)
 * @param maxBodyBytes           largest request body, before or after chunked decoding (over it: 413);
 *                               bodies are held in memory, so at most {@code Integer.MAX_VALUE - 8}
 * @param maxChunkExtensionBytes longest chunk extension, the bytes between the chunk size and its CRLF (over it: 400)
 */
public record Limits(int maxRequestLineBytes, int maxHeaderBytes, int maxHeaderCount, long maxBodyBytes,
                     int maxChunkExtensionBytes) {

    /** The server's defaults: 8 KiB request line, 16 KiB header section, 100 fields, 1 MiB body, 4 KiB extension. */
    public static final Limits DEFAULTS = new Limits(8192, 16384, 100, 1L << 20, 4096);

    /** Largest body a {@link Body} can hold. */
    static final long MAX_BODY_CAPACITY = Integer.MAX_VALUE - 8;

    /** Validates the bounds: every limit positive (the body and extension limits may be 0). */
    public Limits {
        // A request line needs at least "GET / HTTP/1.1"; anything shorter could reject every request.
        if (maxRequestLineBytes < 16) {
            throw new IllegalArgumentException("maxRequestLineBytes must be at least 16: " + maxRequestLineBytes);
        }
        if (maxHeaderBytes < 1) {
            throw new IllegalArgumentException("maxHeaderBytes must be positive: " + maxHeaderBytes);
        }
        if (maxHeaderCount < 1) {
            throw new IllegalArgumentException("maxHeaderCount must be positive: " + maxHeaderCount);
        }
        if (maxBodyBytes < 0 || maxBodyBytes > MAX_BODY_CAPACITY) {
            throw new IllegalArgumentException("maxBodyBytes must be in [0, " + MAX_BODY_CAPACITY + "]: " + maxBodyBytes);
        }
        if (maxChunkExtensionBytes < 0) {
            throw new IllegalArgumentException("maxChunkExtensionBytes must not be negative: " + maxChunkExtensionBytes);
        }
    }

    /** Returns a copy with another body limit. */
    public Limits withMaxBodyBytes(long n) {
        return new Limits(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, n, maxChunkExtensionBytes);
    }
}
