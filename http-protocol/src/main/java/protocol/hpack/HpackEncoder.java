package protocol.hpack;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Encodes the header blocks of one direction of one connection (RFC 7541 §3), keeping the dynamic table the peer's
 * decoder mirrors. Not thread-safe: blocks must be encoded, and sent, one at a time in order.
 *
 * <p>Its choices, which are the ones RFC 7541 Appendix C shows: a field equal to a table entry is indexed (static
 * table first); a sensitive field is a never-indexed literal (§7.1.3); any other field is a literal with incremental
 * indexing when its entry takes at most half the table, else without indexing; a literal's name is indexed when a
 * table has it (static first); a string is Huffman-coded when that is no longer than its octets.
 */
public final class HpackEncoder {

    private final DynamicTable table;
    private final boolean huffman;
    /** A size change not yet signalled: the smallest size since the last block, and the latest (§4.2). */
    private boolean resized;
    private int smallestSize;
    private int latestSize;

    /**
     * An encoder whose dynamic table starts at {@code maxTableSize}, the size both sides assume at the start: 4096
     * in HTTP/2 until the peer's SETTINGS_HEADER_TABLE_SIZE says otherwise (RFC 9113 §6.5.2).
     */
    public HpackEncoder(int maxTableSize) {
        this(maxTableSize, true);
    }

    /** As {@link #HpackEncoder(int)}, with Huffman coding turned off when {@code huffman} is false; for tests. */
    HpackEncoder(int maxTableSize, boolean huffman) {
        if (maxTableSize < 0) {
            throw new IllegalArgumentException("maxTableSize must not be negative: " + maxTableSize);
        }
        this.table = new DynamicTable(maxTableSize);
        this.huffman = huffman;
    }

    /**
     * Sets the table size to use from the next block on, at most the peer's SETTINGS_HEADER_TABLE_SIZE (the caller may
     * choose less to bound memory). The next block starts with the dynamic table size update; when the size went
     * down and up again since the last block, with the smallest size first, then the latest (RFC 7541 §4.2).
     */
    public void setMaxTableSize(int maxTableSize) {
        if (maxTableSize < 0) {
            throw new IllegalArgumentException("maxTableSize must not be negative: " + maxTableSize);
        }
        if (!resized) {
            if (maxTableSize == table.capacity()) {
                return;
            }
            resized = true;
            smallestSize = maxTableSize;
        }
        smallestSize = Math.min(smallestSize, maxTableSize);
        latestSize = maxTableSize;
    }

    /** Encodes {@code fields} as one header block, updating the dynamic table. */
    public byte[] encode(List<HeaderField> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (resized) {
            if (smallestSize < latestSize) {
                sizeUpdate(out, smallestSize);
            }
            sizeUpdate(out, latestSize);
            resized = false;
        }
        for (HeaderField f : fields) {
            field(out, f);
        }
        return out.toByteArray();
    }

    /** The dynamic table, for tests. */
    DynamicTable table() {
        return table;
    }

    private void sizeUpdate(ByteArrayOutputStream out, int size) {
        // RFC 7541 §6.3: 001 and a 5-bit-prefix size.
        PrefixInteger.encode(out, 0x20, 5, size);
        table.setCapacity(size);
    }

    private void field(ByteArrayOutputStream out, HeaderField f) {
        String name = f.name();
        String value = f.value();
        if (f.sensitive()) {
            // §6.2.3: 0001, so no table here or at any intermediary ever holds the value.
            literal(out, 0x10, 4, name, value);
            return;
        }
        int index = index(name, value);
        if (index > 0) {
            // §6.1: 1 and a 7-bit-prefix index.
            PrefixInteger.encode(out, 0x80, 7, index);
            return;
        }
        // An entry near the table's size would evict everything useful for one field that may not recur.
        if (f.size() <= table.capacity() / 2) {
            // §6.2.1: 01 and a 6-bit-prefix name index.
            literal(out, 0x40, 6, name, value);
            table.add(new Entry(name, value));
        } else {
            // §6.2.2: 0000 and a 4-bit-prefix name index.
            literal(out, 0x00, 4, name, value);
        }
    }

    private void literal(ByteArrayOutputStream out, int flags, int prefixBits, String name, String value) {
        int nameIndex = nameIndex(name);
        PrefixInteger.encode(out, flags, prefixBits, nameIndex);
        if (nameIndex == 0) {
            StringLiteral.encode(out, name, huffman);
        }
        StringLiteral.encode(out, value, huffman);
    }

    /** The index of an entry equal to the field, or 0: static table first, then dynamic (RFC 7541 §2.3.3). */
    private int index(String name, String value) {
        int i = StaticTable.indexOf(name, value);
        if (i > 0) {
            return i;
        }
        int d = table.indexOf(name, value);
        return d < 0 ? 0 : StaticTable.LENGTH + 1 + d;
    }

    /** The index of an entry with the field's name, or 0: static table first, then dynamic. */
    private int nameIndex(String name) {
        int i = StaticTable.indexOfName(name);
        if (i > 0) {
            return i;
        }
        int d = table.indexOfName(name);
        return d < 0 ? 0 : StaticTable.LENGTH + 1 + d;
    }
}
