package protocol;

import static protocol.FuzzChecks.check;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Any Accept value is read or taken as absent, never refused, and weighs every offer within [0, 1]. */
class AcceptFuzzTest {

    private static final String HTML = "text/html; charset=utf-8";
    private static final String JSON = "application/json";

    @FuzzTest
    void anyValue(FuzzedDataProvider data) {
        String value = data.consumeRemainingAsString();
        Accept accept = Accept.parse(value);
        if (!accept.stated()) {
            check(accept.equals(Accept.ABSENT), "absent is one value");
        }
        for (String offer : new String[] {HTML, JSON}) {
            int q = accept.quality(offer);
            check(q >= 0 && q <= 1000, "quality in range");
            check(accept.stated() || q == 1000, "absent accepts everything");
        }
        for (Accept.MediaRange range : accept.ranges()) {
            check(range.quality() >= 0 && range.quality() <= 1000, "range quality in range");
        }
        // An exact range first, without parameters, is the most specific that covers the offer, or ties with it
        // and comes first.
        check(Accept.parse("application/json, " + value).quality(JSON) == 1000, "an exact range decides");
    }
}
