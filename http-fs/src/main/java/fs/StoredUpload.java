package fs;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An upload that is durably on disk under its final name.
 *
 * @param name the file name, such as {@code upload_20261126_004501_k3x9.json}
 * @param path the file's path in the upload folder
 * @param size the number of bytes stored
 */
public record StoredUpload(String name, Path path, long size) {

    /** Checks that every component is present and the size is not negative. */
    public StoredUpload {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        if (size < 0) {
            throw new IllegalArgumentException("negative size: " + size);
        }
    }
}
