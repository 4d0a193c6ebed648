package app.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PemTest {

    @Test
    void blocksWithTextAroundAndCrLf() {
        String text = "Bag Attributes\r\n-----BEGIN CERTIFICATE-----\r\nAQID\r\n-----END CERTIFICATE-----\r\n"
                + "between\n  -----BEGIN EC PRIVATE KEY-----\nBAUG\nBw==\n-----END EC PRIVATE KEY-----  \n";
        List<Pem.Block> blocks = Pem.parse(text);
        assertEquals(2, blocks.size());
        assertEquals("CERTIFICATE", blocks.get(0).label());
        assertArrayEquals(new byte[] {1, 2, 3}, blocks.get(0).der());
        assertEquals("EC PRIVATE KEY", blocks.get(1).label());
        assertArrayEquals(new byte[] {4, 5, 6, 7}, blocks.get(1).der());
    }

    @Test
    void headersAreKept() {
        var block = Pem.parse("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n"
                + "AQID\n-----END RSA PRIVATE KEY-----\n").getFirst();
        assertEquals(Map.of("Proc-Type", "4,ENCRYPTED", "DEK-Info", "AES-128-CBC,00"), block.headers());
    }

    @Test
    void noBlocksIsNotAnErrorHere() {
        assertEquals(List.of(), Pem.parse("just text\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-----BEGIN CERTIFICATE-----\nAQID\n",
        "-----END CERTIFICATE-----\n",
        "-----BEGIN CERTIFICATE-----\nAQID\n-----END PRIVATE KEY-----\n",
        "-----BEGIN CERTIFICATE-----\nAQ*D\n-----END CERTIFICATE-----\n",
        "-----BEGIN CERTIFICATE-----\nAQI\n-----END CERTIFICATE-----\n",
        "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n",
        "-----BEGIN certificate-----\nAQID\n-----END certificate-----\n",
        "\0\1\2"})
    void garbageIsRefusedWithALine(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> Pem.parse(text));
        assertEquals(1, e.getMessage().lines().count());
        assertTrue(e.getMessage().startsWith("line ") || e.getMessage().contains("binary"), e.getMessage());
    }
}
