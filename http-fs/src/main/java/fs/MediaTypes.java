package fs;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Maps file names to media types by their extension, case-insensitively. */
public final class MediaTypes {

    private static final String UNKNOWN = "application/octet-stream";
    private static final String UTF_8 = "; charset=utf-8";

    private static final MediaTypes DEFAULTS = new MediaTypes(Map.ofEntries(
            Map.entry("html", "text/html"),
            Map.entry("htm", "text/html"),
            Map.entry("css", "text/css"),
            // RFC 9239 makes text/javascript the one registered type for scripts and modules.
            Map.entry("js", "text/javascript"),
            Map.entry("mjs", "text/javascript"),
            Map.entry("cjs", "text/javascript"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("xml", "application/xml"),
            Map.entry("txt", "text/plain"),
            Map.entry("text", "text/plain"),
            Map.entry("log", "text/plain"),
            Map.entry("csv", "text/csv"),
            Map.entry("tsv", "text/tab-separated-values"),
            Map.entry("md", "text/markdown"),
            Map.entry("markdown", "text/markdown"),
            Map.entry("ics", "text/calendar"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("apng", "image/apng"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"),
            Map.entry("bmp", "image/bmp"),
            Map.entry("ico", "image/vnd.microsoft.icon"),
            Map.entry("tif", "image/tiff"),
            Map.entry("tiff", "image/tiff"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("otf", "font/otf"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("wav", "audio/wav"),
            Map.entry("ogg", "audio/ogg"),
            Map.entry("oga", "audio/ogg"),
            Map.entry("opus", "audio/ogg"),
            Map.entry("flac", "audio/flac"),
            Map.entry("m4a", "audio/mp4"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("m4v", "video/mp4"),
            Map.entry("ogv", "video/ogg"),
            Map.entry("webm", "video/webm"),
            Map.entry("zip", "application/zip"),
            Map.entry("gz", "application/gzip"),
            Map.entry("tgz", "application/gzip"),
            Map.entry("tar", "application/x-tar"),
            Map.entry("bz2", "application/x-bzip2"),
            Map.entry("xz", "application/x-xz"),
            Map.entry("zst", "application/zstd"),
            // Brotli has no registered media type; the x- name is the one in common use.
            Map.entry("br", "application/x-brotli"),
            Map.entry("7z", "application/x-7z-compressed"),
            Map.entry("rtf", "application/rtf"),
            Map.entry("epub", "application/epub+zip")));

    private final Map<String, String> byExtension;

    private MediaTypes(Map<String, String> byExtension) {
        this.byExtension = byExtension;
    }

    /** Returns the built-in table. */
    public static MediaTypes defaults() {
        return DEFAULTS;
    }

    /**
     * Returns the media type for a file name: the type of its last extension, with
     * {@code ; charset=utf-8} on text types (the server's text files are UTF-8), or
     * {@code application/octet-stream} when the extension is unknown or missing.
     *
     * @param fileName a file name such as {@code app.min.JS}
     * @return a value for {@code Content-Type}
     */
    public String typeOf(String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        String type = byExtension.getOrDefault(extensionOf(fileName), UNKNOWN);
        return isText(type) ? type + UTF_8 : type;
    }

    /**
     * Whether a file's content is worth compressing for transfer, by its type: text, JSON, JavaScript, XML, SVG,
     * web app manifests and fonts without compression of their own (TrueType, OpenType). Images, audio, video,
     * archives and WOFF fonts are compressed already.
     *
     * @param fileName a file name such as {@code site.css}
     * @return whether a content coding makes it smaller
     */
    public boolean isCompressible(String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        String type = byExtension.getOrDefault(extensionOf(fileName), UNKNOWN);
        return isText(type) || type.endsWith("+xml") || type.equals("font/ttf") || type.equals("font/otf");
    }

    /** The lower-cased text after the last dot, or "" when there is none (".profile" has none). */
    static String extensionOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean isText(String type) {
        return type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.equals("image/svg+xml")
                || type.equals("application/javascript");
    }
}
