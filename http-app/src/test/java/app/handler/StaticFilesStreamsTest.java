package app.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fs.DocumentRoot;
import fs.DownloadPolicy;
import fs.GzipCache;
import fs.GzipEncoder;
import fs.MediaTypes;
import fs.RequestPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import protocol.Headers;
import protocol.Method;
import protocol.RequestHead;
import protocol.TargetForm;
import protocol.Version;

/** When as many bodies are being compressed as they are sent as may be, a large file goes as it is, GET and HEAD alike. */
class StaticFilesStreamsTest {

    @TempDir
    Path dir;

    private static RequestHead request(Method method, String path) {
        return new RequestHead(method, path, TargetForm.ORIGIN, path, Optional.empty(), Version.HTTP_1_1,
                Headers.of("Host", "localhost", "Accept-Encoding", "gzip"));
    }

    /** The response, its body closed: only the head and the length are looked at. */
    private static Response serve(StaticFiles files, Method method, String name) throws IOException {
        Response response = files.serve(request(method, "/" + name), new RequestPath(List.of(name), false));
        response.body().close();
        return response;
    }

    @Test
    void noStreamLeftMeansTheFileAsItIs() throws IOException {
        Files.writeString(dir.resolve("big.css"), "a { color: red }\n".repeat((int) (GzipCache.MAX_FILE_BYTES / 17) + 10));
        Files.writeString(dir.resolve("small.css"), "a { color: red }\n".repeat(100));
        var root = DocumentRoot.open(dir);
        var none = new GzipBodies(new GzipCache(GzipCache.DEFAULT_CAPACITY, GzipEncoder.DEFAULT_LEVEL),
                GzipEncoder.DEFAULT_LEVEL, 0);
        var files = new StaticFiles(root, "", MediaTypes.defaults(), DownloadPolicy.SEED_DEFAULT,
                new ErrorPages("test"), Set.of(), Optional.of(none));
        long size = Files.size(dir.resolve("big.css"));
        for (Method method : List.of(Method.GET, Method.HEAD)) {
            Response big = serve(files, method, "big.css");
            assertEquals(200, big.status().code());
            assertEquals(Optional.empty(), big.headers().first("Content-Encoding"), method.toString());
            assertEquals(Optional.of("bytes"), big.headers().first("Accept-Ranges"));
            assertEquals(Optional.of("Accept-Encoding"), big.headers().first("Vary"));
            assertEquals(size, big.body().length());
            Response small = serve(files, method, "small.css");
            assertEquals(Optional.of("gzip"), small.headers().first("Content-Encoding"), "cached bodies need no stream");
        }
    }
}
