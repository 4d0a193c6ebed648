package fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaTypesTest {

    private final MediaTypes types = MediaTypes.defaults();

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            index.html     | text/html; charset=utf-8
            old.HTM        | text/html; charset=utf-8
            style.css      | text/css; charset=utf-8
            app.js         | text/javascript; charset=utf-8
            mod.mjs        | text/javascript; charset=utf-8
            data.json      | application/json; charset=utf-8
            app.js.map     | application/json; charset=utf-8
            feed.xml       | application/xml; charset=utf-8
            notes.txt      | text/plain; charset=utf-8
            table.csv      | text/csv; charset=utf-8
            README.md      | text/markdown; charset=utf-8
            logo.svg       | image/svg+xml; charset=utf-8
            photo.png      | image/png
            photo.JPG      | image/jpeg
            photo.jpeg     | image/jpeg
            anim.gif       | image/gif
            pic.webp       | image/webp
            pic.avif       | image/avif
            favicon.ico    | image/vnd.microsoft.icon
            paper.pdf      | application/pdf
            module.wasm    | application/wasm
            font.woff      | font/woff
            font.woff2     | font/woff2
            font.ttf       | font/ttf
            font.otf       | font/otf
            song.mp3       | audio/mpeg
            sound.wav      | audio/wav
            sound.ogg      | audio/ogg
            clip.mp4       | video/mp4
            clip.webm      | video/webm
            bundle.zip     | application/zip
            backup.tar.gz  | application/gzip
            index.html.gz  | application/gzip
            index.html.br  | application/x-brotli
            index.html.zst | application/zstd
            backup.tar     | application/x-tar
            app.webmanifest| application/manifest+json; charset=utf-8
            program.exe    | application/octet-stream
            Makefile       | application/octet-stream
            .profile       | application/octet-stream
            trailing.      | application/octet-stream
            """)
    void mapsExtensions(String fileName, String expected) {
        assertEquals(expected, types.typeOf(fileName));
    }

    @ParameterizedTest(name = "{0} compressible: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            index.html     | true
            site.CSS       | true
            app.js         | true
            app.mjs        | true
            data.json      | true
            app.webmanifest| true
            feed.xml       | true
            logo.svg       | true
            notes.txt      | true
            table.csv      | true
            font.ttf       | true
            font.otf       | true
            font.woff2     | false
            photo.jpg      | false
            logo.png       | false
            clip.mp4       | false
            index.html.gz  | false
            index.html.br  | false
            index.html.zst | false
            module.wasm    | false
            program.exe    | false
            Makefile       | false
            """)
    void compressibleTypes(String fileName, boolean expected) {
        assertEquals(expected, types.isCompressible(fileName));
    }
}
