package protocol.hpack;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import protocol.hpack.HpackException.Reason;

/**
 * Decodes the header blocks of one direction of one connection (RFC 7541 §3), keeping the dynamic table the peer's
 * encoder fills. Not thread-safe: blocks must be decoded one at a time, in the order they arrived.
 */
public final class HpackDecoder {

    private final int maxTableSize;
    private final int maxHeaderListSize;
    private final DynamicTable table;

    /**
     * A decoder whose dynamic table starts at, and may never be set above, {@code maxTableSize}: the
     * SETTINGS_HEADER_TABLE_SIZE we advertise (4096 unless we send another). Decoded header lists may be at most
     * {@code maxHeaderListSize} octets, counted as RFC 9113 §6.5.2 does: name + value + 32 per field.
     */
    public HpackDecoder(int maxTableSize, int maxHeaderListSize) {
        if (maxTableSize < 0) {
            throw new IllegalArgumentException("maxTableSize must not be negative: " + maxTableSize);
        }
        if (maxHeaderListSize < 0) {
            throw new IllegalArgumentException("maxHeaderListSize must not be negative: " + maxHeaderListSize);
        }
        this.maxTableSize = maxTableSize;
        this.maxHeaderListSize = maxHeaderListSize;
        this.table = new DynamicTable(maxTableSize);
    }

    /**
     * Decodes one complete header block (a HEADERS fragment and its CONTINUATIONs, concatenated), consuming all of
     * {@code block} and updating the dynamic table. On {@link Reason#HEADER_LIST_TOO_LARGE} the whole block has
     * still been decoded and the table is in step; on any other reason the decoder must not be used again.
     */
    public List<HeaderField> decode(ByteBuffer block) throws HpackException {
        Block b = new Block();
        while (block.hasRemaining()) {
            int first = block.get() & 0xFF;
            if ((first & 0x80) != 0) {
                // RFC 7541 §6.1: indexed header field.
                Entry e = entry(PrefixInteger.decode(block, first, 7));
                b.add(e.name(), e.value(), false);
            } else if ((first & 0x40) != 0) {
                // §6.2.1: literal with incremental indexing.
                Entry e = new Entry(name(block, first, 6), StringLiteral.decode(block));
                table.add(e);
                b.add(e.name(), e.value(), false);
            } else if ((first & 0x20) != 0) {
                // §6.3: dynamic table size update, allowed only before the first field (§4.2).
                if (b.started) {
                    throw new HpackException(Reason.TABLE_SIZE_UPDATE_NOT_AT_START);
                }
                int size = PrefixInteger.decode(block, first, 5);
                if (size > maxTableSize) {
                    throw new HpackException(Reason.TABLE_SIZE_UPDATE_TOO_LARGE);
                }
                table.setCapacity(size);
                continue;
            } else {
                // §6.2.2 without indexing (0000), §6.2.3 never indexed (0001): both leave the table alone.
                String name = name(block, first, 4);
                b.add(name, StringLiteral.decode(block), (first & 0x10) != 0);
            }
            b.started = true;
        }
        if (b.overflowed) {
            throw new HpackException(Reason.HEADER_LIST_TOO_LARGE);
        }
        return List.copyOf(b.fields);
    }

    /** The dynamic table, for tests. */
    DynamicTable table() {
        return table;
    }

    private String name(ByteBuffer block, int first, int prefixBits) throws HpackException {
        int index = PrefixInteger.decode(block, first, prefixBits);
        return index == 0 ? StringLiteral.decode(block) : entry(index).name();
    }

    /** The entry at {@code index} of the address space of RFC 7541 §2.3.3: static 1 to 61, then dynamic. */
    private Entry entry(int index) throws HpackException {
        if (index == 0) {
            throw new HpackException(Reason.INDEX_ZERO);
        }
        if (index <= StaticTable.LENGTH) {
            return StaticTable.get(index);
        }
        int dynamic = index - StaticTable.LENGTH - 1;
        if (dynamic >= table.length()) {
            throw new HpackException(Reason.INDEX_OUT_OF_RANGE);
        }
        return table.get(dynamic);
    }

    /** The fields decoded so far and their running size. */
    private final class Block {

        private final List<HeaderField> fields = new ArrayList<>();
        private long size;
        private boolean started;
        private boolean overflowed;

        /**
         * Counts a field against the limit as soon as it is decoded. Past the limit the list is dropped and no field
         * is kept: a block that references a large entry many times costs one addition per reference, never a list.
         */
        void add(String name, String value, boolean sensitive) {
            size += (long) name.length() + value.length() + Entry.OVERHEAD;
            if (size > maxHeaderListSize) {
                if (!overflowed) {
                    overflowed = true;
                    fields.clear();
                }
                return;
            }
            fields.add(new HeaderField(name, value, sensitive));
        }
    }
}
