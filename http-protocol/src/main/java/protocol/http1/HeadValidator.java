package protocol.http1;

import java.util.OptionalLong;

import protocol.Headers;
import protocol.Method;
import protocol.ProtocolException;
import protocol.ProtocolException.Reason;
import protocol.RequestHead;
import protocol.TargetForm;
import protocol.Version;
import protocol.syntax.ByteClass;
import protocol.syntax.HostSyntax;

/** The rules a whole request head must satisfy: Host, message framing and the fields that must be single. */
final class HeadValidator {

    private HeadValidator() {}

    /** Checks {@code head} against every head rule and the body limit. */
    static void validate(RequestHead head, String authority, Limits limits) throws ProtocolException {
        int hosts = 0;
        int lengths = 0;
        int codings = 0;
        int types = 0;
        for (Headers.Field f : head.headers()) {
            String n = f.name();
            if (n.equalsIgnoreCase("Host")) {
                hosts++;
            } else if (n.equalsIgnoreCase("Content-Length")) {
                lengths++;
            } else if (n.equalsIgnoreCase("Transfer-Encoding")) {
                codings++;
            } else if (n.equalsIgnoreCase("Content-Type")) {
                types++;
            }
        }
        checkHost(head, authority, hosts);
        if (codings > 0) {
            checkTransferEncoding(head, codings, lengths);
        } else if (lengths > 0) {
            checkContentLength(head, lengths, limits);
        }
        // RFC 9110 §9.3: GET, HEAD, OPTIONS and TRACE bodies have no defined semantics; a file server has no use
        // for them, and refusing them closes the door on request smuggling through ignored bodies.
        Method m = head.method();
        boolean bodiless = m.equals(Method.GET) || m.equals(Method.HEAD) || m.equals(Method.OPTIONS)
                || m.equals(Method.TRACE);
        if (bodiless && head.hasBody()) {
            throw new ProtocolException(Reason.BODY_NOT_ALLOWED);
        }
        // RFC 9110 §5.3: Content-Type is a singleton; two values leave the media type ambiguous.
        if (types > 1) {
            throw new ProtocolException(Reason.DUPLICATE_CONTENT_TYPE);
        }
    }

    private static void checkHost(RequestHead head, String authority, int hosts) throws ProtocolException {
        // RFC 9112 §3.2: a server MUST answer 400 to an HTTP/1.1 request without Host, to more than one Host
        // field, and to a Host with an invalid value; HTTP/1.0 may omit it.
        if (hosts > 1) {
            throw new ProtocolException(Reason.DUPLICATE_HOST);
        }
        if (hosts == 0) {
            if (head.version() == Version.HTTP_1_1) {
                throw new ProtocolException(Reason.MISSING_HOST);
            }
            return;
        }
        String host = head.headers().first("Host").orElseThrow();
        if (!HostSyntax.isValid(host, 0, host.length())) {
            throw new ProtocolException(Reason.INVALID_HOST);
        }
        // RFC 9112 §3.2.2 lets the target's authority override Host; we refuse a disagreement instead, so that
        // no component can route by one and check by the other.
        if (head.form() == TargetForm.ABSOLUTE && !host.equalsIgnoreCase(authority)) {
            throw new ProtocolException(Reason.HOST_MISMATCH);
        }
    }

    private static void checkTransferEncoding(RequestHead head, int codings, int lengths) throws ProtocolException {
        // RFC 9112 §6.1: TE in HTTP/1.0 must be treated as faulty framing; TE with CL MAY be rejected, and is,
        // since it is the classic smuggling shape.
        if (head.version() == Version.HTTP_1_0) {
            throw new ProtocolException(Reason.TRANSFER_ENCODING_IN_HTTP_1_0);
        }
        if (lengths > 0) {
            throw new ProtocolException(Reason.CONTENT_LENGTH_WITH_TRANSFER_ENCODING);
        }
        if (codings > 1) {
            throw new ProtocolException(Reason.INVALID_TRANSFER_ENCODING);
        }
        String coding = head.headers().first("Transfer-Encoding").orElseThrow();
        if (coding.equalsIgnoreCase("chunked")) {
            return;
        }
        // RFC 9112 §6.1: a coding the server does not understand is 501. We decode only chunked, and only alone:
        // a single other coding (gzip, deflate, compress, identity, or any token) is 501; a list, parameters or an
        // empty value is malformed framing for us, so 400.
        throw new ProtocolException(ByteClass.isToken(coding)
                ? Reason.UNSUPPORTED_TRANSFER_CODING : Reason.INVALID_TRANSFER_ENCODING);
    }

    private static void checkContentLength(RequestHead head, int lengths, Limits limits) throws ProtocolException {
        String value = head.headers().first("Content-Length").orElseThrow();
        // RFC 9112 §6.3 allows folding equal duplicates; we refuse any duplicate or list, which is always safe.
        if (lengths > 1 || value.indexOf(',') >= 0) {
            throw new ProtocolException(Reason.DUPLICATE_CONTENT_LENGTH);
        }
        OptionalLong length = head.contentLength();
        if (length.isEmpty()) {
            throw new ProtocolException(Reason.INVALID_CONTENT_LENGTH);
        }
        if (length.getAsLong() > limits.maxBodyBytes()) {
            throw new ProtocolException(Reason.BODY_TOO_LARGE);
        }
    }
}
