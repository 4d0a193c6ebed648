package protocol;

import static protocol.FuzzChecks.check;

import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Range parsing never yields a range outside the representation. */
class ByteRangesFuzzTest {

    @FuzzTest
    void withinRepresentation(FuzzedDataProvider data) {
        long length = data.consumeBoolean() ? data.consumeLong(0, 1000) : data.consumeLong(0, Long.MAX_VALUE);
        String value = data.consumeRemainingAsString();
        RangeResult result = ByteRanges.parse(value, length);
        if (result instanceof RangeResult.Satisfiable s) {
            List<ByteRange> ranges = s.ranges();
            check(!ranges.isEmpty() && ranges.size() <= ByteRanges.MAX_RANGES, "range count");
            long previousLast = -2;
            for (ByteRange r : ranges) {
                check(r.first() >= 0 && r.first() <= r.last() && r.last() < length, "inside");
                check(r.first() > previousLast + 1, "sorted, merged");
                previousLast = r.last();
            }
        }
    }
}
