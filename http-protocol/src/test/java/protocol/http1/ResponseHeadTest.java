package protocol.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import protocol.Headers;
import protocol.Status;

class ResponseHeadTest {

    @Test
    void responseHeadSerialisesExactly() {
        ResponseHead h = new ResponseHead(Status.NOT_FOUND, Headers.of("Content-Length", "0", "X", ""));
        assertEquals("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nX: \r\n\r\n", new String(h.toBytes(), ISO_8859_1));
        ByteBuffer buf = ByteBuffer.allocate(100);
        h.writeTo(buf);
        assertEquals(h.toBytes().length, buf.position());
        assertEquals("HTTP/1.1 200 OK\r\n\r\n", new String(new ResponseHead(Status.OK, Headers.EMPTY).toBytes(), ISO_8859_1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nb", "a\rb", "a\nb", "a\u0000b", "a\u007fb", " a", "a\t", "\u0100"})
    void responseHeadRefusesUnsafeValues(String value) {
        ResponseHead h = new ResponseHead(Status.OK, Headers.of("X", value));
        assertThrows(IllegalArgumentException.class, h::toBytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a:b", "a\r\n", "\u00e9"})
    void responseHeadRefusesNonTokenNames(String name) {
        ResponseHead h = new ResponseHead(Status.OK, Headers.of(name, "v"));
        assertThrows(IllegalArgumentException.class, h::toBytes);
    }
}
