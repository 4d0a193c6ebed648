package protocol.hpack;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The static table of RFC 7541 Appendix A: 61 entries, indices 1 to 61. */
final class StaticTable {

    /** Its number of entries; dynamic table indices start after it (RFC 7541 §2.3.3). */
    static final int LENGTH = 61;

    private static final List<Entry> ENTRIES = List.of(
            new Entry(":authority", ""),
            new Entry(":method", "GET"),
            new Entry(":method", "POST"),
            new Entry(":path", "/"),
            new Entry(":path", "/index.html"),
            new Entry(":scheme", "http"),
            new Entry(":scheme", "https"),
            new Entry(":status", "200"),
            new Entry(":status", "204"),
            new Entry(":status", "206"),
            new Entry(":status", "304"),
            new Entry(":status", "400"),
            new Entry(":status", "404"),
            new Entry(":status", "500"),
            new Entry("accept-charset", ""),
            new Entry("accept-encoding", "gzip, deflate"),
            new Entry("accept-language", ""),
            new Entry("accept-ranges", ""),
            new Entry("accept", ""),
            new Entry("access-control-allow-origin", ""),
            new Entry("age", ""),
            new Entry("allow", ""),
            new Entry("authorization", ""),
            new Entry("cache-control", ""),
            new Entry("content-disposition", ""),
            new Entry("content-encoding", ""),
            new Entry("content-language", ""),
            new Entry("content-length", ""),
            new Entry("content-location", ""),
            new Entry("content-range", ""),
            new Entry("content-type", ""),
            new Entry("cookie", ""),
            new Entry("date", ""),
            new Entry("etag", ""),
            new Entry("expect", ""),
            new Entry("expires", ""),
            new Entry("from", ""),
            new Entry("host", ""),
            new Entry("if-match", ""),
            new Entry("if-modified-since", ""),
            new Entry("if-none-match", ""),
            new Entry("if-range", ""),
            new Entry("if-unmodified-since", ""),
            new Entry("last-modified", ""),
            new Entry("link", ""),
            new Entry("location", ""),
            new Entry("max-forwards", ""),
            new Entry("proxy-authenticate", ""),
            new Entry("proxy-authorization", ""),
            new Entry("range", ""),
            new Entry("referer", ""),
            new Entry("refresh", ""),
            new Entry("retry-after", ""),
            new Entry("server", ""),
            new Entry("set-cookie", ""),
            new Entry("strict-transport-security", ""),
            new Entry("transfer-encoding", ""),
            new Entry("user-agent", ""),
            new Entry("vary", ""),
            new Entry("via", ""),
            new Entry("www-authenticate", ""));

    /** Index of each entry, and of the first entry with each name. */
    private static final Map<Entry, Integer> BY_ENTRY;
    private static final Map<String, Integer> BY_NAME;

    static {
        Map<Entry, Integer> byEntry = new HashMap<>();
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 1; i <= LENGTH; i++) {
            Entry e = ENTRIES.get(i - 1);
            byEntry.put(e, i);
            byName.putIfAbsent(e.name(), i);
        }
        BY_ENTRY = Map.copyOf(byEntry);
        BY_NAME = Map.copyOf(byName);
    }

    private StaticTable() {}

    /** The entry at {@code index}, 1 to {@link #LENGTH}. */
    static Entry get(int index) {
        return ENTRIES.get(index - 1);
    }

    /** The index of the entry {@code name: value}, or 0 when there is none (0 is never an index). */
    static int indexOf(String name, String value) {
        return BY_ENTRY.getOrDefault(new Entry(name, value), 0);
    }

    /** The index of the first entry named {@code name}, or 0 when there is none. */
    static int indexOfName(String name) {
        return BY_NAME.getOrDefault(name, 0);
    }
}
