package protocol.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import protocol.Method;
import protocol.ProtocolException;
import protocol.ProtocolException.Reason;
import protocol.Version;
import protocol.syntax.ByteClass;

/**
 * A parsed request line (RFC 9112 §3): {@code method SP request-target SP HTTP-version}.
 *
 * @param method  the method
 * @param target  the request-target, not yet classified
 * @param version the version
 */
record RequestLine(Method method, String target, Version version) {

    private static final int VERSION_LENGTH = "HTTP/1.1".length();

    /** Parses the first {@code len} bytes of {@code line}, which hold no CR or LF. */
    static RequestLine parse(byte[] line, int len) throws ProtocolException {
        // Exactly one SP between the three parts and none around them (RFC 9112 §3): the lenient
        // "any whitespace" reading of §3 is optional, and parsers disagreeing on it is a smuggling vector.
        int firstSp = indexOf(line, 0, len, (byte) ' ');
        int lastSp = lastIndexOf(line, len, (byte) ' ');
        if (firstSp <= 0 || lastSp == firstSp) {
            throw new ProtocolException(firstSp == 0 ? Reason.INVALID_METHOD : Reason.MALFORMED_REQUEST_LINE);
        }
        for (int i = 0; i < firstSp; i++) {
            if (!ByteClass.is(line[i], ByteClass.TCHAR)) {
                throw new ProtocolException(Reason.INVALID_METHOD);
            }
        }
        Version version = version(line, lastSp + 1, len);
        int targetStart = firstSp + 1;
        if (targetStart == lastSp) {
            throw new ProtocolException(Reason.MALFORMED_REQUEST_LINE);
        }
        for (int i = targetStart; i < lastSp; i++) {
            byte b = line[i];
            // Only URI characters may appear (RFC 3986 §2); a SP here means a doubled separator.
            if (b != '%' && !ByteClass.is(b, ByteClass.URI_CHAR)) {
                throw new ProtocolException(b == ' ' ? Reason.MALFORMED_REQUEST_LINE : Reason.INVALID_TARGET);
            }
        }
        Method method = Method.of(new String(line, 0, firstSp, ISO_8859_1));
        String target = new String(line, targetStart, lastSp - targetStart, ISO_8859_1);
        return new RequestLine(method, target, version);
    }

    /** RFC 9112 §2.3: {@code HTTP/DIGIT.DIGIT}, case-sensitive; other well-formed versions are 505 (RFC 9110 §15.6.6). */
    private static Version version(byte[] b, int from, int to) throws ProtocolException {
        if (to - from != VERSION_LENGTH || b[from] != 'H' || b[from + 1] != 'T' || b[from + 2] != 'T'
                || b[from + 3] != 'P' || b[from + 4] != '/' || !ByteClass.is(b[from + 5], ByteClass.DIGIT)
                || b[from + 6] != '.' || !ByteClass.is(b[from + 7], ByteClass.DIGIT)) {
            throw new ProtocolException(Reason.INVALID_VERSION);
        }
        int major = b[from + 5] - '0';
        int minor = b[from + 7] - '0';
        if (major == 1 && minor == 1) {
            return Version.HTTP_1_1;
        }
        if (major == 1 && minor == 0) {
            return Version.HTTP_1_0;
        }
        throw new ProtocolException(Reason.UNSUPPORTED_VERSION);
    }

    private static int indexOf(byte[] b, int from, int to, byte x) {
        for (int i = from; i < to; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] b, int to, byte x) {
        for (int i = to - 1; i >= 0; i--) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }
}
