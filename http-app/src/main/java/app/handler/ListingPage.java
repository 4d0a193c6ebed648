package app.handler;

import fs.DirectoryListing;
import fs.RequestPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The HTML of a directory listing: a page shaped as the error pages are (title, {@code <h1>}, content, the
 * server's name), with a table of names, sizes and modification times, and a link to the parent folder except
 * at the site root. Names are HTML-escaped; links are absolute paths with every name percent-encoded, so that no
 * name can be read as a scheme ({@code javascript:}) or an authority. The page has no script and no style, inline
 * or linked, so it renders the same under {@code Content-Security-Policy: default-src 'self'} or stricter.
 */
final class ListingPage {

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final int KIBI = 1024;

    private final String serverName;

    /** Pages signed with {@code serverName}, such as {@code http-server/1.0}. */
    ListingPage(String serverName) {
        this.serverName = Html.escape(serverName);
    }

    /** The page for {@code listing} of the directory at {@code path} (as the client addresses it), as UTF-8. */
    byte[] render(RequestPath path, DirectoryListing listing, int limit) {
        String title = "Index of " + Html.escape(decoded(path));
        var html = new StringBuilder(256 + 160 * listing.entries().size());
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>").append(title)
                .append("</title></head>\n<body>\n<h1>").append(title).append("</h1>\n<table>\n")
                .append("<thead><tr><th>Name</th><th>Size</th><th>Bytes</th><th>Modified (UTC)</th></tr></thead>\n")
                .append("<tbody>\n");
        if (!path.segments().isEmpty()) {
            var parent = new RequestPath(path.segments().subList(0, path.segments().size() - 1), true);
            html.append("<tr><td><a href=\"").append(Html.escape(parent.encoded()))
                    .append("\">Parent folder</a></td><td></td><td></td><td></td></tr>\n");
        }
        for (DirectoryListing.Entry entry : listing.entries()) {
            row(html, path, entry);
        }
        html.append("</tbody>\n</table>\n");
        if (listing.truncated()) {
            html.append("<p>Only the first ").append(limit)
                    .append(" entries are listed; the folder holds more.</p>\n");
        }
        html.append("<hr>\n<address>").append(serverName).append("</address>\n</body>\n</html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder html, RequestPath path, DirectoryListing.Entry entry) {
        boolean directory = entry.type() == DirectoryListing.Type.DIRECTORY;
        List<String> segments = new ArrayList<>(path.segments());
        segments.add(entry.name());
        String href = new RequestPath(segments, directory).encoded();
        String modified = entry.modified().toString();
        html.append("<tr><td><a href=\"").append(Html.escape(href)).append("\">").append(Html.escape(entry.name()))
                .append(directory ? "/" : "").append("</a></td><td>")
                .append(directory ? "-" : human(entry.size())).append("</td><td>")
                .append(directory ? "-" : Long.toString(entry.size())).append("</td><td><time datetime=\"")
                .append(modified).append("\">").append(modified).append("</time></td></tr>\n");
    }

    /** The path as a person reads it: the decoded names joined by slashes, with the trailing slash. */
    static String decoded(RequestPath path) {
        return path.segments().isEmpty() ? "/" : "/" + String.join("/", path.segments()) + "/";
    }

    /** {@code bytes} in binary units with one decimal: {@code 512 B}, {@code 1.5 KiB}, {@code 2.0 MiB}. */
    static String human(long bytes) {
        if (bytes < KIBI) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= KIBI && unit < UNITS.length - 1) {
            value /= KIBI;
            unit++;
        }
        // Rounding may carry to the next unit (1023.96 KiB prints as 1024.0 KiB otherwise).
        if (value >= KIBI - 0.05 && unit < UNITS.length - 1) {
            value /= KIBI;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
