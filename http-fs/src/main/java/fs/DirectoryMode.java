package fs;

/** What a directory without an {@code index.html} answers when {@link DocumentRoot#resolve(RequestPath, DirectoryMode)} finds one. */
public enum DirectoryMode {
    /** Nothing: it is not found, as a directory is only its index page. */
    INDEX_ONLY,
    /** Its listing: {@link Resolution.Listable}, and a redirect to it without the trailing slash. */
    LISTED
}
