package protocol;

/** What a request's {@code Expect} field asks of the server (RFC 9110 §10.1.1). */
public enum Expectation {
    /** No expectation: process the request. */
    NONE,
    /** {@code 100-continue}: answer {@code 100 Continue} before reading the body, if the head is acceptable. */
    CONTINUE,
    /** Any other expectation: answer 417. */
    UNSUPPORTED
}
