package fs;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A servable regular file and the attributes a response needs.
 *
 * @param path         the real path to open (symbolic links already resolved, inside the root)
 * @param name         the name the client asked for (the last segment, or {@code index.html} for
 *                     a directory), used for the media type and {@code Content-Disposition}
 * @param size         the size in bytes
 * @param lastModified the modification time, truncated to whole seconds as HTTP dates carry
 * @param identity     an opaque token made of hex digits and dashes, the same across restarts
 *                     for an unchanged file and different once its content changes; suitable
 *                     for a strong entity tag
 */
public record FileInfo(Path path, String name, long size, Instant lastModified, String identity) {

    /** Checks that every component is present and the size is not negative. */
    public FileInfo {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(identity, "identity");
        if (size < 0) {
            throw new IllegalArgumentException("negative size: " + size);
        }
    }
}
