/** Sandboxed request path resolution, media types and durable upload storage. */
module http.fs {
    exports fs;
}
