package protocol.proxy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import protocol.syntax.ByteClass;

/**
 * The {@code Forwarded} field (RFC 7239 §4), read strictly:
 * {@code 1#( [pair] *( ";" [pair] ) )}, a pair {@code token "=" ( token / quoted-string )}, each
 * parameter at most once per element (§4), and a {@code for} value that is a node (§6): an IPv4
 * address, a bracketed IPv6 address (quoted, since neither {@code [} nor {@code :} is a token
 * character), {@code unknown} or an obfuscated identifier, optionally with a port. A field that
 * breaks any of this says nothing: it is rejected whole.
 */
public final class ForwardedField {

    private static final String FOR = "for";
    private static final String PROTO = "proto";
    private static final String UNKNOWN = "unknown";
    private static final int MAX_PORT_DIGITS = 5;
    private static final int MAX_PORT = 65_535;

    private ForwardedField() {}

    /**
     * The elements of every {@code Forwarded} field line, in order (RFC 9110 §5.3: the lines are one
     * list); empty when any line is malformed.
     */
    public static Optional<List<ForwardedElement>> parse(List<String> lines) {
        var elements = new ArrayList<ForwardedElement>();
        for (String line : lines) {
            if (!parseLine(line, elements)) {
                return Optional.empty();
            }
        }
        return elements.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(elements));
    }

    private static boolean parseLine(String s, List<ForwardedElement> into) {
        var cursor = new Cursor(s);
        boolean any = false;
        while (true) {
            cursor.skipWhitespace();
            if (cursor.atEnd()) {
                return any;
            }
            if (cursor.peek() == ',') {
                // Empty list elements are allowed and ignored (RFC 9110 §5.6.1).
                cursor.advance();
                continue;
            }
            Optional<ForwardedElement> element = element(cursor);
            if (element.isEmpty()) {
                return false;
            }
            into.add(element.get());
            any = true;
            cursor.skipWhitespace();
            if (cursor.atEnd()) {
                return true;
            }
            if (cursor.peek() != ',') {
                return false;
            }
            cursor.advance();
        }
    }

    private static Optional<ForwardedElement> element(Cursor cursor) {
        Optional<Node> from = Optional.empty();
        Optional<String> proto = Optional.empty();
        Set<String> seen = new HashSet<>();
        while (true) {
            if (!cursor.atEnd() && cursor.peek() != ';' && cursor.peek() != ',' && !cursor.atWhitespace()) {
                String name = cursor.token().toLowerCase(Locale.ROOT);
                if (name.isEmpty() || cursor.atEnd() || cursor.peek() != '=') {
                    return Optional.empty();
                }
                cursor.advance();
                Optional<String> value = cursor.atEnd() ? Optional.empty()
                        : cursor.peek() == '"' ? cursor.quoted() : Optional.of(cursor.token()).filter(t -> !t.isEmpty());
                if (value.isEmpty() || !seen.add(name)) {
                    return Optional.empty();
                }
                if (name.equals(FOR)) {
                    from = node(value.get());
                    if (from.isEmpty()) {
                        return Optional.empty();
                    }
                } else if (name.equals(PROTO)) {
                    if (!isScheme(value.get())) {
                        return Optional.empty();
                    }
                    proto = Optional.of(value.get().toLowerCase(Locale.ROOT));
                }
            }
            if (cursor.atEnd() || cursor.peek() != ';') {
                return Optional.of(new ForwardedElement(from, proto));
            }
            cursor.advance();
        }
    }

    /** A node (RFC 7239 §6): {@code nodename [ ":" node-port ]}. */
    static Optional<Node> node(String value) {
        String name;
        String port;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            name = value.substring(0, close + 1);
            String rest = value.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                return Optional.empty();
            }
            port = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = value.indexOf(':');
            name = colon < 0 ? value : value.substring(0, colon);
            port = colon < 0 ? null : value.substring(colon + 1);
        }
        if (port != null && !isPort(port) && !isObfuscated(port)) {
            return Optional.empty();
        }
        if (name.equals(UNKNOWN) || isObfuscated(name)) {
            return Optional.of(new Node.Hidden());
        }
        Optional<byte[]> bytes = name.startsWith("[") ? IpLiteral.ipv6(name, 1, name.length() - 1)
                : IpLiteral.ipv4(name, 0, name.length());
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        OptionalInt number = port != null && isPort(port) ? OptionalInt.of(Integer.parseInt(port)) : OptionalInt.empty();
        return Optional.of(new Node.Address(IpLiteral.address(bytes.get()), number));
    }

    private static boolean isPort(String s) {
        if (s.isEmpty() || s.length() > MAX_PORT_DIGITS || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return Integer.parseInt(s) <= MAX_PORT;
    }

    /** {@code "_" 1*( ALPHA / DIGIT / "." / "_" / "-" )} (RFC 7239 §6.3). */
    private static boolean isObfuscated(String s) {
        if (s.length() < 2 || s.charAt(0) != '_') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** {@code ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )} (RFC 3986 §3.1). */
    private static boolean isScheme(String s) {
        if (s.isEmpty() || !isAlpha(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(isAlpha(c) || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlpha(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** A position in one field line. */
    private static final class Cursor {
        private final String s;
        private int at;

        Cursor(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return at >= s.length();
        }

        char peek() {
            return s.charAt(at);
        }

        void advance() {
            at++;
        }

        boolean atWhitespace() {
            return ByteClass.isWhitespace(peek());
        }

        void skipWhitespace() {
            while (!atEnd() && atWhitespace()) {
                at++;
            }
        }

        String token() {
            int start = at;
            while (!atEnd() && peek() < 0x80 && ByteClass.isChar(peek(), ByteClass.TCHAR)) {
                at++;
            }
            return s.substring(start, at);
        }

        /** A quoted-string's content, unescaped; empty when it does not close or holds what it may not. */
        Optional<String> quoted() {
            at++;
            var value = new StringBuilder();
            while (!atEnd()) {
                char c = peek();
                at++;
                if (c == '"') {
                    return Optional.of(value.toString());
                }
                if (c == '\\') {
                    if (atEnd()) {
                        return Optional.empty();
                    }
                    c = peek();
                    at++;
                    if (c != '\t' && (c < 0x20 || c == 0x7f || c > 0xff)) {
                        return Optional.empty();
                    }
                } else if (c > 0xff || !ByteClass.isChar(c, ByteClass.QDTEXT)) {
                    return Optional.empty();
                }
                value.append(c);
            }
            return Optional.empty();
        }
    }
}
