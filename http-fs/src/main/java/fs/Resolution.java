package fs;

import java.nio.file.Path;
import java.util.Objects;

/** What a {@link RequestPath} names under a {@link DocumentRoot}. */
public sealed interface Resolution permits Resolution.Found, Resolution.NotFound, Resolution.DirectoryRedirect,
        Resolution.Listable {

    /**
     * A regular file inside the root that may be served.
     *
     * @param file the file and its attributes
     */
    record Found(FileInfo file) implements Resolution {
        /** Checks that the file is present. */
        public Found {
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * Nothing servable: missing, hidden, outside the root, not a regular file, a directory
     * without an index (unless directories are {@link DirectoryMode#LISTED}), or unreadable. The
     * cases are deliberately indistinguishable.
     */
    record NotFound() implements Resolution {}

    /**
     * A directory asked for without its trailing slash that has an index page; the application
     * answers 301 so that relative links in the page resolve against the directory.
     *
     * @param location the encoded path with the trailing slash, e.g. {@code /docs/}
     */
    record DirectoryRedirect(String location) implements Resolution {
        /** Checks that the location is present. */
        public DirectoryRedirect {
            Objects.requireNonNull(location, "location");
        }
    }

    /**
     * A directory without an index page, asked for with its trailing slash, inside the root and not hidden, when
     * directories are {@link DirectoryMode#LISTED}; {@link DirectoryListing#read} lists it.
     *
     * @param directory its real path
     */
    record Listable(Path directory) implements Resolution {
        /** Checks that the path is present. */
        public Listable {
            Objects.requireNonNull(directory, "directory");
        }
    }
}
