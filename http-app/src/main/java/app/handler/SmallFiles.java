package app.handler;

import fs.FileInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import protocol.Body;

/**
 * The contents of small files, kept in memory so that a hot page is answered with one write of
 * head and body instead of an open, a head write and a {@code sendfile}. Bounded: files of at most
 * {@link #MAX_FILE_BYTES}, at most {@value #MAX_ENTRIES} of them. Only the bytes are cached: the
 * caller still resolves and confines the path and reads the file's attributes on every request,
 * and an entry is used only while the file's identity (device, inode, size and modification time,
 * the same as its ETag) is the one it was read under.
 */
final class SmallFiles {

    static final long MAX_FILE_BYTES = 16 * 1024;
    private static final int MAX_ENTRIES = 256;

    private record Entry(String identity, Body content) {}

    private final ConcurrentHashMap<Path, Entry> entries = new ConcurrentHashMap<>();

    /** The content of {@code file}, or empty when it cannot be read as described (it changed meanwhile). */
    Optional<Body> content(FileInfo file) {
        Entry entry = entries.get(file.path());
        if (entry != null && entry.identity().equals(file.identity())) {
            return Optional.of(entry.content());
        }
        Optional<Body> content = read(file);
        content.ifPresent(body -> remember(file, body));
        return content;
    }

    private static Optional<Body> read(FileInfo file) {
        // As StaticFiles.open: the real path has no links left, so refuse one swapped in since.
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            // One byte more than expected tells a file that grew from one that did not.
            ByteBuffer buffer = ByteBuffer.allocate((int) file.size() + 1);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // Until the end of the file or one byte past the size.
            }
            if (buffer.position() != file.size()) {
                return Optional.empty();
            }
            return Optional.of(Body.of(Arrays.copyOf(buffer.array(), buffer.position())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void remember(FileInfo file, Body content) {
        if (entries.size() >= MAX_ENTRIES) {
            // Full: drop any one entry. Hot files come back at their next request.
            Iterator<Path> any = entries.keySet().iterator();
            if (any.hasNext()) {
                entries.remove(any.next());
            }
        }
        entries.put(file.path(), new Entry(file.identity(), content));
    }
}
