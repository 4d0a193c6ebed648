package fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathTest {

    @Test
    void rootIsADirectoryWithoutSegments() {
        assertEquals(new RequestPath(List.of(), true), RequestPath.parse("/"));
    }

    @Test
    void splitsAndDecodesSegments() {
        assertEquals(new RequestPath(List.of("docs", "a b.html"), false), RequestPath.parse("/docs/a%20b.html"));
        assertEquals(new RequestPath(List.of("docs", "sub"), true), RequestPath.parse("/docs/sub/"));
        assertEquals(new RequestPath(List.of("ü"), false), RequestPath.parse("/%C3%BC"));
        assertEquals(new RequestPath(List.of("😀"), false), RequestPath.parse("/%F0%9F%98%80"));
    }

    @Test
    void plusIsAPlainCharacterInPaths() {
        assertEquals(new RequestPath(List.of("a+b"), false), RequestPath.parse("/a+b"));
    }

    @Test
    void decodesExactlyOnce() {
        assertEquals(new RequestPath(List.of("%2e%2e"), false), RequestPath.parse("/%252e%252e"));
        assertEquals(new RequestPath(List.of("%2F"), false), RequestPath.parse("/%252F"));
    }

    @Test
    void keepsNamesThatOnlyContainDots() {
        assertEquals(new RequestPath(List.of("..."), false), RequestPath.parse("/..."));
        assertEquals(new RequestPath(List.of("a..b"), false), RequestPath.parse("/a..b"));
        assertEquals(new RequestPath(List.of(".hidden"), false), RequestPath.parse("/.hidden"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/%", "/%4", "/%zz", "/%4g", "/a%", "/%%41",
        "/%ff", "/%c3", "/%c3%28", "/%ed%a0%80", "/%f4%90%80%80", "/%c0%af", "/%c0%ae", "/%e0%80%af",
        "/%00", "/a%0ab", "/%7f", "/%c2%85", "/%1b",
        "/a%2fb", "/a%2Fb", "/a%5cb", "/a\\b", "/\\",
        "/a b", "/a\tb", "/é", "/a#b", "/a?b",
        "/../%zz", "//%zz"
    })
    void rejectsMalformed(String raw) {
        assertEquals(PathRejection.Kind.MALFORMED, rejection(raw).kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "a", "*", "c:/x", "http://host/",
        "/.", "/..", "/./", "/../", "/a/.", "/a/..", "/a/../b", "/%2e", "/%2E%2e", "/a/%2e%2e/",
        "//", "//x", "/a//b", "/a//", "///"
    })
    void rejectsForbidden(String raw) {
        assertEquals(PathRejection.Kind.FORBIDDEN, rejection(raw).kind());
    }

    @Test
    void rejectionReasonsNeverEchoTheRequest() {
        assertEquals("dot segment", rejection("/secret/../x").reason());
        assertEquals("empty path segment", rejection("/secret//x").reason());
    }

    @Test
    void encodesForLocationHeaders() {
        assertEquals("/", new RequestPath(List.of(), true).encoded());
        assertEquals("/a%20b/c/", new RequestPath(List.of("a b", "c"), true).encoded());
        assertEquals("/%C3%BC", new RequestPath(List.of("ü"), false).encoded());
        assertEquals("/%252e%252e", new RequestPath(List.of("%2e%2e"), false).encoded());
        assertEquals("/a-._~!$&'()*+,;=:@z", new RequestPath(List.of("a-._~!$&'()*+,;=:@z"), false).encoded());
        assertEquals("/%3F%23%5B%5D%22%3C%3E%60%7B%7D%7C%5E", new RequestPath(List.of("?#[]\"<>`{}|^"), false).encoded());
    }

    @Test
    void encodedParsesBackToTheSamePath() {
        RequestPath path = new RequestPath(List.of("a b", "ü+%", "x;y=1", "..."), true);
        assertEquals(path, RequestPath.parse(path.encoded()));
    }

    @Test
    void constructorRefusesUnsafeSegments() {
        for (String unsafe : List.of("", ".", "..", "a/b", "a\\b", "a\u0000b", "a\nb", "\u0085", "\uD800", "a\uDC00")) {
            assertThrows(IllegalArgumentException.class, () -> new RequestPath(List.of(unsafe), false), unsafe);
        }
        assertThrows(IllegalArgumentException.class, () -> new RequestPath(List.of(), false));
    }

    @Test
    void segmentsAreAnImmutableCopy() {
        List<String> segments = new ArrayList<>(List.of("a"));
        RequestPath path = new RequestPath(segments, false);
        segments.add("b");
        assertEquals(List.of("a"), path.segments());
        assertThrows(UnsupportedOperationException.class, () -> path.segments().add("c"));
    }

    private static PathRejection rejection(String raw) {
        return assertInstanceOf(PathRejection.class, RequestPath.parse(raw));
    }
}
