package protocol;

import static protocol.FuzzChecks.check;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/** gzip request bodies: any bytes give an outcome within the limit; what the JDK encodes comes back exactly. */
class GzipDecoderFuzzTest {

    @FuzzTest
    void anyBytes(FuzzedDataProvider data) {
        int limit = data.consumeInt(0, 1 << 16);
        byte[] body = data.consumeRemainingAsBytes();
        GzipDecoder.Outcome outcome = GzipDecoder.decode(body, limit);
        check(outcome != null, "an outcome");
        if (outcome instanceof GzipDecoder.Decoded decoded) {
            check(decoded.body().length() <= limit, "within the limit");
        }
    }

    @FuzzTest
    void roundTrip(FuzzedDataProvider data) {
        int limit = data.consumeInt(0, 1 << 16);
        byte[] content = data.consumeRemainingAsBytes();
        byte[] gzip = gzip(content);
        GzipDecoder.Outcome outcome = GzipDecoder.decode(gzip, limit);
        if (content.length <= limit) {
            check(outcome instanceof GzipDecoder.Decoded decoded && Arrays.equals(decoded.body().bytes(), content),
                    "decodes to the content");
        } else {
            check(outcome instanceof GzipDecoder.TooLarge, "too large past the limit");
        }
        if (gzip.length > 18) {
            byte[] cut = Arrays.copyOf(gzip, gzip.length - 1);
            check(GzipDecoder.decode(cut, Integer.MAX_VALUE) instanceof GzipDecoder.Corrupt, "truncated is corrupt");
        }
    }

    private static byte[] gzip(byte[] content) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
