package protocol;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import protocol.syntax.AbsoluteUri;
import protocol.syntax.Decimal;
import protocol.syntax.FieldLists;

/**
 * The validated head of a request.
 *
 * @param method  the method
 * @param target  the request-target exactly as received
 * @param form    which form the target takes
 * @param path    the raw, still percent-encoded path; {@code /} when an absolute-form target has none;
 *                {@code *} for asterisk-form
 * @param query   the query without its {@code ?}, if the target has one
 * @param version the protocol version
 * @param headers the header fields
 */
public record RequestHead(Method method, String target, TargetForm form, String path, Optional<String> query,
                          Version version, Headers headers) {

    /**
     * RFC 9110 §8.6 {@code 1*DIGIT}, stricter: no leading zero except "0" itself (a number some parsers read
     * as octal), at most 18 digits (so it fits a long).
     */
    private static final Decimal CONTENT_LENGTH = Decimal.upTo(18).withoutLeadingZeros();

    /** Checks that every part is present. */
    public RequestHead {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(headers, "headers");
    }

    /**
     * Whether the connection may serve another request after this one (RFC 9112 §9.3): HTTP/1.1 unless
     * {@code Connection} lists {@code close}; HTTP/1.0 only when it lists {@code keep-alive} and not {@code close}.
     */
    public boolean keepAlive() {
        if (headers.hasToken("Connection", "close")) {
            return false;
        }
        return version == Version.HTTP_1_1 || headers.hasToken("Connection", "keep-alive");
    }

    /**
     * What {@code Expect} asks for (RFC 9110 §10.1.1): {@link Expectation#CONTINUE} when every element is
     * {@code 100-continue} (case-insensitive), {@link Expectation#UNSUPPORTED} for anything else. A
     * {@code 100-continue} from an HTTP/1.0 client is ignored, as §10.1.1 requires.
     */
    public Expectation expectation() {
        boolean any = false;
        for (Headers.Field f : headers) {
            if (!f.name().equalsIgnoreCase("Expect")) {
                continue;
            }
            for (String element : FieldLists.elements(f.value())) {
                if (!element.equalsIgnoreCase("100-continue")) {
                    return Expectation.UNSUPPORTED;
                }
                any = true;
            }
        }
        return any && version == Version.HTTP_1_1 ? Expectation.CONTINUE : Expectation.NONE;
    }

    /**
     * The Content-Length, if the request has a valid one: plain digits without a leading zero, at most 18 of them.
     */
    public OptionalLong contentLength() {
        Optional<String> value = headers.first("Content-Length");
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        long n = CONTENT_LENGTH.parse(value.get());
        return n < 0 ? OptionalLong.empty() : OptionalLong.of(n);
    }

    /** Whether the body is sent with the chunked transfer coding. */
    public boolean chunked() {
        return headers.contains("Transfer-Encoding");
    }

    /** Whether the request has a body: chunked, or a Content-Length above zero. */
    public boolean hasBody() {
        return chunked() || contentLength().orElse(0) > 0;
    }

    /** The Host: the field's value, or for an absolute-form target without one, the target's authority. */
    public Optional<String> host() {
        Optional<String> host = headers.first("Host");
        if (host.isPresent() || form != TargetForm.ABSOLUTE) {
            return host;
        }
        return Optional.of(AbsoluteUri.authority(target));
    }
}
