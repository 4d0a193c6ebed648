/**
 * HTTP messages to and from bytes: version-neutral fields and values in {@code protocol}, HTTP/1.1 framing (a
 * strict incremental request parser and response-head serialisation) in {@code protocol.http1}. The lexical rules
 * both share (byte classes, list elements, decimal numbers, hosts) live in {@code protocol.syntax}, which is not
 * exported.
 */
module http.protocol {
    exports protocol;
    exports protocol.http1;
    exports protocol.http2;
}
