package protocol;

import static protocol.FuzzChecks.check;

import java.time.Instant;
import java.util.Optional;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Client-supplied field values the application evaluates: never an exception, and dates round-trip. */
class HeaderValuesFuzzTest {

    @FuzzTest
    void datesAndTags(FuzzedDataProvider data) {
        long second = data.consumeLong(-62167219200L, 253402300799L);
        Instant instant = Instant.ofEpochSecond(second);
        check(HttpDate.parse(HttpDate.format(instant)).equals(Optional.of(instant)), "date round trip");
        boolean strong = data.consumeBoolean();
        EntityTag tag = new EntityTag(data.consumeBoolean() ? "abc" : "", data.consumeBoolean());
        String value = data.consumeRemainingAsString();
        HttpDate.parse(value);
        boolean matched = EntityTag.matchesAny(value, tag, strong);
        check(!value.strip().equals("*") || matched, "star matches");
        check(EntityTag.matchesAny(tag.toString(), tag, false), "a tag matches itself weakly");
    }
}
