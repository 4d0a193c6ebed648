package protocol.hpack;

/**
 * The dynamic table of RFC 7541 §2.3.2 and §4: entries first in, first out, the newest at index 0, their sizes summed
 * as name + value + 32 and kept within a capacity by evicting the oldest. A ring buffer, so adding and evicting never
 * move entries.
 */
final class DynamicTable {

    private Entry[] ring = new Entry[8];
    /** Position of the newest entry in {@code ring}. */
    private int head;
    private int length;
    private long size;
    private int capacity;

    /** An empty table holding at most {@code capacity} octets. */
    DynamicTable(int capacity) {
        this.capacity = capacity;
    }

    /** Entries held. */
    int length() {
        return length;
    }

    /** Sum of the entries' sizes, at most {@link #capacity()}. */
    long size() {
        return size;
    }

    /** The maximum size (RFC 7541 §4.2). */
    int capacity() {
        return capacity;
    }

    /** The entry at {@code i}, 0 (the newest) to {@code length() - 1}. */
    Entry get(int i) {
        return ring[(head + i) % ring.length];
    }

    /** Changes the maximum size, evicting the oldest entries until the rest fit (RFC 7541 §4.3). */
    void setCapacity(int capacity) {
        this.capacity = capacity;
        evictUntil(capacity);
    }

    /**
     * Adds {@code e} as the newest entry after evicting what it needs room for. An entry larger than the capacity
     * empties the table and is not added; that is not an error (RFC 7541 §4.4).
     */
    void add(Entry e) {
        long needed = e.size();
        if (needed > capacity) {
            evictUntil(0);
            return;
        }
        evictUntil(capacity - needed);
        if (length == ring.length) {
            grow();
        }
        head = (head - 1 + ring.length) % ring.length;
        ring[head] = e;
        length++;
        size += needed;
    }

    /** The position of the newest entry {@code name: value}, or -1. */
    int indexOf(String name, String value) {
        for (int i = 0; i < length; i++) {
            Entry e = get(i);
            if (e.name().equals(name) && e.value().equals(value)) {
                return i;
            }
        }
        return -1;
    }

    /** The position of the newest entry named {@code name}, or -1. */
    int indexOfName(String name) {
        for (int i = 0; i < length; i++) {
            if (get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private void evictUntil(long target) {
        while (size > target) {
            int oldest = (head + length - 1) % ring.length;
            size -= ring[oldest].size();
            ring[oldest] = null;
            length--;
        }
    }

    private void grow() {
        Entry[] bigger = new Entry[ring.length * 2];
        for (int i = 0; i < length; i++) {
            bigger[i] = get(i);
        }
        ring = bigger;
        head = 0;
    }
}
