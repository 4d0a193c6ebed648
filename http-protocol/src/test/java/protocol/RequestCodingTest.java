package protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The request's Content-Encoding fields, read as RFC 9110 §8.4 has them. */
class RequestCodingTest {

    private static Arguments when(RequestCoding expected, String... fields) {
        return Arguments.of(Headers.of(fields), expected);
    }

    static Stream<Arguments> codings() {
        return Stream.of(
                when(RequestCoding.IDENTITY),
                when(RequestCoding.IDENTITY, "Content-Encoding", ""),
                when(RequestCoding.IDENTITY, "Content-Encoding", " , ,"),
                when(RequestCoding.IDENTITY, "Content-Encoding", "identity"),
                when(RequestCoding.IDENTITY, "Content-Encoding", "IDENTITY, identity"),
                when(RequestCoding.GZIP, "Content-Encoding", "gzip"),
                when(RequestCoding.GZIP, "Content-Encoding", "GZip"),
                when(RequestCoding.GZIP, "Content-Encoding", "x-gzip"),
                when(RequestCoding.GZIP, "Content-Encoding", "X-GZIP"),
                when(RequestCoding.GZIP, "Content-Encoding", " gzip \t"),
                when(RequestCoding.GZIP, "Content-Encoding", "identity, gzip"),
                when(RequestCoding.GZIP, "content-encoding", "gzip", "Content-Encoding", "identity"),
                when(RequestCoding.UNSUPPORTED, "Content-Encoding", "br"),
                when(RequestCoding.UNSUPPORTED, "Content-Encoding", "zstd"),
                when(RequestCoding.UNSUPPORTED, "Content-Encoding", "deflate"),
                when(RequestCoding.UNSUPPORTED, "Content-Encoding", "compress"),
                when(RequestCoding.UNSUPPORTED, "Content-Encoding", "gzip;q=1"),
                when(RequestCoding.UNSUPPORTED, "Content-Encoding", "gzip, gzip"),
                when(RequestCoding.UNSUPPORTED, "Content-Encoding", "gzip, br"),
                when(RequestCoding.UNSUPPORTED, "Content-Encoding", "gzip", "Content-Encoding", "gzip"),
                when(RequestCoding.UNSUPPORTED, "Content-Encoding", "gzipx"));
    }

    @ParameterizedTest
    @MethodSource("codings")
    void readsTheCoding(Headers headers, RequestCoding expected) {
        assertEquals(expected, RequestCoding.of(headers));
    }
}
