package protocol.syntax;

/** Classifies bytes by one lookup in a 256-entry table of flags. */
public final class ByteClass {

    /** RFC 9110 §5.6.2 tchar: the characters of a token. */
    public static final int TCHAR = 1;
    /** RFC 9110 §5.5 field-vchar plus SP and HTAB: what may appear inside a field value. */
    public static final int FIELD_CONTENT = 1 << 1;
    /** RFC 3986 pchar without '%', plus '/' and '?': what may appear in a path or query unescaped. */
    public static final int URI_CHAR = 1 << 2;
    /** RFC 3986 reg-name characters without '%': unreserved and sub-delims. */
    public static final int REG_NAME = 1 << 3;
    /** RFC 5234 HEXDIG, either case. */
    public static final int HEX = 1 << 4;
    /** RFC 5234 DIGIT. */
    public static final int DIGIT = 1 << 5;
    /** RFC 9110 §5.6.4 qdtext: what may appear unescaped inside a quoted-string. */
    public static final int QDTEXT = 1 << 6;
    /** RFC 9110 §8.8.3 etagc: what may appear inside an entity-tag's quotes. */
    public static final int ETAGC = 1 << 7;

    private static final int[] TABLE = new int[256];

    static {
        for (int c = 0; c < 256; c++) {
            int f = 0;
            boolean alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            boolean digit = c >= '0' && c <= '9';
            boolean vchar = c >= 0x21 && c <= 0x7E;
            boolean obsText = c >= 0x80;
            if (alpha || digit || "!#$%&'*+-.^_`|~".indexOf(c) >= 0) {
                f |= TCHAR;
            }
            if (vchar || obsText || c == ' ' || c == '\t') {
                f |= FIELD_CONTENT;
            }
            boolean unreserved = alpha || digit || "-._~".indexOf(c) >= 0;
            boolean subDelim = "!$&'()*+,;=".indexOf(c) >= 0;
            if (unreserved || subDelim) {
                f |= REG_NAME;
            }
            if (unreserved || subDelim || ":@/?".indexOf(c) >= 0) {
                f |= URI_CHAR;
            }
            if (digit || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f')) {
                f |= HEX;
            }
            if (digit) {
                f |= DIGIT;
            }
            if (c == '\t' || c == ' ' || c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E) || obsText) {
                f |= QDTEXT;
            }
            if (c == 0x21 || (c >= 0x23 && c <= 0x7E) || obsText) {
                f |= ETAGC;
            }
            TABLE[c] = f;
        }
    }

    private ByteClass() {}

    /** Whether byte {@code b} has every flag in {@code flags}. */
    public static boolean is(int b, int flags) {
        return (TABLE[b & 0xFF] & flags) == flags;
    }

    /** Whether char {@code c} is ISO-8859-1 and has every flag in {@code flags}. */
    public static boolean isChar(char c, int flags) {
        return c < 256 && (TABLE[c] & flags) == flags;
    }

    /** Whether {@code s} is a non-empty token. */
    public static boolean isToken(CharSequence s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isChar(s.charAt(i), TCHAR)) {
                return false;
            }
        }
        return true;
    }

    /** The value of hex digit {@code b}; only call for bytes with {@link #HEX}. */
    public static int hexValue(int b) {
        return b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
    }

    /** Whether {@code c} is optional whitespace (RFC 9110 §5.6.3 OWS: SP or HTAB). */
    public static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t';
    }
}
