package fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The directory files are served from. Resolution is confined in two phases: the segments are
 * first joined lexically under the root, then the result's real path (symbolic links followed)
 * must still lie inside the root's real path, which is computed once when the root is opened.
 * Every request examines the root's path and each name below it (the directories above the
 * root are trusted not to be swapped for links). Links that stay inside the root are followed;
 * anything leading out, hidden names (starting with {@code '.'}) anywhere below the root,
 * non-regular files and I/O failures all look the same: {@link Resolution.NotFound}, so nothing
 * about the rest of the file system is revealed.
 */
public final class DocumentRoot {

    private static final String INDEX = "index.html";
    private static final Resolution NOT_FOUND = new Resolution.NotFound();

    private final Path realRoot;

    private DocumentRoot(Path realRoot) {
        this.realRoot = realRoot;
    }

    /**
     * Opens a document root.
     *
     * @param root the directory, relative or absolute, possibly through symbolic links
     * @return the document root anchored at the directory's real path
     * @throws NoSuchFileException if the directory does not exist
     * @throws FileSystemException if it is not a directory
     * @throws IOException         if its real path cannot be determined
     */
    public static DocumentRoot open(Path root) throws IOException {
        Objects.requireNonNull(root, "root");
        Path real;
        try {
            real = root.toRealPath();
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(root.toString(), null, "document root does not exist");
        }
        if (!Files.isDirectory(real)) {
            throw new FileSystemException(root.toString(), null, "document root is not a directory");
        }
        return new DocumentRoot(real);
    }

    /**
     * Opens a file this root located, for reading. The real path from {@link #resolve} has no
     * links left; refusing one here closes the window in which the last name could be swapped
     * for a link after the check.
     *
     * @throws IOException if the file is gone or is now a link
     */
    public FileChannel openFile(FileInfo file) throws IOException {
        return FileChannel.open(file.path(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    /** Returns the root's real path, the boundary every resolved file stays within. */
    public Path realRoot() {
        return realRoot;
    }

    /**
     * Finds what a request path names. Never throws for a request: any I/O trouble (a missing
     * file, a name too long, a permission problem) is {@link Resolution.NotFound}.
     *
     * <p>A regular file is {@link Resolution.Found} unless asked for with a trailing slash. A
     * directory asked for with its trailing slash is its {@code index.html} when that is a
     * regular file inside the root; without the slash it is a
     * {@link Resolution.DirectoryRedirect} when it has such an index. Everything else is
     * {@link Resolution.NotFound}. Directories without an index are {@link DirectoryMode#INDEX_ONLY}.
     *
     * @param path a canonical request path
     * @return the outcome
     */
    public Resolution resolve(RequestPath path) {
        return resolve(path, DirectoryMode.INDEX_ONLY);
    }

    /**
     * As {@link #resolve(RequestPath)}, with directories that have no index answered as {@code directories}
     * says: when {@link DirectoryMode#LISTED}, such a directory asked for with its trailing slash is
     * {@link Resolution.Listable}, and without the slash a {@link Resolution.DirectoryRedirect}, as one with an
     * index is.
     *
     * @param path        a canonical request path
     * @param directories what a directory without an index answers
     * @return the outcome
     */
    public Resolution resolve(RequestPath path, DirectoryMode directories) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(directories, "directories");
        try {
            return lookUp(path, directories == DirectoryMode.LISTED);
        } catch (IOException | InvalidPathException | SecurityException e) {
            return NOT_FOUND;
        }
    }

    private Resolution lookUp(RequestPath path, boolean listed) throws IOException {
        if (!isLexicallyConfined(path.segments()) || !rootIsInPlace()) {
            return NOT_FOUND;
        }
        Optional<Located> located = locate(realRoot, path.segments());
        if (located.isEmpty()) {
            return NOT_FOUND;
        }
        Path real = located.get().path();
        BasicFileAttributes attributes = located.get().attributes();
        if (attributes.isRegularFile()) {
            // "/a.txt/" names a directory that does not exist, as open(2) would say (ENOTDIR).
            return path.directory()
                    ? NOT_FOUND
                    : new Resolution.Found(fileInfo(real, path.segments().getLast(), attributes));
        }
        if (!attributes.isDirectory()) {
            return NOT_FOUND;
        }
        Optional<FileInfo> index = index(real);
        if (path.directory()) {
            return index.<Resolution>map(Resolution.Found::new)
                    .orElse(listed ? new Resolution.Listable(real) : NOT_FOUND);
        }
        // Only redirect when the slash form would be served; otherwise a 301 to a 404 would
        // reveal that a directory exists.
        return index.isPresent() || listed
                ? new Resolution.DirectoryRedirect(new RequestPath(path.segments(), true).encoded())
                : NOT_FOUND;
    }

    /**
     * Whether the root's path still names a directory, not a link: a root swapped for a link
     * to elsewhere would otherwise be followed by every examination below it.
     */
    private boolean rootIsInPlace() throws IOException {
        BasicFileAttributes attributes = attributesIfExists(realRoot);
        return attributes != null && attributes.isDirectory();
    }

    /**
     * The regular file named {@code name} beside {@code file} (a file {@link #resolve} found), by
     * the same rules as any request path: not hidden, and through a link only when its target is
     * inside the root. A name with no link costs one status call, and a missing one no exception.
     */
    public Optional<FileInfo> sibling(FileInfo file, String name) {
        Objects.requireNonNull(file, "file");
        try {
            return child(file.path().getParent(), name)
                    .filter(sibling -> sibling.attributes().isRegularFile())
                    .map(sibling -> fileInfo(sibling.path(), name, sibling.attributes()));
        } catch (IOException | InvalidPathException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * What {@code name} inside {@code directory} (the real path of a directory inside the root) is, by the rules
     * of any request path: not hidden, exactly one name below the directory, and through a link only when its
     * target is inside the root; empty otherwise. A name with no link costs one status call.
     */
    Optional<Located> child(Path directory, String name) throws IOException {
        if (name.isEmpty() || name.startsWith(".")) {
            return Optional.empty();
        }
        Path lexical = directory.resolve(name);
        if (!directory.equals(lexical.getParent()) || !name.equals(lexical.getFileName().toString())) {
            return Optional.empty();
        }
        BasicFileAttributes attributes = attributesIfExists(lexical);
        if (attributes == null) {
            return Optional.empty();
        }
        return attributes.isSymbolicLink()
                ? locateThroughLinks(lexical)
                : Optional.of(new Located(lexical, attributes));
    }

    /** The attributes of {@code path} itself (a link is not followed), or null when nothing has that name. */
    private static BasicFileAttributes attributesIfExists(Path path) throws IOException {
        return path.getFileSystem().provider()
                .readAttributesIfExists(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    /** A confined real path and its attributes (links followed). */
    record Located(Path path, BasicFileAttributes attributes) {}

    /**
     * The second phase, for {@code names} below {@code directory} (the root, or a directory
     * already located inside it): the real path, when that is confined, and what it is. Each
     * name is examined without following links; when none is a link, the lexical path is
     * already the real path and the last examination already has the attributes, so a plain
     * file costs one status call per name. Only a path that does pass through a link is
     * resolved in full and checked against the root.
     */
    private Optional<Located> locate(Path directory, List<String> names) throws IOException {
        Path current = directory;
        BasicFileAttributes attributes = null;
        for (int i = 0; i < names.size(); i++) {
            current = current.resolve(names.get(i));
            attributes = attributesIfExists(current);
            if (attributes == null) {
                return Optional.empty();
            }
            if (attributes.isSymbolicLink()) {
                for (String rest : names.subList(i + 1, names.size())) {
                    current = current.resolve(rest);
                }
                return locateThroughLinks(current);
            }
        }
        if (attributes == null) {
            attributes = Files.readAttributes(directory, BasicFileAttributes.class);
        }
        return Optional.of(new Located(current, attributes));
    }

    private Optional<Located> locateThroughLinks(Path lexical) throws IOException {
        Path real = lexical.toRealPath();
        if (!isConfined(real)) {
            return Optional.empty();
        }
        return Optional.of(new Located(real, Files.readAttributes(real, BasicFileAttributes.class)));
    }

    /**
     * The first phase: each segment must add exactly one name below the previous path. The
     * segments are already safe by construction of {@link RequestPath}; this check does not rely
     * on that.
     */
    private boolean isLexicallyConfined(List<String> segments) {
        Path current = realRoot;
        for (String segment : segments) {
            if (segment.startsWith(".")) {
                return false;
            }
            Path next = current.resolve(segment);
            if (!current.equals(next.getParent()) || !segment.equals(next.getFileName().toString())) {
                return false;
            }
            current = next;
        }
        return current.normalize().startsWith(realRoot);
    }

    /** A real path must be the root or below it, with no hidden name on the way. */
    boolean isConfined(Path real) {
        if (!real.startsWith(realRoot)) {
            return false;
        }
        // A link from a visible name to a hidden one inside the root is refused too: hidden
        // files (such as the upload store's temporary files) are never served by any name.
        for (Path name : realRoot.relativize(real)) {
            if (name.toString().startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    private Optional<FileInfo> index(Path directory) throws IOException {
        Optional<Located> located;
        try {
            located = locate(directory, List.of(INDEX));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return located.filter(index -> index.attributes().isRegularFile())
                .map(index -> fileInfo(index.path(), INDEX, index.attributes()));
    }

    private static FileInfo fileInfo(Path real, String name, BasicFileAttributes attributes) {
        Instant modified = attributes.lastModifiedTime().toInstant();
        return new FileInfo(real, name, attributes.size(), modified.truncatedTo(ChronoUnit.SECONDS),
                identity(attributes, modified));
    }

    /**
     * Device and inode (through the file key), size and modification time to the nanosecond:
     * stable across restarts, and changed by any write or by replacing the file. The file key's
     * text is hashed with FNV-1a, which unlike {@code hashCode} of arbitrary objects is fixed.
     */
    private static String identity(BasicFileAttributes attributes, Instant modified) {
        Object key = attributes.fileKey();
        long keyHash = 0xcbf29ce484222325L;
        for (byte b : String.valueOf(key).getBytes(StandardCharsets.UTF_8)) {
            keyHash = (keyHash ^ (b & 0xFF)) * 0x100000001b3L;
        }
        return Long.toHexString(keyHash) + "-" + Long.toHexString(attributes.size()) + "-"
                + Long.toHexString(modified.getEpochSecond()) + "-" + Integer.toHexString(modified.getNano());
    }
}
