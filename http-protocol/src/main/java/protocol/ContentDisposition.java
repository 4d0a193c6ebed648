package protocol;

import static java.nio.charset.StandardCharsets.UTF_8;

/** Formats Content-Disposition values (RFC 6266). */
public final class ContentDisposition {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ContentDisposition() {}

    /**
     * {@code attachment; filename="name"}, plus {@code filename*=UTF-8''…} (RFC 8187) when the name is not plain
     * printable ASCII or needs escaping; the plain {@code filename} then carries an ASCII fallback with '_' in
     * place of each such character (RFC 6266 §4.3).
     *
     * @throws IllegalArgumentException if {@code filename} is empty
     */
    public static String attachment(String filename) {
        if (filename.isEmpty()) {
            throw new IllegalArgumentException("empty filename");
        }
        StringBuilder fallback = new StringBuilder(filename.length());
        boolean extended = false;
        for (int i = 0; i < filename.length(); ) {
            int cp = filename.codePointAt(i);
            i += Character.charCount(cp);
            // '"' and '\\' would need quoted-pairs that some agents mishandle; '%' some agents decode.
            if (cp >= 0x20 && cp <= 0x7E && cp != '"' && cp != '\\' && cp != '%') {
                fallback.append((char) cp);
            } else {
                fallback.append('_');
                extended = true;
            }
        }
        String value = "attachment; filename=\"" + fallback + '"';
        return extended ? value + "; filename*=UTF-8''" + percentEncode(filename) : value;
    }

    /** RFC 8187 §3.2.1 value-chars: attr-char as is, every other UTF-8 byte as %XX. */
    private static String percentEncode(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(UTF_8)) {
            int c = x & 0xFF;
            boolean attrChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0;
            if (attrChar) {
                b.append((char) c);
            } else {
                b.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return b.toString();
    }
}
