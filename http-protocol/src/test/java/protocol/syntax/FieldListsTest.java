package protocol.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldListsTest {

    static Stream<Arguments> plainLists() {
        return Stream.of(
                Arguments.of("", List.of()),
                Arguments.of(" \t ", List.of()),
                Arguments.of(",", List.of()),
                Arguments.of(" , ,\t,", List.of()),
                Arguments.of("a", List.of("a")),
                Arguments.of("a,b", List.of("a", "b")),
                Arguments.of(" a ,\tb\t", List.of("a", "b")),
                Arguments.of(",a,,b,", List.of("a", "b")),
                // Inner whitespace is part of the element; only SP and HTAB are OWS (RFC 9110 §5.6.3).
                Arguments.of("a b , c", List.of("a b", "c")),
                Arguments.of("\u000ba\u00a0", List.of("\u000ba\u00a0")),
                // Quotes mean nothing to a plain list.
                Arguments.of("\"a,b\"", List.of("\"a", "b\"")));
    }

    @ParameterizedTest
    @MethodSource("plainLists")
    void elementsSplitAtEveryComma(String value, List<String> expected) {
        assertEquals(expected, FieldLists.elements(value));
    }

    static Stream<Arguments> quotedLists() {
        return Stream.of(
                Arguments.of("", List.of()),
                Arguments.of(" , ", List.of()),
                Arguments.of("\"a\", \"b\"", List.of("\"a\"", "\"b\"")),
                Arguments.of("\"a,b\" , W/\"c,,d\",", List.of("\"a,b\"", "W/\"c,,d\"")),
                Arguments.of("\"\"", List.of("\"\"")),
                // No quoted-pair in an entity-tag: the backslash is an ordinary character.
                Arguments.of("\"a\\\", \"b\"", List.of("\"a\\\"", "\"b\"")),
                // An unpaired quote holds the rest of the value.
                Arguments.of("\"a, b", List.of("\"a, b")),
                Arguments.of("\"a\", \"b, c", List.of("\"a\"", "\"b, c")),
                Arguments.of("x\"y,z\"w, v", List.of("x\"y,z\"w", "v")));
    }

    @ParameterizedTest
    @MethodSource("quotedLists")
    void quotedElementsKeepCommasBetweenQuotes(String value, List<String> expected) {
        assertEquals(expected, FieldLists.quotedElements(value));
    }

    @Test
    void elementsCannotBeChanged() {
        assertThrows(UnsupportedOperationException.class, () -> FieldLists.elements("a").add("b"));
    }
}
