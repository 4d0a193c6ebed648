package fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contents of small files, kept in memory so that a hot page is answered with one write of
 * head and body instead of an open, a head write and a {@code sendfile}. Bounded: files of at most
 * {@link #MAX_FILE_BYTES}, at most {@value #MAX_ENTRIES} of them (4 MiB, outside the heap). Only the bytes are cached: the
 * caller still resolves and confines the path and reads the file's attributes on every request,
 * and an entry is used only while the file's identity (device, inode, size and modification time,
 * the same as its ETag) is the one it was read under.
 */
public final class SmallFiles {

    /** The largest file kept. */
    public static final long MAX_FILE_BYTES = 16 * 1024;
    private static final int MAX_ENTRIES = 256;

    private record Entry(String identity, ByteBuffer content) {}

    private final DocumentRoot root;
    private final ConcurrentHashMap<Path, Entry> entries = new ConcurrentHashMap<>();

    /** A cache for files located in {@code root}. */
    public SmallFiles(DocumentRoot root) {
        this.root = root;
    }

    /**
     * The content of {@code file} as a read-only buffer of its own, or empty when it cannot be read
     * as described (it changed meanwhile) or is larger than {@link #MAX_FILE_BYTES}.
     */
    public Optional<ByteBuffer> content(FileInfo file) {
        if (file.size() > MAX_FILE_BYTES) {
            return Optional.empty();
        }
        Entry entry = entries.get(file.path());
        if (entry != null && entry.identity().equals(file.identity())) {
            return Optional.of(entry.content().duplicate());
        }
        Optional<ByteBuffer> content = read(file);
        content.ifPresent(bytes -> remember(file, bytes));
        return content.map(ByteBuffer::duplicate);
    }

    private Optional<ByteBuffer> read(FileInfo file) {
        try (FileChannel channel = root.openFile(file)) {
            // One byte more than expected tells a file that grew from one that did not. Direct, so
            // that a socket write sends it as it is instead of copying it into a native buffer first.
            ByteBuffer buffer = ByteBuffer.allocateDirect((int) file.size() + 1);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // Until the end of the file or one byte past the size.
            }
            if (buffer.position() != file.size()) {
                return Optional.empty();
            }
            return Optional.of(buffer.flip().asReadOnlyBuffer());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void remember(FileInfo file, ByteBuffer content) {
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
