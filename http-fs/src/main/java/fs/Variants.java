package fs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
     * The variant of {@code original}, which {@code path} resolved to, whose name is the original's
     * with {@code suffix} appended ({@code ".br"}); for a directory's index page, the index's name
     * with the suffix, in that directory.
     */
    public Lookup find(RequestPath path, FileInfo original, String suffix) {
        Objects.requireNonNull(original, "original");
        RequestPath sibling;
        try {
            sibling = sibling(path, original.name() + suffix);
        } catch (IllegalArgumentException e) {
            return MISSING;
        }
        if (!(root.resolve(sibling) instanceof Resolution.Found found)) {
            return MISSING;
        }
        FileInfo variant = found.file();
        return variant.lastModified().isBefore(original.lastModified())
                ? new Lookup.Stale(variant)
                : new Lookup.Fresh(variant);
    }

    private static RequestPath sibling(RequestPath path, String name) {
        List<String> segments = new ArrayList<>(path.segments());
        if (!path.directory()) {
            segments.removeLast();
        }
        segments.add(name);
        return new RequestPath(segments, false);
    }
}
