package protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AcceptTest {

    private static final String HTML = "text/html; charset=utf-8";
    private static final String JSON = "application/json";

    @ParameterizedTest(name = "[{index}] ''{0}'' -> html {1}, json {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            # field value                                             | html | json
            NULL                                                      | 1000 | 1000
            ''                                                        | 0    | 0
            '*/*'                                                     | 1000 | 1000
            application/json                                          | 0    | 1000
            'application/json, text/html;q=0.9'                       | 900  | 1000
            'text/html, application/json;q=0.9'                       | 1000 | 900
            'text/html;q=0.5, application/json;q=0.5'                 | 500  | 500
            'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' | 1000 | 800
            'application/json, */*;q=0.01'                            | 10   | 1000
            'text/*;q=0.3, */*;q=0.1'                                 | 300  | 100
            'text/*, text/html;q=0'                                   | 0    | 0
            '*/*;q=0.2, application/*;q=0.4, application/json;q=0.6'  | 200  | 600
            'application/*;q=0.6, */*;q=0.7'                          | 700  | 600
            'TEXT/HTML;Q=0.7, Application/JSON;q=0.8'                 | 700  | 800
            'text/html;charset=UTF-8;q=0.4, text/html;q=0.2'          | 400  | 0
            'text/html;charset=iso-8859-1, application/json'          | 0    | 1000
            'text/html;level=1, application/json'                     | 0    | 1000
            'application/json;q=0, */*'                               | 1000 | 0
            'application/json ; q=0.5 , text/html ; q=0.4'            | 400  | 500
            'application/json\t;\tq=0.5'                              | 0    | 500
            'application/json;;q=0.5'                                 | 0    | 500
            'text/html;charset="utf-8";q=0.3'                         | 300  | 0
            'text/html;foo="a,b;c";q=0.3, application/json;q=0.2'     | 0    | 200
            'application/json;q=1.000, text/html;q=0.999'             | 999  | 1000
            'application/json, application/json;q=0.1'                | 0    | 1000
            """)
    void weighs(String value, int html, int json) {
        Accept accept = value == null ? Accept.ABSENT : Accept.parse(value);
        assertEquals(html, accept.quality(HTML), "html");
        assertEquals(json, accept.quality(JSON), "json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "text/", "/html", "*/html", "text/html;q=2", "text/html;q=0.1234",
        "text/html;q=0.5;level=1", "text/html;q=0.5;q=0.6", "text/html;=1", "text/html;level", "text/h tml",
        "text/html;level=\"1", "text/html;a=1;a=2", "texté/html", "text/html;q=.5", "text/html;x=\"\\\"",
        "text/html, json"})
    void malformedValuesAreAbsent(String value) {
        assertEquals(Accept.ABSENT, Accept.parse(value));
        assertEquals(1000, Accept.parse(value).quality(JSON));
    }

    @Test
    void rangesKeepTheirParts() {
        Accept accept = Accept.parse("Text/HTML;Level=\"a\\\"b\";q=0.5, */*");
        assertTrue(accept.stated());
        assertEquals(List.of(new Accept.MediaRange("text", "html", Map.of("level", "a\"b"), 500),
                new Accept.MediaRange("*", "*", Map.of(), 1000)), accept.ranges());
    }

    @Test
    void everyFieldCounts() {
        Accept accept = Accept.of(Headers.builder().add("Accept", "text/html;q=0.1").add("Accept", "application/json")
                .build());
        assertEquals(100, accept.quality(HTML));
        assertEquals(1000, accept.quality(JSON));
        assertFalse(Accept.of(Headers.builder().build()).stated());
    }

    @Test
    void anOfferMustBeAConcreteType() {
        assertThrows(IllegalArgumentException.class, () -> Accept.ABSENT.quality("text/*"));
        assertThrows(IllegalArgumentException.class, () -> Accept.ABSENT.quality("html"));
        assertThrows(IllegalArgumentException.class, () -> new Accept.MediaRange("*", "html", Map.of(), 1000));
        assertThrows(IllegalArgumentException.class, () -> new Accept.MediaRange("text", "html", Map.of(), 1001));
    }
}
