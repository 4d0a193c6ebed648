package protocol.http2;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

class PrefaceTest {

    private static final String PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

    private static Preface.Match match(String s) {
        ByteBuffer buf = ByteBuffer.wrap(s.getBytes(US_ASCII));
        Preface.Match m = Preface.match(buf);
        assertEquals(0, buf.position(), "the position does not move");
        return m;
    }

    @Test
    void thePrefaceIs24Bytes() {
        ByteBuffer b = Preface.bytes();
        assertEquals(Preface.LENGTH, b.remaining());
        assertTrue(b.isReadOnly());
        assertEquals(PREFACE, US_ASCII.decode(b).toString());
    }

    @Test
    void everyPrefixNeedsMoreAndTheWholeMatches() {
        for (int n = 0; n < PREFACE.length(); n++) {
            assertEquals(Preface.Match.NEED_MORE, match(PREFACE.substring(0, n)), "prefix of " + n);
        }
        assertEquals(Preface.Match.PREFACE, match(PREFACE));
        assertEquals(Preface.Match.PREFACE, match(PREFACE + "\0\0\022"));
    }

    @Test
    void http1IsNotThePrefaceFromItsFirstByte() {
        assertEquals(Preface.Match.NOT_PREFACE, match("G"));
        assertEquals(Preface.Match.NOT_PREFACE, match("GET / HTTP/1.1\r\n"));
        assertEquals(Preface.Match.NOT_PREFACE, match("PRI * HTTP/1.1\r\n"));
        // Differs only in its last byte.
        assertEquals(Preface.Match.NOT_PREFACE, match(PREFACE.substring(0, 23) + "\r"));
    }

    @Test
    void matchingStartsAtThePosition() {
        ByteBuffer buf = ByteBuffer.wrap(("xx" + PREFACE).getBytes(US_ASCII)).position(2);
        assertEquals(Preface.Match.PREFACE, Preface.match(buf));
        assertEquals(2, buf.position());
    }
}
