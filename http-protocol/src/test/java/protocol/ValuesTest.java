package protocol;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void headersAreCaseInsensitiveOrderedAndImmutable() {
        Headers h = Headers.of("Connection", "keep-alive, Upgrade", "connection", "CLOSE");
        assertTrue(h.hasToken("CONNECTION", "close"));
        assertTrue(h.hasToken("Connection", "upgrade"));
        assertFalse(h.hasToken("Connection", "keep"));
        assertEquals(List.of("keep-alive, Upgrade", "CLOSE"), h.all("connection"));
        Headers more = h.with("X", "1");
        assertEquals(2, h.size());
        assertEquals(3, more.size());
        assertEquals(Optional.empty(), h.first("X"));
        assertEquals(Headers.of("a", "1"), Headers.of("A", "1"));
        assertEquals(Headers.of("a", "1").hashCode(), Headers.of("A", "1").hashCode());
        assertNotEquals(Headers.of("a", "1"), Headers.of("a", "2"));
        assertThrows(IllegalArgumentException.class, () -> Headers.of("a"));
        assertEquals(Headers.of("b", "2"), Headers.builder().add("a", "1").add("b", "2").remove("A").build());
    }

    @Test
    void tokenListsToleratesEmptyElementsAndWhitespace() {
        assertTrue(Headers.of("Connection", " ,\tclose ,").hasToken("Connection", "close"));
        assertFalse(Headers.of("Connection", "closed").hasToken("Connection", "close"));
        assertFalse(Headers.of("Connection", "").hasToken("Connection", "close"));
    }

    @Test
    void methodsAreAnOpenEnum() {
        assertSame(Method.GET, Method.of("GET"));
        assertTrue(Method.POST.isStandard());
        assertEquals(Method.of("PURGE"), Method.of("PURGE"));
        assertThrows(IllegalArgumentException.class, () -> Method.of("GE T"));
        assertThrows(IllegalArgumentException.class, () -> Method.of(""));
    }

    @Test
    void statusesAreAnOpenEnum() {
        assertSame(Status.NOT_FOUND, Status.of(404));
        assertEquals("Range Not Satisfiable", Status.of(416).reason());
        assertEquals(299, Status.of(299).code());
        assertEquals(Status.of(299), Status.of(299));
        assertThrows(IllegalArgumentException.class, () -> Status.of(600));
        assertThrows(IllegalArgumentException.class, () -> Status.of(99));
        for (int code : new int[] {100, 200, 201, 204, 206, 301, 304, 400, 403, 404, 405, 408, 411, 412, 413, 414,
            415, 416, 417, 431, 500, 501, 503, 505, 507}) {
            assertFalse(Status.of(code).reason().endsWith("Success") || Status.of(code).reason().endsWith(" Error")
                    && code != 500, "a constant for " + code);
        }
    }

    @Test
    void everyReasonCarriesItsStatus() {
        for (ProtocolException.Reason r : ProtocolException.Reason.values()) {
            ProtocolException e = new ProtocolException(r);
            assertEquals(r.status(), e.status());
            assertEquals(0, e.getStackTrace().length);
            assertTrue(List.of(400, 413, 414, 431, 501, 505).contains(e.status().code()));
        }
    }

    @Test
    void bodyIsAnImmutableValue() throws IOException {
        byte[] source = "abc".getBytes(ISO_8859_1);
        Body b = Body.of(source);
        source[0] = 'x';
        assertArrayEquals("abc".getBytes(ISO_8859_1), b.bytes());
        b.bytes()[0] = 'y';
        assertEquals(Body.of("abc".getBytes(ISO_8859_1)), b);
        assertEquals(Body.of("abc".getBytes(ISO_8859_1)).hashCode(), b.hashCode());
        assertEquals(3, b.length());
        assertArrayEquals("abc".getBytes(ISO_8859_1), b.stream().readAllBytes());
        assertTrue(b.asReadOnlyBuffer().isReadOnly());
        assertEquals(3, b.asReadOnlyBuffer().remaining());
        assertSame(Body.EMPTY, Body.of(new byte[0]));
        assertEquals(Body.EMPTY, Body.wrap(new byte[10], 0));
        assertEquals(b, Body.wrap("abcdef".getBytes(ISO_8859_1), 3));
    }
}
