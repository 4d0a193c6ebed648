package protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static protocol.Feed.request;

import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class RequestHeadTest {

    private static RequestHead head(String version, String fields) {
        return request("GET / " + version + "\r\nHost: h\r\n" + fields + "\r\n").head();
    }

    @Test
    void keepAliveFollowsRfc9112Section9_3() {
        assertTrue(head("HTTP/1.1", "").keepAlive());
        assertFalse(head("HTTP/1.1", "Connection: Close\r\n").keepAlive());
        assertFalse(head("HTTP/1.1", "Connection: foo, close\r\n").keepAlive());
        assertFalse(head("HTTP/1.0", "").keepAlive());
        assertTrue(head("HTTP/1.0", "Connection: Keep-Alive\r\n").keepAlive());
        assertFalse(head("HTTP/1.0", "Connection: keep-alive, close\r\n").keepAlive());
    }

    @Test
    void expectationIsRecognised() {
        assertEquals(Expectation.NONE, head("HTTP/1.1", "").expectation());
        assertEquals(Expectation.CONTINUE, head("HTTP/1.1", "Expect: 100-Continue\r\n").expectation());
        assertEquals(Expectation.UNSUPPORTED, head("HTTP/1.1", "Expect: 200-ok\r\n").expectation());
        assertEquals(Expectation.UNSUPPORTED, head("HTTP/1.1", "Expect: 100-continue, x\r\n").expectation());
        // RFC 9110 §10.1.1: a server MUST ignore 100-continue from HTTP/1.0.
        assertEquals(Expectation.NONE, head("HTTP/1.0", "Expect: 100-continue\r\n").expectation());
    }

    @Test
    void framingAccessors() {
        RequestHead plain = head("HTTP/1.1", "");
        assertEquals(OptionalLong.empty(), plain.contentLength());
        assertFalse(plain.chunked());
        assertFalse(plain.hasBody());
        assertEquals(Optional.of("h"), plain.host());
    }

    @Test
    void requestDelegatesToItsHead() {
        Request r = request("POST /p?q HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\nx");
        assertEquals(Method.POST, r.method());
        assertEquals("/p?q", r.target());
        assertEquals("/p", r.path());
        assertEquals(Optional.of("q"), r.query());
        assertEquals(Version.HTTP_1_1, r.version());
        assertEquals("HTTP/1.1", r.version().text());
        assertEquals(2, r.headers().size());
    }
}
