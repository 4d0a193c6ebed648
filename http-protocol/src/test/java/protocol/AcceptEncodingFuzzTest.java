package protocol;

import static protocol.FuzzChecks.check;

import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Any Accept-Encoding value gives a choice or "nothing acceptable", consistent with the qualities. */
class AcceptEncodingFuzzTest {

    @FuzzTest
    void anyValue(FuzzedDataProvider data) {
        Set<ContentCoding> available = EnumSet.noneOf(ContentCoding.class);
        for (ContentCoding c : ContentCoding.values()) {
            if (data.consumeBoolean()) {
                available.add(c);
            }
        }
        String value = data.consumeRemainingAsString();
        AcceptEncoding accept = AcceptEncoding.parse(value);
        Optional<ContentCoding> chosen = accept.choose(available);
        if (chosen.isPresent()) {
            ContentCoding c = chosen.get();
            check(available.contains(c), "chosen among the available");
            OptionalInt q = accept.quality(c);
            check(q.isPresent(), "chosen is acceptable");
            for (ContentCoding other : available) {
                OptionalInt oq = accept.quality(other);
                check(oq.isEmpty() || oq.getAsInt() < q.getAsInt()
                        || (oq.getAsInt() == q.getAsInt() && other.compareTo(c) >= 0), "nothing preferred is left");
            }
        } else {
            for (ContentCoding other : available) {
                check(accept.quality(other).isEmpty(), "nothing acceptable means none is");
            }
        }
        if (!accept.stated()) {
            check(accept.equals(AcceptEncoding.ABSENT), "absent is one value");
            check(accept.choose(EnumSet.allOf(ContentCoding.class)).equals(Optional.of(ContentCoding.IDENTITY)),
                    "absent means identity");
        } else {
            check(AcceptEncoding.parse(accept.toString()).equals(accept), "printed value reads back the same");
        }
        for (AcceptEncoding.Preference p : accept.preferences()) {
            check(p.quality() >= 0 && p.quality() <= AcceptEncoding.MAX_QUALITY, "quality in range");
        }
        check(accept.choose(Set.of()).isEmpty(), "nothing available, nothing chosen");
        check(accept.choose(EnumSet.allOf(ContentCoding.class)).isPresent()
                || accept.quality(ContentCoding.IDENTITY).isEmpty(), "only a refused identity leaves nothing");
    }
}
