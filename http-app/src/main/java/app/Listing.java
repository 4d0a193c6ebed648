package app;

/**
 * {@code --list-directories} and {@code --list-limit}: whether a directory without {@code index.html} answers a
 * listing of what it holds, and how many entries one listing shows at most.
 *
 * @param enabled whether directories are listed; off by default, as a folder is otherwise only its index page
 * @param limit   the most entries a listing shows, 1 to {@link #MAX_LIMIT}; a listing that leaves some out says so
 */
public record Listing(boolean enabled, int limit) {

    /** Entries a listing shows by default: enough for any folder meant to be browsed, bounded for any other. */
    public static final int DEFAULT_LIMIT = 10_000;
    /** The most {@code --list-limit} may be: a listing is built in memory for each request. */
    public static final int MAX_LIMIT = 1_000_000;
    /** Directories are not listed. */
    public static final Listing OFF = new Listing(false, DEFAULT_LIMIT);

    /** Checks the limit. */
    public Listing {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("list-limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
    }
}
