package protocol.hpack;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Hex dumps as RFC 7541 Appendix C prints them: pairs of hex digits, spaces ignored. */
final class Hex {

    private Hex() {}

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static ByteBuffer buffer(String hex) {
        return ByteBuffer.wrap(bytes(hex));
    }

    static String of(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
