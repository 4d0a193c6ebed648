package protocol;

import java.util.Objects;

import protocol.syntax.ByteClass;

/** A request method (RFC 9110 §9): the standard ones as constants, any other token by {@link #of}. */
public final class Method {

    /** GET (RFC 9110 §9.3.1). */
    public static final Method GET = new Method("GET", true);
    /** HEAD (RFC 9110 §9.3.2). */
    public static final Method HEAD = new Method("HEAD", true);
    /** POST (RFC 9110 §9.3.3). */
    public static final Method POST = new Method("POST", true);
    /** PUT (RFC 9110 §9.3.4). */
    public static final Method PUT = new Method("PUT", true);
    /** DELETE (RFC 9110 §9.3.5). */
    public static final Method DELETE = new Method("DELETE", true);
    /** CONNECT (RFC 9110 §9.3.6). */
    public static final Method CONNECT = new Method("CONNECT", true);
    /** OPTIONS (RFC 9110 §9.3.7). */
    public static final Method OPTIONS = new Method("OPTIONS", true);
    /** TRACE (RFC 9110 §9.3.8). */
    public static final Method TRACE = new Method("TRACE", true);
    /** PATCH (RFC 5789). */
    public static final Method PATCH = new Method("PATCH", true);

    private final String name;
    private final boolean standard;

    private Method(String name, boolean standard) {
        this.name = name;
        this.standard = standard;
    }

    /**
     * The method named by {@code token}, compared case-sensitively (RFC 9110 §9.1).
     *
     * @throws IllegalArgumentException if {@code token} is not an RFC 9110 token
     */
    public static Method of(String token) {
        Objects.requireNonNull(token, "token");
        return switch (token) {
            case "GET" -> GET;
            case "HEAD" -> HEAD;
            case "POST" -> POST;
            case "PUT" -> PUT;
            case "DELETE" -> DELETE;
            case "CONNECT" -> CONNECT;
            case "OPTIONS" -> OPTIONS;
            case "TRACE" -> TRACE;
            case "PATCH" -> PATCH;
            default -> {
                if (!ByteClass.isToken(token)) {
                    throw new IllegalArgumentException("not a method token");
                }
                yield new Method(token, false);
            }
        };
    }

    /** The method's name as sent, e.g. {@code GET}. */
    public String name() {
        return name;
    }

    /** Whether this is one of the constants of this class. */
    public boolean isStandard() {
        return standard;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Method other && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
