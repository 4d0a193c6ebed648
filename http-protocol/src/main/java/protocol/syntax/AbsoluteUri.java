package protocol.syntax;

/**
 * Where the authority of an absolute {@code http} or {@code https} URI lies (RFC 3986 §3.2): after
 * {@code scheme "://"}, up to the first '/' or '?', or the end.
 */
public final class AbsoluteUri {

    private AbsoluteUri() {}

    /** The index after "http://" or "https://" (scheme case-insensitive, RFC 3986 §3.1), else -1. */
    public static int authorityStart(String uri) {
        if (uri.regionMatches(true, 0, "http://", 0, 7)) {
            return 7;
        }
        if (uri.regionMatches(true, 0, "https://", 0, 8)) {
            return 8;
        }
        return -1;
    }

    /** The index of the first '/' or '?' at or after {@code from}, else the length of {@code uri}. */
    public static int authorityEnd(String uri, int from) {
        int i = from;
        while (i < uri.length() && uri.charAt(i) != '/' && uri.charAt(i) != '?') {
            i++;
        }
        return i;
    }

    /** The authority of an {@code http} or {@code https} URI; empty for any other text. */
    public static String authority(String uri) {
        int start = authorityStart(uri);
        return start < 0 ? "" : uri.substring(start, authorityEnd(uri, start));
    }
}
