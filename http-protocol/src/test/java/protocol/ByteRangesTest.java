package protocol;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangesTest {

    private static RangeResult ranges(long... pairs) {
        List<ByteRange> list = new java.util.ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            list.add(new ByteRange(pairs[i], pairs[i + 1]));
        }
        return new RangeResult.Satisfiable(list);
    }

    @Test
    void singleRanges() {
        assertEquals(ranges(0, 499), ByteRanges.parse("bytes=0-499", 10000));
        assertEquals(ranges(9500, 9999), ByteRanges.parse("bytes=9500-", 10000));
        assertEquals(ranges(9500, 9999), ByteRanges.parse("bytes=-500", 10000));
        assertEquals(ranges(0, 99), ByteRanges.parse("bytes=-500", 100));
        assertEquals(ranges(50, 99), ByteRanges.parse("bytes=50-1000", 100));
        assertEquals(ranges(0, 99), ByteRanges.parse("Bytes=0-99999999999999999999999", 100));
    }

    @Test
    void multipleRangesAreSortedAndMerged() {
        assertEquals(ranges(0, 10, 20, 30), ByteRanges.parse("bytes=20-30, 0-5,3-10", 100));
        assertEquals(ranges(0, 20), ByteRanges.parse("bytes=0-9,10-20", 100));
        assertEquals(ranges(0, 0, 99, 99), ByteRanges.parse("bytes=0-0,-1", 100));
        assertEquals(ranges(0, 99), ByteRanges.parse("bytes=0-,-1", 100));
        assertEquals(ranges(5, 6), ByteRanges.parse("bytes=500-600, 5-6", 100));
    }

    @Test
    void unsatisfiable() {
        assertEquals(new RangeResult.Unsatisfiable(), ByteRanges.parse("bytes=100-200", 100));
        assertEquals(new RangeResult.Unsatisfiable(), ByteRanges.parse("bytes=-0", 100));
        assertEquals(new RangeResult.Unsatisfiable(), ByteRanges.parse("bytes=0-0", 0));
        assertEquals(new RangeResult.Unsatisfiable(), ByteRanges.parse("bytes=-5", 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bytes", "bytes=", "bytes=,", "items=0-1", "bytes=5-1", "bytes=a-b", "bytes=1", "bytes=--1",
        "bytes=1-2-3", "bytes=-", "bytes =0-1", "bytes=0-1;x", "bytes=+1-2", "bytes=1-+2"})
    void invalidIsIgnored(String value) {
        assertEquals(new RangeResult.Ignored(), ByteRanges.parse(value, 100));
    }

    @Test
    void moreThanSixteenRangesAreIgnored() {
        String sixteen = "bytes=" + "0-0,".repeat(15) + "0-0";
        assertEquals(ranges(0, 0), ByteRanges.parse(sixteen, 100));
        assertEquals(new RangeResult.Ignored(), ByteRanges.parse(sixteen + ",0-0", 100));
    }

    @Test
    void rangeValues() {
        ByteRange r = new ByteRange(5, 9);
        assertEquals(5, r.length());
        assertEquals("bytes 5-9/100", r.contentRange(100));
        assertThrows(IllegalArgumentException.class, () -> new ByteRange(5, 4));
        assertThrows(IllegalArgumentException.class, () -> new ByteRange(-1, 4));
        assertThrows(IllegalArgumentException.class, () -> ByteRanges.parse("bytes=0-1", -1));
        assertThrows(IllegalArgumentException.class, () -> new RangeResult.Satisfiable(List.of()));
    }

    @Test
    void multipartPartHeads() {
        assertEquals("\r\n--B1\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-4/10\r\n\r\n",
                new String(ByteRanges.partHead("B1", "text/plain", new ByteRange(0, 4), 10), ISO_8859_1));
        assertEquals("\r\n--B1--\r\n", new String(ByteRanges.multipartEnd("B1"), ISO_8859_1));
        assertThrows(IllegalArgumentException.class, () -> ByteRanges.multipartEnd("a b"));
        assertThrows(IllegalArgumentException.class,
                () -> ByteRanges.partHead("b", "text/plain\r\nX: y", new ByteRange(0, 1), 2));
    }
}
