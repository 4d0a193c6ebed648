package fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serial;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Stores uploads durably under unique names in one folder.
 *
 * <p>Each upload is written to a hidden temporary file in the same folder and forced to disk,
 * then given its final name with a hard link, which fails instead of replacing an existing file
 * ({@code Files.move} with {@code ATOMIC_MOVE} would silently overwrite on Linux). The temporary
 * name is then removed and the folder forced, so the new entry survives a crash. A crash at any
 * moment leaves the complete file under its final name or no visible file. Every failure removes
 * what was written.
 *
 * <p>Several processes, on one host or many, may share the folder: names never collide because
 * the hard link refuses a taken one, and the clean-up of leftover temporary files when a store is
 * opened removes only those no live writer holds. A writer holds an exclusive lock on its
 * temporary file from its creation until it is unlinked; where the file system cannot lock, a
 * leftover is removed once it is older than {@link #LEFTOVER_SAFE_AGE}. One store per folder in
 * a process: POSIX locks belong to the process, so a second store there would see the first's
 * files as live but could release their locks for everyone else.
 */
public final class UploadStore {

    static final String TEMP_PREFIX = ".upload-";
    static final String TEMP_SUFFIX = ".tmp";

    /**
     * How long a temporary file must have gone unmodified before the clean-up removes it when
     * its writer's liveness cannot be learnt from a lock. A temporary file lives only while a
     * worker stores a body already received in full: from a write of at most {@code --max-body}
     * bytes from memory to the unlink after the hard link, two fsyncs in between. The connection
     * timeouts (head 10 s, keep-alive 30 s, body at 8 KiB/s after the head's allowance, write
     * progress 30 s) all end before the file exists or start after it is gone, so they do not
     * bound it; the shutdown grace (10 s, then the worker is interrupted and the file removed)
     * does on stop, and nothing does for a stalled fsync. An hour is twenty times the longest
     * whole exchange the default limits allow (10 + 10 + 1 MiB at 8 KiB/s + 30 s, under three
     * minutes), leaves room for the clocks of hosts that share the folder to disagree, and costs
     * only the disk space of a leftover until the next start after it.
     */
    public static final Duration LEFTOVER_SAFE_AGE = Duration.ofHours(1);

    /** Times in a row a new temporary file may be removed under a writer before it gives up. */
    private static final int MAX_TEMP_ATTEMPTS = 8;
    /** 36^4 names per second; after this many taken names in a row something else is wrong. */
    private static final int MAX_NAME_ATTEMPTS = 64;
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final String[] NO_SPACE = {"No space left on device", "Disk quota exceeded"};

    private final Path folder;
    private final UploadNames names;

    private UploadStore(Path folder, UploadNames names) {
        this.folder = folder;
        this.names = names;
    }

    /**
     * Opens a store with the system UTC clock and a {@link SecureRandom}; see
     * {@link #open(Path, Clock, RandomGenerator)}.
     *
     * @param folder the upload folder
     * @return the store
     * @throws IOException if the folder cannot be created or cleaned
     */
    public static UploadStore open(Path folder) throws IOException {
        // The first SecureRandom loads the security providers and opens the system's entropy
        // source, 10 to 25 ms of start-up: made by the first upload instead.
        return open(folder, Clock.systemUTC(), (RandomGenerator) () -> Entropy.RANDOM.nextLong());
    }

    private static final class Entropy {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    /**
     * Opens a store: creates the folder if it is missing and removes the temporary files that
     * no live writer holds (left by a crash of this or any other process sharing the folder).
     *
     * @param folder the upload folder
     * @param clock  the clock for the time stamp in names and the age of leftovers
     * @param random the source of the random part of names
     * @return the store
     * @throws IOException if the folder cannot be created or cleaned, or is not a directory
     */
    public static UploadStore open(Path folder, Clock clock, RandomGenerator random) throws IOException {
        return open(folder, clock, random, new Leftovers(clock, LEFTOVER_SAFE_AGE, Leftovers.LOCKS));
    }

    /** As {@link #open(Path, Clock, RandomGenerator)}, cleaning up with {@code leftovers}. */
    static UploadStore open(Path folder, Clock clock, RandomGenerator random, Leftovers leftovers) throws IOException {
        Path absolute = folder.toAbsolutePath();
        Files.createDirectories(absolute);
        leftovers.clean(absolute);
        return new UploadStore(absolute, new UploadNames(clock, random));
    }

    /** Returns the absolute path of the upload folder. */
    public Path folder() {
        return folder;
    }

    /**
     * Stores bytes exactly as given.
     *
     * @param bytes the content
     * @return the stored upload
     * @throws StorageFullException if the device or quota is full
     * @throws IOException          on any other failure; nothing is left behind
     */
    public StoredUpload store(byte[] bytes) throws IOException {
        Objects.requireNonNull(bytes, "bytes");
        return store(channel -> {
            writeFully(channel, ByteBuffer.wrap(bytes));
            return bytes.length;
        });
    }

    /**
     * Stores everything a stream yields, up to a limit. The stream is not closed.
     *
     * @param in    the content
     * @param limit the largest number of bytes accepted
     * @return the stored upload
     * @throws UploadTooLargeException if the stream yields more than {@code limit} bytes
     * @throws StorageFullException    if the device or quota is full
     * @throws IOException             on any other failure; nothing is left behind
     */
    public StoredUpload store(InputStream in, long limit) throws IOException {
        Objects.requireNonNull(in, "in");
        if (limit < 0) {
            throw new IllegalArgumentException("negative limit: " + limit);
        }
        return store(channel -> copy(in, channel, limit));
    }

    /** Writes the content to an open channel and returns the number of bytes written. */
    @FunctionalInterface
    private interface Content {
        long writeTo(FileChannel channel) throws IOException;
    }

    private StoredUpload store(Content content) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Path temp = folder.resolve(TEMP_PREFIX + UUID.randomUUID() + TEMP_SUFFIX);
            Optional<StoredUpload> stored = store(temp, content);
            if (stored.isPresent()) {
                return stored.get();
            }
            if (attempt == MAX_TEMP_ATTEMPTS) {
                throw new IOException("temporary files in " + folder + " removed " + attempt + " times in a row");
            }
        }
    }

    /**
     * Stores under {@code temp}; empty when another process's clean-up removed the new file
     * between its creation and its lock, before anything was written.
     */
    private Optional<StoredUpload> store(Path temp, Content content) throws IOException {
        try {
            StoredUpload stored;
            // The lock lasts until the channel closes, after the temporary name is gone: a clean-up
            // elsewhere never takes the file for a leftover.
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                if (!claim(channel, temp)) {
                    return Optional.empty();
                }
                long size = content.writeTo(channel);
                channel.force(true);
                String name = linkUnderFreeName(temp);
                stored = new StoredUpload(name, folder.resolve(name), size);
                try {
                    Files.delete(temp);
                } catch (IOException e) {
                    deleteAfterFailure(stored.path(), e);
                    throw e;
                }
            }
            try {
                forceFolder();
            } catch (IOException e) {
                // Without the folder on disk the 201 would be a promise we cannot keep.
                deleteAfterFailure(stored.path(), e);
                throw e;
            }
            return Optional.of(stored);
        } catch (ReadFailure e) {
            // The client's stream failed, not the disk: report its own exception, unclassified.
            deleteAfterFailure(temp, e.getCause());
            throw e.getCause();
        } catch (IOException e) {
            // Judge before deleting: removing the temporary file frees the space we look at.
            IOException reported = isStorageFull(e) ? new StorageFullException("upload folder " + folder + " is full", e) : e;
            deleteAfterFailure(temp, reported);
            throw reported;
        } catch (RuntimeException | Error e) {
            deleteAfterFailure(temp, e);
            throw e;
        }
    }

    /**
     * Locks a new temporary file for as long as its channel is open; false when a clean-up took
     * the lock between the file's creation and this and removed the file.
     */
    private static boolean claim(FileChannel channel, Path temp) throws IOException {
        try {
            channel.lock();
        } catch (OverlappingFileLockException cleanupInThisProcess) {
            return false;
        }
        return Files.exists(temp);
    }

    private String linkUnderFreeName(Path temp) throws IOException {
        for (int attempt = 0; attempt < MAX_NAME_ATTEMPTS; attempt++) {
            String name = names.next();
            try {
                Files.createLink(folder.resolve(name), temp);
                return name;
            } catch (FileAlreadyExistsException taken) {
                // Never overwrite: an earlier upload in the same second has this name; draw again.
            }
        }
        throw new IOException("no free upload name in " + folder + " after " + MAX_NAME_ATTEMPTS + " attempts");
    }

    private void forceFolder() throws IOException {
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    /**
     * ENOSPC and EDQUOT reach Java only as message text, so the text is checked first; as a
     * fallback for translated messages, a failure while the folder's store has less than one
     * buffer of usable space left is taken as full.
     */
    private boolean isStorageFull(IOException failure) {
        if (failure instanceof UploadTooLargeException) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            for (String noSpace : NO_SPACE) {
                if (message.contains(noSpace)) {
                    return true;
                }
            }
        }
        try {
            return Files.getFileStore(folder).getUsableSpace() < BUFFER_SIZE;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteAfterFailure(Path path, Throwable failure) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static long copy(InputStream in, FileChannel channel, long limit) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        long total = 0;
        for (int n = read(in, buffer); n != -1; n = read(in, buffer)) {
            total += n;
            // Reading at most one buffer past the limit is enough to know it was exceeded.
            if (total > limit) {
                throw new UploadTooLargeException(limit);
            }
            writeFully(channel, ByteBuffer.wrap(buffer, 0, n));
        }
        return total;
    }

    private static int read(InputStream in, byte[] buffer) throws ReadFailure {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new ReadFailure(e);
        }
    }

    /** Marks a failure of the caller's stream, so it is never mistaken for a full disk. */
    private static final class ReadFailure extends IOException {
        @Serial
        private static final long serialVersionUID = 1L;

        ReadFailure(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }
}
