package app.metrics;

import protocol.Method;

/** The {@code method} label: the standard methods by name, every other token as {@code OTHER}, so a client cannot grow the series. */
public enum MethodLabel {
    GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH, OTHER;

    /** The label of {@code method}. */
    public static MethodLabel of(Method method) {
        // The labels are named as the standard methods are.
        return method.isStandard() ? valueOf(method.name()) : OTHER;
    }
}
