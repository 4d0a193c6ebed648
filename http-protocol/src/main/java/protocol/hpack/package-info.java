/**
 * HPACK (RFC 7541): header compression for HTTP/2. {@link protocol.hpack.HpackDecoder} and
 * {@link protocol.hpack.HpackEncoder} each keep one direction's dynamic table; everything else is package-private.
 * Exported only to {@code http.app}.
 */
package protocol.hpack;
