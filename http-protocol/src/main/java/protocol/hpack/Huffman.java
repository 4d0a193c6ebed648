package protocol.hpack;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import protocol.hpack.HpackException.Reason;

/**
 * The static Huffman code of RFC 7541 §5.2 and Appendix B. Decoding is a state machine fed four bits at a time: a
 * state is an internal node of the code tree (256 of them for 257 leaves), and because no code is shorter than five
 * bits a nibble completes at most one symbol. The machine is built once from {@link HuffmanTable}.
 */
final class Huffman {

    private static final int STATES = 256;
    private static final int EMIT = 1 << 16;
    private static final int FAIL = 1 << 17;

    /** {@code TRANSITIONS[state * 16 + nibble]}: next state in bits 0-7, symbol in bits 8-15, EMIT, FAIL. */
    private static final int[] TRANSITIONS = new int[STATES * 16];
    /** Bits read since the last complete symbol, when the machine is in each state. */
    private static final byte[] DEPTH = new byte[STATES];
    /** Whether those bits are all ones: a prefix of EOS, the only padding allowed. */
    private static final boolean[] ALL_ONES = new boolean[STATES];

    static {
        // Children of each internal node: a node id (>= 0), or a leaf as -(symbol + 1).
        int[][] child = new int[STATES][2];
        int nodes = 1;
        ALL_ONES[0] = true;
        for (int s = 0; s <= HuffmanTable.EOS; s++) {
            int node = 0;
            int length = HuffmanTable.length(s);
            for (int i = length - 1; i > 0; i--) {
                int bit = (HuffmanTable.code(s) >>> i) & 1;
                if (child[node][bit] == 0) {
                    int next = nodes++;
                    child[node][bit] = next;
                    DEPTH[next] = (byte) (DEPTH[node] + 1);
                    ALL_ONES[next] = ALL_ONES[node] && bit == 1;
                }
                node = child[node][bit];
            }
            child[node][HuffmanTable.code(s) & 1] = -(s + 1);
        }
        // A complete prefix code over 257 symbols has exactly 256 internal nodes, none with a missing child.
        boolean complete = nodes == STATES;
        for (int[] c : child) {
            complete &= c[0] != 0 && c[1] != 0;
        }
        if (!complete) {
            throw new ExceptionInInitializerError("Appendix B is not transcribed as a complete prefix code");
        }
        for (int state = 0; state < STATES; state++) {
            for (int nibble = 0; nibble < 16; nibble++) {
                int node = state;
                int out = 0;
                for (int i = 3; i >= 0 && (out & FAIL) == 0; i--) {
                    int next = child[node][(nibble >>> i) & 1];
                    if (next >= 0) {
                        node = next;
                    } else if (-next - 1 == HuffmanTable.EOS) {
                        // RFC 7541 §5.2: a string containing EOS is a decoding error.
                        out = FAIL;
                    } else {
                        out = EMIT | ((-next - 1) << 8);
                        node = 0;
                    }
                }
                TRANSITIONS[state * 16 + nibble] = out | node;
            }
        }
    }

    private Huffman() {}

    /** The length in octets of {@code s} (ISO-8859-1 chars) once coded, padding included. */
    static long encodedLength(String s) {
        long bits = 0;
        for (int i = 0; i < s.length(); i++) {
            bits += HuffmanTable.length(s.charAt(i) & 0xFF);
        }
        return (bits + 7) >>> 3;
    }

    /** Writes {@code s} (ISO-8859-1 chars) coded, padded to an octet with the high bits of EOS (all ones). */
    static void encode(String s, ByteArrayOutputStream out) {
        long pending = 0;
        int count = 0;
        for (int i = 0; i < s.length(); i++) {
            int symbol = s.charAt(i) & 0xFF;
            int length = HuffmanTable.length(symbol);
            pending = (pending << length) | HuffmanTable.code(symbol);
            count += length;
            while (count >= 8) {
                count -= 8;
                out.write((int) (pending >>> count));
            }
        }
        if (count > 0) {
            out.write((int) ((pending << (8 - count)) | (0xFF >>> count)));
        }
    }

    /** Decodes the next {@code length} octets of {@code in}, which holds at least that many, to ISO-8859-1 chars. */
    static String decode(ByteBuffer in, int length) throws HpackException {
        // The shortest code is five bits, so n octets hold at most 8n/5 symbols.
        byte[] out = new byte[(int) (length * 8L / 5)];
        int n = 0;
        int state = 0;
        for (int i = 0; i < length; i++) {
            int b = in.get() & 0xFF;
            int t = TRANSITIONS[state * 16 + (b >>> 4)];
            if ((t & EMIT) != 0) {
                out[n++] = (byte) (t >>> 8);
            }
            t = (t & FAIL) != 0 ? t : TRANSITIONS[(t & 0xFF) * 16 + (b & 0x0F)];
            if ((t & FAIL) != 0) {
                throw new HpackException(Reason.HUFFMAN_EOS);
            }
            if ((t & EMIT) != 0) {
                out[n++] = (byte) (t >>> 8);
            }
            state = t & 0xFF;
        }
        // RFC 7541 §5.2: padding longer than 7 bits, or not the most significant bits of EOS, is an error.
        if (!ALL_ONES[state]) {
            throw new HpackException(Reason.HUFFMAN_PADDING_NOT_EOS);
        }
        if (DEPTH[state] > 7) {
            throw new HpackException(Reason.HUFFMAN_PADDING_TOO_LONG);
        }
        return new String(out, 0, n, ISO_8859_1);
    }
}
