package protocol.hpack;

import static protocol.FuzzChecks.check;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Properties of the HPACK decoder and encoder; failures never print the input. */
class HpackFuzzTest {

    private static final String TCHAR = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final int MAX_TABLE = 4096;

    /**
     * Any bytes, cut into blocks fed to one decoder: each block gives a header list within the limits or
     * HpackException, nothing else. After a compression error the decoder is done; after a list too large it goes on.
     */
    @FuzzTest
    void anyBytes(FuzzedDataProvider data) {
        int maxTable = data.consumeInt(0, MAX_TABLE);
        int maxList = data.consumeInt(0, 16384);
        HpackDecoder decoder = new HpackDecoder(maxTable, maxList);
        while (data.remainingBytes() > 0) {
            ByteBuffer block = ByteBuffer.wrap(data.consumeBytes(data.consumeInt(0, 2048)));
            try {
                List<HeaderField> fields = decoder.decode(block);
                check(!block.hasRemaining(), "a decoded block is consumed");
                long size = 0;
                for (HeaderField f : fields) {
                    size += f.size();
                }
                check(size <= maxList, "header list within its limit");
            } catch (HpackException e) {
                if (e.compressionError()) {
                    return;
                }
            }
            DynamicTable t = decoder.table();
            check(t.capacity() <= maxTable, "table capacity within what we advertise");
            check(t.size() <= t.capacity(), "table size within its capacity");
        }
    }

    /**
     * Header lists encoded then decoded are the lists, block after block through one encoder and one decoder, with
     * table size changes between blocks; both tables stay equal.
     */
    @FuzzTest
    void roundTrip(FuzzedDataProvider data) throws HpackException {
        HpackEncoder encoder = new HpackEncoder(MAX_TABLE, data.consumeBoolean());
        HpackDecoder decoder = new HpackDecoder(MAX_TABLE, Integer.MAX_VALUE);
        List<HeaderField> previous = List.of();
        int blocks = data.consumeInt(1, 6);
        for (int b = 0; b < blocks; b++) {
            int resizes = data.consumeInt(0, 2);
            for (int r = 0; r < resizes; r++) {
                encoder.setMaxTableSize(data.consumeInt(0, MAX_TABLE));
            }
            List<HeaderField> fields = fields(data, previous);
            List<HeaderField> decoded = decoder.decode(ByteBuffer.wrap(encoder.encode(fields)));
            check(decoded.equals(fields), "decoding an encoded list gives the list");
            check(same(encoder.table(), decoder.table()), "encoder and decoder tables in step");
            previous = fields;
        }
    }

    private static List<HeaderField> fields(FuzzedDataProvider data, List<HeaderField> previous) {
        int n = data.consumeInt(0, 12);
        List<HeaderField> fields = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean sensitive = data.consumeBoolean();
            switch (data.consumeInt(0, 3)) {
                case 0 -> {
                    // A static entry, or its name with another value.
                    Entry e = StaticTable.get(data.consumeInt(1, StaticTable.LENGTH));
                    String value = data.consumeBoolean() ? e.value() : value(data);
                    fields.add(new HeaderField(e.name(), value, sensitive));
                }
                case 1 -> {
                    // A field of the previous block, likely in the dynamic table.
                    if (!previous.isEmpty()) {
                        HeaderField f = previous.get(data.consumeInt(0, previous.size() - 1));
                        fields.add(new HeaderField(f.name(), f.value(), sensitive));
                    }
                }
                default -> fields.add(new HeaderField(name(data), value(data), sensitive));
            }
        }
        return fields;
    }

    private static String name(FuzzedDataProvider data) {
        int length = data.consumeInt(1, 24);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(TCHAR.charAt(data.consumeInt(0, TCHAR.length() - 1)));
        }
        return s.toString();
    }

    /** Visible ASCII, SP and HTAB. */
    private static String value(FuzzedDataProvider data) {
        int length = data.consumeInt(0, data.consumeBoolean() ? 2100 : 40);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int c = data.consumeInt(0x1F, 0x7E);
            s.append(c == 0x1F ? '\t' : (char) c);
        }
        return s.toString();
    }

    private static boolean same(DynamicTable a, DynamicTable b) {
        if (a.length() != b.length() || a.size() != b.size() || a.capacity() != b.capacity()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
