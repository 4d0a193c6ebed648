package app.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fs.DirectoryListing;
import fs.RequestPath;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListingPageTest {

    private static final Instant WHEN = Instant.parse("2024-05-06T07:08:09Z");
    private static final ListingPage PAGE = new ListingPage("http-server/1.0");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>");
    private static final Set<String> VOID = Set.of("meta", "hr", "br");

    private static DirectoryListing.Entry file(String name, long size) {
        return new DirectoryListing.Entry(name, DirectoryListing.Type.FILE, size, WHEN);
    }

    private static DirectoryListing.Entry folder(String name) {
        return new DirectoryListing.Entry(name, DirectoryListing.Type.DIRECTORY, 0, WHEN);
    }

    private static RequestPath path(String raw) {
        return (RequestPath) RequestPath.parse(raw);
    }

    private static String render(String raw, boolean truncated, DirectoryListing.Entry... entries) {
        return new String(PAGE.render(path(raw), new DirectoryListing(List.of(entries), truncated), 7),
                StandardCharsets.UTF_8);
    }

    @Test
    void namesAreEscapedAndLinksPercentEncodedAbsolutePaths() {
        String html = render("/a%20b/", false, folder("<script>alert(1)"), file("fish & \"chips\".txt", 5),
                file("100%.txt", 1), file("javascript:alert(1)", 2), file("it's.txt", 3), file("日本.txt", 4));
        assertTrue(html.contains("<a href=\"/a%20b/%3Cscript%3Ealert(1)/\">&lt;script&gt;alert(1)/</a>"), html);
        assertFalse(html.contains("<script"), "markup from a name reached the page");
        assertTrue(html.contains("<a href=\"/a%20b/fish%20&amp;%20%22chips%22.txt\">fish &amp; &quot;chips&quot;.txt</a>"),
                html);
        assertTrue(html.contains("<a href=\"/a%20b/100%25.txt\">100%.txt</a>"), html);
        // A name with a colon is never the start of a link: every link is an absolute path.
        assertTrue(html.contains("<a href=\"/a%20b/javascript:alert(1)\">javascript:alert(1)</a>"), html);
        assertTrue(html.contains("<a href=\"/a%20b/it&#39;s.txt\">it&#39;s.txt</a>"), html);
        assertTrue(html.contains("<a href=\"/a%20b/%E6%97%A5%E6%9C%AC.txt\">日本.txt</a>"), html);
        assertTrue(html.contains("<title>Index of /a b/</title>"), html);
    }

    @Test
    void theParentIsLinkedExceptAtTheRoot() {
        assertFalse(render("/", false, file("a", 1)).contains("Parent folder"));
        assertTrue(render("/x/", false).contains("<a href=\"/\">Parent folder</a>"));
        assertTrue(render("/x/y%20z/", false).contains("<a href=\"/x/\">Parent folder</a>"));
    }

    @Test
    void rowsShowBothSizesAndTheTime() {
        String html = render("/", false, folder("sub"), file("f.bin", 1536));
        assertTrue(html.contains("<tr><td><a href=\"/sub/\">sub/</a></td><td>-</td><td>-</td>"
                + "<td><time datetime=\"2024-05-06T07:08:09Z\">2024-05-06T07:08:09Z</time></td></tr>"), html);
        assertTrue(html.contains("<td>1.5 KiB</td><td>1536</td>"), html);
    }

    @Test
    void aCutListingSaysSo() {
        assertTrue(render("/", true, file("a", 1)).contains("<p>Only the first 7 entries are listed; the folder holds more.</p>"));
        assertFalse(render("/", false, file("a", 1)).contains("Only the first"));
    }

    /** Under {@code Content-Security-Policy: default-src 'self'} nothing inline may run or style the page. */
    @Test
    void thePageHasNoScriptNoStyleAndNoEventHandlers() {
        String html = render("/d/", true, folder("<style>x"), file("onload=x", 1), file("a\" onclick=\"b", 2),
                file("<img src=x onerror=alert(1)>", 3));
        String lower = html.toLowerCase(java.util.Locale.ROOT);
        for (String forbidden : List.of("<script", "<style", "style=", "<link", "javascript:", "<img", "<iframe")) {
            assertFalse(lower.contains(forbidden), forbidden);
        }
        assertFalse(Pattern.compile("<[^>]*\\son[a-z]+\\s*=").matcher(lower).find(), "an event handler attribute");
    }

    /** Every element opened is closed, in order; only void elements stand alone. */
    @Test
    void thePageIsWellFormed() {
        String html = render("/d/", true, folder("<b>"), file("<td>", 1), file("&amp;", 2));
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
        var open = new ArrayDeque<String>();
        var matcher = TAG.matcher(html);
        while (matcher.find()) {
            String name = matcher.group(2).toLowerCase(java.util.Locale.ROOT);
            if (matcher.group(1).isEmpty()) {
                if (!VOID.contains(name)) {
                    open.push(name);
                }
            } else {
                assertEquals(open.pop(), name, "closed out of order");
            }
        }
        assertTrue(open.isEmpty(), "left open: " + open);
        // Text outside tags holds no bare '<' or '>' and every '&' starts a reference.
        String text = TAG.matcher(html.substring(html.indexOf('\n'))).replaceAll("");
        assertFalse(text.contains("<") || text.contains(">"), text);
        assertFalse(Pattern.compile("&(?!(lt|gt|amp|quot|#39);)").matcher(text).find(), text);
    }

    @ParameterizedTest
    @CsvSource({"0, 0 B", "1023, 1023 B", "1024, 1.0 KiB", "1536, 1.5 KiB", "1048524, 1023.9 KiB",
        "1048575, 1.0 MiB", "1048576, 1.0 MiB", "5368709120, 5.0 GiB", "9223372036854775807, 8.0 EiB"})
    void humanSizesAreBinaryWithOneDecimal(long bytes, String human) {
        assertEquals(human, ListingPage.human(bytes));
    }
}
