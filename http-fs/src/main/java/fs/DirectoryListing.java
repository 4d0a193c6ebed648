package fs;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * What a listed directory holds that may be served, in order: directories first, then files, each group by
 * name compared code point by code point (so the order is the same on every platform and locale, and a name
 * outside the Basic Multilingual Plane sorts after every name inside it, as in UTF-8).
 *
 * <p>An entry is listed only when a request for it would be served: its name is a safe path segment, not
 * hidden, and names this very file (a name that does not survive the trip to a string and back, such as one
 * that is not UTF-8, is left out); it is a regular file or a directory; and a link is listed as its target,
 * only when that is inside the root and not hidden. Everything else is skipped silently.
 *
 * <p>At most {@code limit} entries are kept: the first {@code limit} in the order above, found while the
 * directory is read once, keeping only the best so far in a bounded heap, so a directory of any size costs
 * memory in proportion to the limit.
 *
 * @param entries   the entries listed, in order; at most the limit
 * @param truncated whether the directory held more servable entries than were listed
 */
public record DirectoryListing(List<Entry> entries, boolean truncated) {

    /** What an entry is. */
    public enum Type {
        /** A directory: asked for with a trailing slash. */
        DIRECTORY,
        /** A regular file. */
        FILE
    }

    /**
     * One servable entry.
     *
     * @param name     its name, a safe request path segment
     * @param type     what it is (a link's target's type)
     * @param size     its size in bytes (a link's target's); 0 for a directory, whose size says nothing
     * @param modified its modification time, to the second (a link's target's)
     */
    public record Entry(String name, Type type, long size, Instant modified) {
        /** Checks the components. */
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(modified, "modified");
            if (size < 0) {
                throw new IllegalArgumentException("negative size: " + size);
            }
        }
    }

    /** Directories first, then by name, code point by code point. */
    public static final Comparator<Entry> ORDER = Comparator.comparing(Entry::type)
            .thenComparing(Entry::name, DirectoryListing::compareCodePoints);

    /** Copies the entries. */
    public DirectoryListing {
        entries = List.copyOf(entries);
    }

    /**
     * Reads {@code directory} (which {@code root} resolved) once, keeping at most {@code limit} entries that
     * {@code shown} accepts.
     *
     * @param root      the document root that resolved the directory
     * @param directory the directory to list
     * @param limit     the most entries to keep, at least 1
     * @param shown     which servable entries the caller lists (for names its routes answer otherwise)
     * @return the listing
     * @throws IOException when the directory cannot be read, or is not inside the root
     */
    public static DirectoryListing read(DocumentRoot root, Resolution.Listable directory, int limit,
            Predicate<Entry> shown) throws IOException {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(shown, "shown");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        Path folder = directory.directory();
        // Only a directory the root resolved is read; any other path looks like a missing one.
        if (!root.isConfined(folder)) {
            throw new NoSuchFileException(folder.getFileName() == null ? "/" : folder.getFileName().toString());
        }
        // The worst kept entry on top, so that a better one replaces it in O(log limit).
        var best = new PriorityQueue<Entry>(Math.min(limit, 1024) + 1, ORDER.reversed());
        boolean truncated = false;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path path : stream) {
                Optional<Entry> entry = entry(root, folder, path);
                if (entry.isEmpty() || !shown.test(entry.get())) {
                    continue;
                }
                if (best.size() < limit) {
                    best.add(entry.get());
                } else {
                    truncated = true;
                    if (ORDER.compare(entry.get(), best.peek()) < 0) {
                        best.poll();
                        best.add(entry.get());
                    }
                }
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        List<Entry> entries = new ArrayList<>(best);
        entries.sort(ORDER);
        return new DirectoryListing(entries, truncated);
    }

    /** The entry {@code path} of {@code folder} when a request for it would be served. */
    private static Optional<Entry> entry(DocumentRoot root, Path folder, Path path) {
        Path fileName = path.getFileName();
        if (fileName == null) {
            return Optional.empty();
        }
        String name = fileName.toString();
        if (PathCodec.problemOf(name) != PathCodec.Problem.NONE) {
            return Optional.empty();
        }
        try {
            // A name that is not valid in the platform's encoding reads back as other bytes: another file, or none.
            if (!folder.resolve(name).equals(path)) {
                return Optional.empty();
            }
            return root.child(folder, name).flatMap(located -> entry(name, located.attributes()));
        } catch (IOException | InvalidPathException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<Entry> entry(String name, BasicFileAttributes attributes) {
        Instant modified = attributes.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.SECONDS);
        if (attributes.isDirectory()) {
            return Optional.of(new Entry(name, Type.DIRECTORY, 0, modified));
        }
        if (attributes.isRegularFile()) {
            return Optional.of(new Entry(name, Type.FILE, attributes.size(), modified));
        }
        return Optional.empty();
    }

    /** {@code a} against {@code b} by Unicode code point, not by UTF-16 unit as {@link String#compareTo} does. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
