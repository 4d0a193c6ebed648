package app.metrics;

import java.util.Locale;

/** The {@code scheme} label: how the connection was carried. */
public enum Scheme {
    HTTP, HTTPS;

    /** The scheme named {@code http} or {@code https}. */
    public static Scheme of(String scheme) {
        return scheme.equals("https") ? HTTPS : HTTP;
    }

    /** The label value: {@code http} or {@code https}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
