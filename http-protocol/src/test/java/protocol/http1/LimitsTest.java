package protocol.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LimitsTest {

    @Test
    void limitsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new Limits(8, 1, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Limits(100, 0, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Limits(100, 1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Limits(100, 1, 1, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Limits(100, 1, 1, Long.MAX_VALUE, 0));
        assertThrows(IllegalArgumentException.class, () -> new Limits(100, 1, 1, 0, -1));
        assertEquals(5, Limits.DEFAULTS.withMaxBodyBytes(5).maxBodyBytes());
    }
}
