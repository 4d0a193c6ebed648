package protocol.http1;

import java.util.Optional;

import protocol.Method;
import protocol.ProtocolException;
import protocol.ProtocolException.Reason;
import protocol.TargetForm;
import protocol.syntax.AbsoluteUri;
import protocol.syntax.ByteClass;
import protocol.syntax.HostSyntax;

/**
 * A classified request-target (RFC 9112 §3.2).
 *
 * @param form      its form
 * @param path      the raw path ({@code *} for asterisk-form)
 * @param query     the query without '?'
 * @param authority the authority of an absolute-form target, else empty
 */
record RequestTarget(TargetForm form, String path, Optional<String> query, String authority) {

    private static final RequestTarget ASTERISK = new RequestTarget(TargetForm.ASTERISK, "*", Optional.empty(), "");

    /** Classifies {@code target}, whose characters {@link RequestLine} already limited to URI characters. */
    static RequestTarget parse(String target, Method method) throws ProtocolException {
        char first = target.charAt(0);
        if (first == '/') {
            return withPath(TargetForm.ORIGIN, target, 0, "");
        }
        if (target.equals("*")) {
            // RFC 9112 §3.2.4: asterisk-form is only for a server-wide OPTIONS.
            if (!method.equals(Method.OPTIONS)) {
                throw new ProtocolException(Reason.ASTERISK_WITHOUT_OPTIONS);
            }
            return ASTERISK;
        }
        int authorityStart = AbsoluteUri.authorityStart(target);
        if (authorityStart < 0) {
            // Authority-form is only for CONNECT (RFC 9112 §3.2.3), which a file server does not tunnel;
            // anything else that is not one of the three forms is malformed.
            throw new ProtocolException(Reason.INVALID_TARGET);
        }
        int authorityEnd = AbsoluteUri.authorityEnd(target, authorityStart);
        if (!HostSyntax.isValid(target, authorityStart, authorityEnd)) {
            throw new ProtocolException(Reason.INVALID_TARGET);
        }
        String authority = target.substring(authorityStart, authorityEnd);
        return withPath(TargetForm.ABSOLUTE, target, authorityEnd, authority);
    }

    /** Splits path and query from {@code from}, checking percent-escapes and where '*' and '?' may appear. */
    private static RequestTarget withPath(TargetForm form, String target, int from, String authority)
            throws ProtocolException {
        int q = -1;
        for (int i = from; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '%') {
                // RFC 3986 §2.1: '%' only starts "%" HEXDIG HEXDIG.
                if (i + 2 >= target.length() || !ByteClass.isChar(target.charAt(i + 1), ByteClass.HEX)
                        || !ByteClass.isChar(target.charAt(i + 2), ByteClass.HEX)) {
                    throw new ProtocolException(Reason.INVALID_TARGET);
                }
                i += 2;
            } else if (c == '?' && q < 0) {
                q = i;
            }
        }
        String path = target.substring(from, q < 0 ? target.length() : q);
        Optional<String> query = q < 0 ? Optional.empty() : Optional.of(target.substring(q + 1));
        // RFC 9112 §3.2.2: an absolute-form target with an empty path stands for "/".
        return new RequestTarget(form, path.isEmpty() ? "/" : path, query, authority);
    }
}
