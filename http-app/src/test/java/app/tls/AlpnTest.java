package app.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlpnTest {

    private static final List<String> OURS = List.of("h2", "http/1.1");

    @Test
    void noOfferMeansNoAlpn() {
        assertEquals(new Alpn.None(), Alpn.select(List.of(), OURS));
        assertEquals("", new Alpn.None().forJsse());
    }

    @Test
    void theServersOrderWins() {
        assertEquals(new Alpn.Chosen("h2"), Alpn.select(List.of("http/1.1", "h2"), OURS));
        assertEquals(new Alpn.Chosen("http/1.1"), Alpn.select(List.of("h2", "http/1.1"), TlsPolicy.HTTP_1_1));
        assertEquals(new Alpn.Chosen("http/1.1"), Alpn.select(List.of("spdy/3", "http/1.1"), OURS));
    }

    @Test
    void onlyUnknownProtocolsAreRefused() {
        assertEquals(new Alpn.Refuse(), Alpn.select(List.of("spdy/3"), OURS));
        assertEquals(new Alpn.Refuse(), Alpn.select(List.of("h2"), TlsPolicy.HTTP_1_1));
        assertEquals(new Alpn.Refuse(), Alpn.select(List.of("HTTP/1.1"), OURS)); // RFC 7301 §3.1: exact bytes
        assertNull(new Alpn.Refuse().forJsse());
    }
}
