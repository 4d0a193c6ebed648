package app.tls;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * PEM text (RFC 7468) into its blocks: a label, the RFC 1421 headers if any, and the DER bytes.
 * Strict about the armour and the Base64 inside; text between blocks is allowed (RFC 7468 §2:
 * "data before the encapsulation boundaries are permitted").
 */
final class Pem {

    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]*)-----");
    private static final Pattern END = Pattern.compile("-----END ([A-Z0-9 ]*)-----");
    /** An RFC 1421 header line, as OpenSSL writes for its legacy encryption ({@code Proc-Type: 4,ENCRYPTED}). */
    private static final Pattern HEADER = Pattern.compile("([A-Za-z][A-Za-z0-9-]*):\\s*(.*)");

    private Pem() {}

    /** One {@code BEGIN ... END} block. */
    static final class Block {
        private final String label;
        private final Map<String, String> headers;
        private final byte[] der;

        Block(String label, Map<String, String> headers, byte[] der) {
            this.label = label;
            this.headers = Map.copyOf(headers);
            this.der = der.clone();
        }

        String label() {
            return label;
        }

        Map<String, String> headers() {
            return headers;
        }

        byte[] der() {
            return der.clone();
        }
    }

    /** The blocks of {@code text} in order; a problem is an {@link IllegalArgumentException} whose message says where. */
    static List<Block> parse(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("binary data, not text (a DER file?)");
        }
        List<Block> blocks = new ArrayList<>();
        List<String> lines = text.lines().toList();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i++).strip();
            if (END.matcher(line).matches()) {
                throw new IllegalArgumentException("line " + i + ": END without BEGIN");
            }
            var begin = BEGIN.matcher(line);
            if (!begin.matches()) {
                if (line.startsWith("-----")) {
                    throw new IllegalArgumentException("line " + i + ": malformed PEM boundary '" + shorten(line) + "'");
                }
                continue;
            }
            String label = begin.group(1);
            int beginLine = i;
            Map<String, String> headers = new LinkedHashMap<>();
            var base64 = new StringBuilder();
            boolean ended = false;
            boolean inHeaders = true;
            while (i < lines.size()) {
                String body = lines.get(i++).strip();
                var end = END.matcher(body);
                if (end.matches()) {
                    if (!end.group(1).equals(label)) {
                        throw new IllegalArgumentException(
                                "line " + i + ": END " + end.group(1) + " closes BEGIN " + label);
                    }
                    ended = true;
                    break;
                }
                var header = HEADER.matcher(body);
                if (inHeaders && header.matches()) {
                    headers.put(header.group(1), header.group(2));
                    continue;
                }
                inHeaders = false;
                if (body.isEmpty()) {
                    continue;
                }
                if (!body.chars().allMatch(Pem::isBase64)) {
                    throw new IllegalArgumentException("line " + i + ": not Base64 inside the " + label + " block");
                }
                base64.append(body);
            }
            if (!ended) {
                throw new IllegalArgumentException("line " + beginLine + ": BEGIN " + label + " has no END");
            }
            // RFC 7468 §3: padded Base64; the JDK's decoder would also take it unpadded.
            if (base64.length() % 4 != 0) {
                throw new IllegalArgumentException("line " + beginLine + ": bad Base64 in the " + label + " block");
            }
            byte[] der;
            try {
                der = Base64.getDecoder().decode(base64.toString());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + beginLine + ": bad Base64 in the " + label + " block");
            }
            if (der.length == 0) {
                throw new IllegalArgumentException("line " + beginLine + ": the " + label + " block is empty");
            }
            blocks.add(new Block(label, headers, der));
        }
        return blocks;
    }

    private static boolean isBase64(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                || c == '=';
    }

    private static String shorten(String line) {
        return line.length() <= 40 ? line : line.substring(0, 40) + "...";
    }
}
