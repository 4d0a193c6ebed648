package protocol;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderValuesTest {

    @Test
    void httpDateFormatsImfFixdate() {
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDate.format(Instant.parse("1994-11-06T08:49:37.999Z")));
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", HttpDate.format(Instant.EPOCH));
        String a = HttpDate.format(Instant.parse("2026-02-28T23:59:59Z"));
        assertEquals("Sat, 28 Feb 2026 23:59:59 GMT", a);
        assertEquals(a, HttpDate.format(Instant.parse("2026-02-28T23:59:59.5Z")));
        assertThrows(IllegalArgumentException.class, () -> HttpDate.format(Instant.parse("+10000-01-01T00:00:00Z")));
    }

    @Test
    void httpDateParsesTheThreeForms() {
        Optional<Instant> expected = Optional.of(Instant.parse("1994-11-06T08:49:37Z"));
        assertEquals(expected, HttpDate.parse("Sun, 06 Nov 1994 08:49:37 GMT"));
        assertEquals(expected, HttpDate.parse("Sunday, 06-Nov-94 08:49:37 GMT"));
        assertEquals(expected, HttpDate.parse("Sun Nov  6 08:49:37 1994"));
        assertEquals(Optional.of(Instant.parse("2037-01-02T00:00:00Z")), HttpDate.parse("Friday, 02-Jan-37 00:00:00 GMT"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 31 Feb 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT", "sun, 06 Nov 1994 08:49:37 GMT", "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49 GMT", "Sunday, 06-Nov-1994 08:49:37 GMT", "Sun Nov 6 08:49:37 1994", "garbage",
        "Xyz, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08-49-37 GMT", "Sun, 06 Nov 19x4 08:49:37 GMT", ","})
    void httpDateRejectsOtherText(String text) {
        assertEquals(Optional.empty(), HttpDate.parse(text));
    }

    @Test
    void entityTagsFormatAndMatch() {
        EntityTag strong = EntityTag.strong("abc");
        EntityTag weak = new EntityTag("abc", true);
        assertEquals("\"abc\"", strong.toString());
        assertEquals("W/\"abc\"", weak.toString());
        assertThrows(IllegalArgumentException.class, () -> EntityTag.strong("a\"b"));
        assertTrue(EntityTag.matchesAny("*", strong, true));
        assertTrue(EntityTag.matchesAny("\"x\", \"abc\"", strong, true));
        assertTrue(EntityTag.matchesAny("W/\"abc\"", strong, false));
        assertFalse(EntityTag.matchesAny("W/\"abc\"", strong, true));
        assertFalse(EntityTag.matchesAny("\"abc\"", weak, true));
        assertTrue(EntityTag.matchesAny("\"abc\"", weak, false));
        assertFalse(EntityTag.matchesAny("\"abcd\", \"ab\"", strong, false));
        assertFalse(EntityTag.matchesAny("abc", strong, false));
        assertFalse(EntityTag.matchesAny("\"abc", strong, false));
        assertFalse(EntityTag.matchesAny("\"abc\" x", strong, false));
        assertTrue(EntityTag.matchesAny(" ,\"abc\" ,", strong, true));
        assertFalse(EntityTag.matchesAny("", strong, true));
    }

    @Test
    void contentDispositionFollowsRfc6266() {
        assertEquals("attachment; filename=\"a b.txt\"", ContentDisposition.attachment("a b.txt"));
        assertEquals("attachment; filename=\"r_sum_.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9.txt",
                ContentDisposition.attachment("r\u00e9sum\u00e9.txt"));
        assertEquals("attachment; filename=\"a_b_c_\"; filename*=UTF-8''a%22b%5Cc%25",
                ContentDisposition.attachment("a\"b\\c%"));
        assertEquals("attachment; filename=\"_.png\"; filename*=UTF-8''%F0%9F%98%80.png",
                ContentDisposition.attachment("\uD83D\uDE00.png"));
        assertThrows(IllegalArgumentException.class, () -> ContentDisposition.attachment(""));
    }
}
