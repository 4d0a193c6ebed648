/**
 * HTTP messages to and from bytes: version-neutral fields and values, and the gzip coding of request bodies, in
 * {@code protocol}, HTTP/1.1 framing (a strict incremental request parser and response-head serialisation) in
 * {@code protocol.http1}, HTTP/2 framing
 * (frames, settings, stream states, flow-control windows, and the mapping of a request's fields) in
 * {@code protocol.http2}. The PROXY protocol header a load balancer sends first, and the forwarding fields of the
 * proxies the server trusts, in {@code protocol.proxy}. The lexical rules all share (byte classes, list elements, decimal numbers, hosts) live in
 * {@code protocol.syntax}, which is not exported. HPACK header compression (RFC 7541) in {@code protocol.hpack} is
 * exported only to the application, whose HTTP/2 connections hold an encoder and a decoder each; it is no part of
 * the public API.
 */
// http.app requires this module, so javac cannot see it from here and would warn of the qualified export.
@SuppressWarnings("module")
module http.protocol {
    exports protocol;
    exports protocol.http1;
    exports protocol.http2;
    exports protocol.proxy;
    exports protocol.hpack to http.app;
}
