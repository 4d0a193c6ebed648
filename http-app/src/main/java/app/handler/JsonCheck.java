package app.handler;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;

/**
 * Checks that bytes are exactly one JSON value, streaming through the tokens without building
 * a tree, under limits that keep hostile input from exhausting memory or stack.
 */
final class JsonCheck {

    private static final int MAX_DEPTH = 256;
    private static final int MAX_NUMBER_LENGTH = 1_000;
    private static final int MAX_NAME_LENGTH = 10_000;

    private final JsonFactory factory;

    JsonCheck(long maxBody) {
        int maxString = (int) Math.min(Integer.MAX_VALUE, Math.max(1, maxBody));
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxNameLength(MAX_NAME_LENGTH)
                        .maxStringLength(maxString)
                        .maxDocumentLength(Math.max(1, maxBody))
                        .build())
                .build();
    }

    /** Returns normally when {@code body} is one JSON value (surrounding whitespace allowed). */
    void requireOneValue(byte[] body) {
        try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), body)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new StreamReadException(parser, "no JSON value");
            }
            int depth = 0;
            do {
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                } else if (token == JsonToken.VALUE_STRING || token == JsonToken.PROPERTY_NAME) {
                    // Decoding the text validates its escapes and UTF-8.
                    parser.getTextLength();
                } else if (token.isNumeric()) {
                    parser.getNumberType();
                }
                if (depth == 0) {
                    break;
                }
                token = parser.nextToken();
            } while (token != null);
            if (depth != 0 || parser.nextToken() != null) {
                throw new StreamReadException(parser, "not exactly one JSON value");
            }
        }
    }
}
