package fs;

import java.util.Objects;

/** What a {@link RequestPath} names under a {@link DocumentRoot}. */
public sealed interface Resolution permits Resolution.Found, Resolution.NotFound, Resolution.DirectoryRedirect {

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
     * without an index, or unreadable. The cases are deliberately indistinguishable.
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
}
