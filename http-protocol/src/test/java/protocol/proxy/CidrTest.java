package protocol.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/8, 10.255.1.2, true",
        "10.0.0.0/8, 11.0.0.0, false",
        "192.0.2.128/25, 192.0.2.128, true",
        "192.0.2.128/25, 192.0.2.127, false",
        "192.0.2.7, 192.0.2.7, true",
        "192.0.2.7, 192.0.2.8, false",
        "0.0.0.0/0, 203.0.113.9, true",
        "0.0.0.0/0, ::1, false",
        "2001:db8::/32, 2001:db8:ffff::1, true",
        "2001:db8::/32, 2001:db9::1, false",
        "::1, ::1, true",
        "::1, ::2, false",
        "::/0, 2001:db8::1, true",
        "::ffff:0:0/96, 192.0.2.1, true",
        "10.0.0.0/8, ::ffff:10.1.1.1, true",
    })
    void contains(String range, String address, boolean inside) {
        assertEquals(inside, Cidr.parse(range).contains(ProxyHeaderParserTest.address(address)));
    }

    @Test
    void bareAddressesAreSingleHosts() {
        assertEquals(32, Cidr.parse("127.0.0.1").prefix());
        assertEquals(128, Cidr.parse("::1").prefix());
        assertEquals("2001:db8::/32", Cidr.parse("2001:DB8::/32").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/8", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/08", "10.0.0.0/-1", "10.0.0.0/8/8",
        "10.0.0.1/8", "2001:db8::1/32", "::/129", "localhost", "10.0.0", "010.0.0.0/8", "[::1]", "::1%lo", "10.0.0.0 /8"})
    void refusesWhatIsNoRange(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(e.getMessage().contains("'" + text + "'"));
    }
}
