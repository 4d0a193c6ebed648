package fs;

/** The result of canonicalising a raw request path: safe segments or a typed rejection. */
public sealed interface PathOutcome permits RequestPath, PathRejection {}
