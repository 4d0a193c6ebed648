package protocol;

/** The HTTP versions the server speaks (RFC 9112 §2.3, RFC 9113). */
public enum Version {
    /** HTTP/1.0: connections close unless the client asks to keep them. */
    HTTP_1_0("HTTP/1.0"),
    /** HTTP/1.1: connections persist unless either side says close. */
    HTTP_1_1("HTTP/1.1"),
    /** HTTP/2 (RFC 9113): one connection multiplexes streams; {@code HTTP/2.0} in logs, as peers write it. */
    HTTP_2("HTTP/2.0");

    private final String text;

    Version(String text) {
        this.text = text;
    }

    /** The protocol version as written on the wire, e.g. {@code HTTP/1.1}. */
    public String text() {
        return text;
    }
}
