/** HTTP/1.1 messages to and from bytes: a strict incremental request parser and response serialisation. */
module http.protocol {
    exports protocol;
}
