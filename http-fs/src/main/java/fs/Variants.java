package fs;

import java.util.Objects;
import java.util.Optional;

/**
 * Precompressed variants of files: for a file {@code F}, the sibling {@code F.br}, {@code F.zst}
 * or {@code F.gz} that holds the same content in a content coding. A sibling is found by the same
 * resolution as any request path, so it passes the same rules: a regular file inside the root,
 * not hidden, reached through no link that leads out. One that is older than {@code F} no longer
 * stands for it, and is reported as {@link Lookup.Stale}.
 */
public final class Variants {

    private final DocumentRoot root;

    /** Variants of files located in {@code root}. */
    public Variants(DocumentRoot root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /** What looking for one variant found. */
    public sealed interface Lookup permits Lookup.Fresh, Lookup.Stale, Lookup.Missing {

        /**
         * A variant not older than its file, to the second.
         *
         * @param file the variant's own file
         */
        record Fresh(FileInfo file) implements Lookup {
            /** Checks that the file is present. */
            public Fresh {
                Objects.requireNonNull(file, "file");
            }
        }

        /**
         * A variant older than its file: it may hold an earlier content, so it is not used.
         *
         * @param file the variant's own file
         */
        record Stale(FileInfo file) implements Lookup {
            /** Checks that the file is present. */
            public Stale {
                Objects.requireNonNull(file, "file");
            }
        }

        /** No servable file of that name. */
        record Missing() implements Lookup {}
    }

    private static final Lookup MISSING = new Lookup.Missing();

    /**
     * The variant of {@code original} (a file the root located, the index page of a directory
     * included) whose name is the original's with {@code suffix} appended ({@code ".br"}), in the
     * same directory.
     */
    public Lookup find(FileInfo original, String suffix) {
        Objects.requireNonNull(original, "original");
        Optional<FileInfo> found = root.sibling(original, original.name() + suffix);
        if (found.isEmpty()) {
            return MISSING;
        }
        FileInfo variant = found.get();
        return variant.lastModified().isBefore(original.lastModified())
                ? new Lookup.Stale(variant)
                : new Lookup.Fresh(variant);
    }
}
