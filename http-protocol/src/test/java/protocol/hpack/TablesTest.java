package protocol.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TablesTest {

    @Test
    void staticTableIsAppendixA() {
        assertEquals(61, StaticTable.LENGTH);
        assertEquals(new Entry(":authority", ""), StaticTable.get(1));
        assertEquals(new Entry(":method", "GET"), StaticTable.get(2));
        assertEquals(new Entry(":status", "200"), StaticTable.get(8));
        assertEquals(new Entry("accept-encoding", "gzip, deflate"), StaticTable.get(16));
        assertEquals(new Entry("cache-control", ""), StaticTable.get(24));
        assertEquals(new Entry("set-cookie", ""), StaticTable.get(55));
        assertEquals(new Entry("www-authenticate", ""), StaticTable.get(61));
        assertEquals(3, StaticTable.indexOf(":method", "POST"));
        assertEquals(0, StaticTable.indexOf(":method", "PUT"));
        assertEquals(8, StaticTable.indexOfName(":status"));
        assertEquals(0, StaticTable.indexOfName("x-custom"));
    }

    @Test
    void staticTableIndexesEveryEntry() {
        for (int i = 1; i <= StaticTable.LENGTH; i++) {
            Entry e = StaticTable.get(i);
            assertEquals(i, StaticTable.indexOf(e.name(), e.value()), "entry " + i);
            assertEquals(e.name(), StaticTable.get(StaticTable.indexOfName(e.name())).name(), "name " + i);
        }
    }

    @Test
    void dynamicTableEvictsTheOldestToMakeRoom() {
        DynamicTable t = new DynamicTable(100);
        t.add(new Entry("a", "1")); // 34
        t.add(new Entry("b", "2")); // 34
        assertEquals(2, t.length());
        assertEquals(68, t.size());
        assertEquals(new Entry("b", "2"), t.get(0));
        t.add(new Entry("c", "3")); // 102 > 100: "a" goes
        assertEquals(2, t.length());
        assertEquals(new Entry("c", "3"), t.get(0));
        assertEquals(new Entry("b", "2"), t.get(1));
        assertEquals(0, t.indexOf("c", "3"));
        assertEquals(1, t.indexOfName("b"));
        assertEquals(-1, t.indexOf("a", "1"));
    }

    @Test
    void entryOfExactlyTheCapacityFitsAndOneLargerEmptiesTheTable() {
        DynamicTable t = new DynamicTable(40);
        t.add(new Entry("a", "1234567")); // 1 + 7 + 32 = 40
        assertEquals(1, t.length());
        assertEquals(40, t.size());
        t.add(new Entry("a", "12345678")); // 41: RFC 7541 §4.4, not an error
        assertEquals(0, t.length());
        assertEquals(0, t.size());
    }

    @Test
    void shrinkingEvictsAndGrowingKeeps() {
        DynamicTable t = new DynamicTable(4096);
        for (int i = 0; i < 100; i++) {
            t.add(new Entry("n" + i, "v"));
        }
        assertEquals(100, t.length());
        assertEquals(new Entry("n99", "v"), t.get(0));
        assertEquals(new Entry("n0", "v"), t.get(99));
        t.setCapacity(36 * 10);
        assertEquals(10, t.length());
        assertEquals(new Entry("n90", "v"), t.get(9));
        t.setCapacity(4096);
        assertEquals(10, t.length());
        t.setCapacity(0);
        assertEquals(0, t.length());
        assertEquals(0, t.size());
    }
}
