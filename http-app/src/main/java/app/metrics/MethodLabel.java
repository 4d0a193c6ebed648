package app.metrics;

import protocol.Method;

/** The {@code method} label: the standard methods by name, every other token as {@code OTHER}, so a client cannot grow the series. */
public enum MethodLabel {
    GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH, OTHER;

    /** The label of {@code method}. */
    public static MethodLabel of(Method method) {
        if (!method.isStandard()) {
            return OTHER;
        }
        return switch (method.name()) {
            case "GET" -> GET;
            case "HEAD" -> HEAD;
            case "POST" -> POST;
            case "PUT" -> PUT;
            case "DELETE" -> DELETE;
            case "CONNECT" -> CONNECT;
            case "OPTIONS" -> OPTIONS;
            case "TRACE" -> TRACE;
            case "PATCH" -> PATCH;
            default -> OTHER;
        };
    }
}
