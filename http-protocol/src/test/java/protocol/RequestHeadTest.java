package protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class RequestHeadTest {

    /** A {@code GET /} head with Host and the given fields, built without a parser: the head is version-neutral. */
    private static RequestHead head(Version version, String... fields) {
        Headers.Builder b = Headers.builder().add("Host", "h");
        for (int i = 0; i < fields.length; i += 2) {
            b.add(fields[i], fields[i + 1]);
        }
        return new RequestHead(Method.GET, "/", TargetForm.ORIGIN, "/", Optional.empty(), version, b.build());
    }

    @Test
    void keepAliveFollowsRfc9112Section9_3() {
        assertTrue(head(Version.HTTP_1_1).keepAlive());
        assertFalse(head(Version.HTTP_1_1, "Connection", "Close").keepAlive());
        assertFalse(head(Version.HTTP_1_1, "Connection", "foo, close").keepAlive());
        assertFalse(head(Version.HTTP_1_0).keepAlive());
        assertTrue(head(Version.HTTP_1_0, "Connection", "Keep-Alive").keepAlive());
        assertFalse(head(Version.HTTP_1_0, "Connection", "keep-alive, close").keepAlive());
    }

    @Test
    void expectationIsRecognised() {
        assertEquals(Expectation.NONE, head(Version.HTTP_1_1).expectation());
        assertEquals(Expectation.CONTINUE, head(Version.HTTP_1_1, "Expect", "100-Continue").expectation());
        assertEquals(Expectation.UNSUPPORTED, head(Version.HTTP_1_1, "Expect", "200-ok").expectation());
        assertEquals(Expectation.UNSUPPORTED, head(Version.HTTP_1_1, "Expect", "100-continue, x").expectation());
        // RFC 9110 §10.1.1: a server MUST ignore 100-continue from HTTP/1.0.
        assertEquals(Expectation.NONE, head(Version.HTTP_1_0, "Expect", "100-continue").expectation());
    }

    @Test
    void framingAccessors() {
        RequestHead plain = head(Version.HTTP_1_1);
        assertEquals(OptionalLong.empty(), plain.contentLength());
        assertFalse(plain.chunked());
        assertFalse(plain.hasBody());
        assertEquals(Optional.of("h"), plain.host());
    }

    @Test
    void requestDelegatesToItsHead() {
        RequestHead head = new RequestHead(Method.POST, "/p?q", TargetForm.ORIGIN, "/p", Optional.of("q"),
                Version.HTTP_1_1, Headers.of("Host", "h", "Content-Length", "1"));
        Request r = new Request(head, Body.of(new byte[] {'x'}));
        assertEquals(Method.POST, r.method());
        assertEquals("/p?q", r.target());
        assertEquals("/p", r.path());
        assertEquals(Optional.of("q"), r.query());
        assertEquals(Version.HTTP_1_1, r.version());
        assertEquals("HTTP/1.1", r.version().text());
        assertEquals(2, r.headers().size());
    }
}
