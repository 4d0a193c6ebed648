package protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import protocol.Preconditions.Outcome;

/** Every step of RFC 9110 §13.2.2, and If-Range (§13.1.5), against one representation. */
class PreconditionsTest {

    /** The representation: a strong tag, modified at a time with a fraction that HTTP dates cannot carry. */
    private static final EntityTag TAG = EntityTag.strong("v1");
    private static final EntityTag WEAK_TAG = new EntityTag("v1", true);
    private static final Instant MODIFIED = Instant.parse("2024-05-01T12:00:00.500Z");

    private static final String SAME = HttpDate.format(MODIFIED);
    private static final String EARLIER = HttpDate.format(MODIFIED.minus(Duration.ofHours(1)));
    private static final String LATER = HttpDate.format(MODIFIED.plus(Duration.ofHours(1)));

    private static Arguments when(String what, EntityTag tag, Outcome expected, String... fields) {
        return Arguments.of(what, tag, Headers.of(fields), expected);
    }

    static Stream<Arguments> evaluations() {
        return Stream.of(
                when("no conditions", TAG, Outcome.PROCEED),
                // Step 1: If-Match, strong comparison.
                when("If-Match the tag", TAG, Outcome.PROCEED, "If-Match", "\"v1\""),
                when("If-Match *", TAG, Outcome.PROCEED, "If-Match", "*"),
                when("If-Match a list holding the tag", TAG, Outcome.PROCEED, "If-Match", "\"x\", \"v1\""),
                when("If-Match another tag", TAG, Outcome.FAILED, "If-Match", "\"v2\""),
                when("If-Match the tag made weak", TAG, Outcome.FAILED, "If-Match", "W/\"v1\""),
                when("If-Match against a weak current tag", WEAK_TAG, Outcome.FAILED, "If-Match", "\"v1\""),
                when("If-Match * against a weak current tag", WEAK_TAG, Outcome.PROCEED, "If-Match", "*"),
                when("If-Match not a list", TAG, Outcome.FAILED, "If-Match", "v1"),
                // Step 2: If-Unmodified-Since, only without If-Match.
                when("If-Unmodified-Since earlier", TAG, Outcome.FAILED, "If-Unmodified-Since", EARLIER),
                when("If-Unmodified-Since the same second", TAG, Outcome.PROCEED, "If-Unmodified-Since", SAME),
                when("If-Unmodified-Since later", TAG, Outcome.PROCEED, "If-Unmodified-Since", LATER),
                when("If-Unmodified-Since not a date", TAG, Outcome.PROCEED, "If-Unmodified-Since", "yesterday"),
                when("If-Match passing overrides If-Unmodified-Since", TAG, Outcome.PROCEED,
                        "If-Match", "\"v1\"", "If-Unmodified-Since", EARLIER),
                when("If-Match failing, If-Unmodified-Since later", TAG, Outcome.FAILED,
                        "If-Match", "\"v2\"", "If-Unmodified-Since", LATER),
                // Step 3: If-None-Match, weak comparison, winning over If-Modified-Since.
                when("If-None-Match the tag", TAG, Outcome.NOT_MODIFIED, "If-None-Match", "\"v1\""),
                when("If-None-Match the tag made weak", TAG, Outcome.NOT_MODIFIED, "If-None-Match", "W/\"v1\""),
                when("If-None-Match against a weak current tag", WEAK_TAG, Outcome.NOT_MODIFIED,
                        "If-None-Match", "\"v1\""),
                when("If-None-Match *", TAG, Outcome.NOT_MODIFIED, "If-None-Match", "*"),
                when("If-None-Match another tag", TAG, Outcome.PROCEED, "If-None-Match", "\"v2\""),
                when("If-None-Match another tag, If-Modified-Since later", TAG, Outcome.PROCEED,
                        "If-None-Match", "\"v2\"", "If-Modified-Since", LATER),
                when("If-None-Match the tag, If-Modified-Since earlier", TAG, Outcome.NOT_MODIFIED,
                        "If-None-Match", "\"v1\"", "If-Modified-Since", EARLIER),
                // Step 4: If-Modified-Since.
                when("If-Modified-Since the same second", TAG, Outcome.NOT_MODIFIED, "If-Modified-Since", SAME),
                when("If-Modified-Since later", TAG, Outcome.NOT_MODIFIED, "If-Modified-Since", LATER),
                when("If-Modified-Since earlier", TAG, Outcome.PROCEED, "If-Modified-Since", EARLIER),
                when("If-Modified-Since not a date", TAG, Outcome.PROCEED, "If-Modified-Since", "yesterday"),
                // The steps come in order.
                when("If-Match failing before If-None-Match", TAG, Outcome.FAILED,
                        "If-Match", "\"v2\"", "If-None-Match", "\"v1\""),
                when("If-Unmodified-Since failing before If-None-Match", TAG, Outcome.FAILED,
                        "If-Unmodified-Since", EARLIER, "If-None-Match", "\"v1\""),
                when("If-Match passing, then If-None-Match", TAG, Outcome.NOT_MODIFIED,
                        "If-Match", "\"v1\"", "If-None-Match", "\"v1\""),
                when("If-Unmodified-Since passing, then If-Modified-Since", TAG, Outcome.NOT_MODIFIED,
                        "If-Unmodified-Since", LATER, "If-Modified-Since", SAME));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("evaluations")
    void evaluatesInTheOrderOfRfc9110Section13_2_2(String what, EntityTag tag, Headers headers, Outcome expected) {
        assertEquals(expected, Preconditions.evaluate(headers, tag, MODIFIED));
    }

    private static Arguments range(String what, EntityTag tag, boolean applies, String... fields) {
        return Arguments.of(what, tag, Headers.of(fields), applies);
    }

    static Stream<Arguments> ifRanges() {
        return Stream.of(
                range("no If-Range", TAG, true),
                range("the strong tag", TAG, true, "If-Range", "\"v1\""),
                range("the strong tag with whitespace", TAG, true, "If-Range", " \"v1\" "),
                range("another strong tag", TAG, false, "If-Range", "\"v2\""),
                range("a weak tag", TAG, false, "If-Range", "W/\"v1\""),
                range("a strong tag naming a weak current tag", WEAK_TAG, false, "If-Range", "\"v1\""),
                range("the exact date", TAG, true, "If-Range", SAME),
                range("an earlier date", TAG, false, "If-Range", EARLIER),
                range("a later date", TAG, false, "If-Range", LATER),
                range("neither tag nor date", TAG, false, "If-Range", "yesterday"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ifRanges")
    void ifRangeFollowsRfc9110Section13_1_5(String what, EntityTag tag, Headers headers, boolean applies) {
        assertEquals(applies, Preconditions.rangeApplies(headers, tag, MODIFIED));
    }

    static Stream<Arguments> undatedEvaluations() {
        return Stream.of(
                when("no conditions", TAG, Outcome.PROCEED),
                when("If-Match the tag", TAG, Outcome.PROCEED, "If-Match", "\"v1\""),
                when("If-Match another tag", TAG, Outcome.FAILED, "If-Match", "\"v2\""),
                when("If-None-Match the tag", TAG, Outcome.NOT_MODIFIED, "If-None-Match", "\"v1\""),
                when("If-None-Match the tag made weak", TAG, Outcome.NOT_MODIFIED, "If-None-Match", "W/\"v1\""),
                when("If-None-Match another tag", TAG, Outcome.PROCEED, "If-None-Match", "\"v2\""),
                // §13.1.3, §13.1.4: without a modification date both date conditions are ignored.
                when("If-Unmodified-Since long ago", TAG, Outcome.PROCEED, "If-Unmodified-Since", EARLIER),
                when("If-Modified-Since in the future", TAG, Outcome.PROCEED, "If-Modified-Since", LATER),
                when("If-None-Match another tag with If-Modified-Since", TAG, Outcome.PROCEED,
                        "If-None-Match", "\"v2\"", "If-Modified-Since", LATER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("undatedEvaluations")
    void withoutAModificationDateOnlyTagsCount(String what, EntityTag tag, Headers headers, Outcome expected) {
        assertEquals(expected, Preconditions.evaluate(headers, tag));
    }
}
