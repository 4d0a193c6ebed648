package protocol.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The examples of RFC 7541 Appendix C, byte for byte: each block decodes to the listed header list and leaves the
 * listed dynamic table; encoding the list with an encoder in the same state gives the listed bytes, since the
 * encoder's choices are the ones the examples make (C.2.2 needs a table too small to index into).
 */
class AppendixCTest {

    private static final int UNLIMITED = Integer.MAX_VALUE;

    private static List<HeaderField> fields(String... nameValue) {
        List<HeaderField> fields = new ArrayList<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            fields.add(new HeaderField(nameValue[i], nameValue[i + 1]));
        }
        return fields;
    }

    /** The table as the appendix prints it, newest first, then its size. */
    private static List<String> state(DynamicTable t) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < t.length(); i++) {
            lines.add(t.get(i).name() + ": " + t.get(i).value());
        }
        lines.add("size " + t.size());
        return lines;
    }

    /** One block of a sequence: decoded, re-encoded, and both tables compared with the appendix. */
    private static void step(HpackEncoder encoder, HpackDecoder decoder, String hex, List<HeaderField> fields,
            String... table) throws HpackException {
        assertEquals(fields, decoder.decode(Hex.buffer(hex)));
        assertEquals(List.of(table), state(decoder.table()), "decoder table");
        assertEquals(hex.replace(" ", ""), Hex.of(encoder.encode(fields)));
        assertEquals(List.of(table), state(encoder.table()), "encoder table");
    }

    @Test
    void c21LiteralWithIndexing() throws HpackException {
        step(new HpackEncoder(4096, false), new HpackDecoder(4096, UNLIMITED),
                "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572",
                fields("custom-key", "custom-header"), "custom-key: custom-header", "size 55");
    }

    @Test
    void c22LiteralWithoutIndexing() throws HpackException {
        // The encoder indexes what fits in half its table; with no table it writes this literal without indexing.
        step(new HpackEncoder(0, false), new HpackDecoder(4096, UNLIMITED),
                "040c 2f73 616d 706c 652f 7061 7468", fields(":path", "/sample/path"), "size 0");
    }

    @Test
    void c23LiteralNeverIndexed() throws HpackException {
        step(new HpackEncoder(4096, false), new HpackDecoder(4096, UNLIMITED),
                "1008 7061 7373 776f 7264 0673 6563 7265 74",
                List.of(new HeaderField("password", "secret", true)), "size 0");
    }

    @Test
    void c24Indexed() throws HpackException {
        step(new HpackEncoder(4096, false), new HpackDecoder(4096, UNLIMITED), "82", fields(":method", "GET"),
                "size 0");
    }

    private static void requests(HpackEncoder encoder, String first, String second, String third)
            throws HpackException {
        HpackDecoder decoder = new HpackDecoder(4096, UNLIMITED);
        step(encoder, decoder, first,
                fields(":method", "GET", ":scheme", "http", ":path", "/", ":authority", "www.example.com"),
                ":authority: www.example.com", "size 57");
        step(encoder, decoder, second,
                fields(":method", "GET", ":scheme", "http", ":path", "/", ":authority", "www.example.com",
                        "cache-control", "no-cache"),
                "cache-control: no-cache", ":authority: www.example.com", "size 110");
        step(encoder, decoder, third,
                fields(":method", "GET", ":scheme", "https", ":path", "/index.html", ":authority", "www.example.com",
                        "custom-key", "custom-value"),
                "custom-key: custom-value", "cache-control: no-cache", ":authority: www.example.com", "size 164");
    }

    @Test
    void c3RequestsWithoutHuffman() throws HpackException {
        requests(new HpackEncoder(4096, false),
                "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
                "8286 84be 5808 6e6f 2d63 6163 6865",
                "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65");
    }

    @Test
    void c4RequestsWithHuffman() throws HpackException {
        requests(new HpackEncoder(4096),
                "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff",
                "8286 84be 5886 a8eb 1064 9cbf",
                "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf");
    }

    private static final String DATE_21 = "Mon, 21 Oct 2013 20:13:21 GMT";
    private static final String DATE_22 = "Mon, 21 Oct 2013 20:13:22 GMT";
    private static final String LOCATION = "https://www.example.com";
    private static final String COOKIE = "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1";

    /** C.5 and C.6: SETTINGS_HEADER_TABLE_SIZE is 256, so entries are evicted. */
    private static void responses(HpackEncoder encoder, String first, String second, String third)
            throws HpackException {
        HpackDecoder decoder = new HpackDecoder(256, UNLIMITED);
        step(encoder, decoder, first,
                fields(":status", "302", "cache-control", "private", "date", DATE_21, "location", LOCATION),
                "location: " + LOCATION, "date: " + DATE_21, "cache-control: private", ":status: 302", "size 222");
        step(encoder, decoder, second,
                fields(":status", "307", "cache-control", "private", "date", DATE_21, "location", LOCATION),
                ":status: 307", "location: " + LOCATION, "date: " + DATE_21, "cache-control: private", "size 222");
        step(encoder, decoder, third,
                fields(":status", "200", "cache-control", "private", "date", DATE_22, "location", LOCATION,
                        "content-encoding", "gzip", "set-cookie", COOKIE),
                "set-cookie: " + COOKIE, "content-encoding: gzip", "date: " + DATE_22, "size 215");
    }

    @Test
    void c5ResponsesWithoutHuffman() throws HpackException {
        responses(new HpackEncoder(256, false),
                "4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133"
                        + " 2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70"
                        + " 6c65 2e63 6f6d",
                "4803 3330 37c1 c0bf",
                "88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d"
                        + " 54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049"
                        + " 5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e"
                        + " 3d31");
    }

    @Test
    void c6ResponsesWithHuffman() throws HpackException {
        responses(new HpackEncoder(256),
                "4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6"
                        + " 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3",
                "4883 640e ffc1 c0bf",
                "88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab"
                        + " 77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f"
                        + " 9587 3160 65c0 03ed 4ee5 b106 3d50 07");
    }
}
