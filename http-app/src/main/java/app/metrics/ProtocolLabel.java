package app.metrics;

import protocol.Version;

/** The {@code protocol} label of a request: its HTTP version, as ALPN names it. */
public enum ProtocolLabel {
    HTTP_1_0("http/1.0"), HTTP_1_1("http/1.1"), H2("h2");

    private final String label;

    ProtocolLabel(String label) {
        this.label = label;
    }

    /** The label of a request made in {@code version}. */
    public static ProtocolLabel of(Version version) {
        return switch (version) {
            case HTTP_1_0 -> HTTP_1_0;
            case HTTP_1_1 -> HTTP_1_1;
            case HTTP_2 -> H2;
        };
    }

    /** The label value, such as {@code http/1.1} or {@code h2}. */
    public String label() {
        return label;
    }
}
