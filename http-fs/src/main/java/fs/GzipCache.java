package fs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * gzip bodies of files of at most {@link #MAX_FILE_BYTES}, made once per version of a file and
 * kept in memory within a total of {@code capacity} bytes, least recently used first out. As with
 * {@link SmallFiles}, only the bytes are cached: the caller resolves and confines the path and reads
 * the file's attributes on every request, and an entry is used only while the file's identity
 * (device, inode, size and modification time, the same as its ETag) is the one it was made under.
 *
 * <p>Each entry is charged its compressed length plus {@value #ENTRY_OVERHEAD} bytes for its key
 * and bookkeeping, so that a flood of tiny files is bounded too; the sum of the charges never
 * exceeds the capacity, and an entry that would not fit alone is made but not kept. Requests for a
 * file that is being compressed wait for that compression instead of starting their own.
 */
public final class GzipCache {

    /** The largest file whose gzip body is kept; larger ones are compressed as they are sent. */
    public static final long MAX_FILE_BYTES = 1 << 20;
    /** The default total. */
    public static final long DEFAULT_CAPACITY = 32L << 20;
    /** What an entry costs besides its bytes. */
    public static final int ENTRY_OVERHEAD = 256;
    private static final int OUTPUT_CHUNK = 16 * 1024;

    /** One file's gzip body, being made or made; the charge is 0 until it is kept. */
    private static final class Entry {
        final String identity;
        final CompletableFuture<Optional<ByteBuffer>> content = new CompletableFuture<>();
        long charge;

        Entry(String identity) {
            this.identity = identity;
        }
    }

    private final long capacity;
    private final int level;
    private final ReentrantLock lock = new ReentrantLock();
    /** In access order: the eldest is the least recently used. Guarded by {@link #lock}. */
    private final LinkedHashMap<Path, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long charged;
    private final AtomicLong compressions = new AtomicLong();

    /** A cache of at most {@code capacity} bytes (0 keeps nothing) at deflate {@code level}. */
    public GzipCache(long capacity, int level) {
        if (capacity < 0) {
            throw new IllegalArgumentException("negative capacity: " + capacity);
        }
        this.capacity = capacity;
        this.level = GzipEncoder.requireLevel(level);
    }

    /**
     * The gzip body of {@code file}, located in {@code root}, as a read-only buffer of its own; empty
     * when the file is larger than {@link #MAX_FILE_BYTES} or cannot be read as described (it
     * changed meanwhile).
     */
    public Optional<ByteBuffer> compressed(DocumentRoot root, FileInfo file) {
        if (file.size() > MAX_FILE_BYTES) {
            return Optional.empty();
        }
        Entry entry;
        boolean mine = false;
        lock.lock();
        try {
            entry = entries.get(file.path());
            if (entry == null || !entry.identity.equals(file.identity())) {
                if (entry != null) {
                    charged -= entry.charge;
                }
                entry = new Entry(file.identity());
                entries.put(file.path(), entry);
                mine = true;
            }
        } finally {
            lock.unlock();
        }
        if (mine) {
            Optional<ByteBuffer> made = Optional.empty();
            try {
                made = compress(root, file);
            } finally {
                // Even when compressing failed: whoever waits for this entry must not wait forever.
                keep(file.path(), entry, made);
                entry.content.complete(made);
            }
        }
        return entry.content.join().map(ByteBuffer::duplicate);
    }

    /** The bytes charged for the entries kept now. */
    public long charged() {
        lock.lock();
        try {
            return charged;
        } finally {
            lock.unlock();
        }
    }

    /** The number of entries, including those being made. */
    public int entries() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }

    /** How many times a file has been compressed, since the cache was made. */
    public long compressions() {
        return compressions.get();
    }

    /** The total this cache keeps within. */
    public long capacity() {
        return capacity;
    }

    private void keep(Path path, Entry entry, Optional<ByteBuffer> made) {
        lock.lock();
        try {
            if (entries.get(path) != entry) {
                // Replaced by a newer version while this one was made.
                return;
            }
            long charge = made.map(bytes -> (long) bytes.remaining() + ENTRY_OVERHEAD).orElse(Long.MAX_VALUE);
            if (charge > capacity) {
                entries.remove(path);
                return;
            }
            evictUntil(capacity - charge);
            entry.charge = charge;
            charged += charge;
        } finally {
            lock.unlock();
        }
    }

    /** Drops the least recently used kept entries until at most {@code allowed} bytes are charged. */
    private void evictUntil(long allowed) {
        Iterator<Map.Entry<Path, Entry>> eldest = entries.entrySet().iterator();
        while (charged > allowed && eldest.hasNext()) {
            Entry candidate = eldest.next().getValue();
            // An entry still being made is charged nothing yet and is left to finish.
            if (candidate.charge > 0) {
                charged -= candidate.charge;
                eldest.remove();
            }
        }
    }

    private Optional<ByteBuffer> compress(DocumentRoot root, FileInfo file) {
        compressions.incrementAndGet();
        try (FileChannel channel = root.openFile(file); var encoder = new GzipEncoder(channel, file.size(), level)) {
            var out = new ByteArrayOutputStream((int) Math.min(OUTPUT_CHUNK, file.size() / 2 + 64));
            ByteBuffer chunk = ByteBuffer.allocate(OUTPUT_CHUNK);
            while (encoder.read(chunk.clear()) >= 0) {
                out.write(chunk.array(), 0, chunk.position());
            }
            // A file that grew since it was described is another version.
            if (channel.size() != file.size()) {
                return Optional.empty();
            }
            return Optional.of(ByteBuffer.wrap(out.toByteArray()).asReadOnlyBuffer());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
