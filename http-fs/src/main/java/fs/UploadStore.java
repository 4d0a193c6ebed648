package fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serial;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Stores uploads durably under unique names in one folder.
 *
 * <p>Each upload is written to a hidden temporary file in the same folder and forced to disk,
 * then given its final name with a hard link, which fails instead of replacing an existing file
 * ({@code Files.move} with {@code ATOMIC_MOVE} would silently overwrite on Linux). The temporary
 * name is then removed and the folder forced, so the new entry survives a crash. A crash at any
 * moment leaves the complete file under its final name or no visible file; leftover temporary
 * files are removed when the store is opened. Every failure removes what was written.
 */
public final class UploadStore {

    static final String TEMP_PREFIX = ".upload-";
    static final String TEMP_SUFFIX = ".tmp";

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
     * Opens a store: creates the folder if it is missing and removes temporary files that a
     * crash left behind. Only one store should use a folder at a time.
     *
     * @param folder the upload folder
     * @param clock  the clock for the time stamp in names
     * @param random the source of the random part of names
     * @return the store
     * @throws IOException if the folder cannot be created or cleaned, or is not a directory
     */
    public static UploadStore open(Path folder, Clock clock, RandomGenerator random) throws IOException {
        Path absolute = folder.toAbsolutePath();
        Files.createDirectories(absolute);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(absolute, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
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
        Path temp = folder.resolve(TEMP_PREFIX + UUID.randomUUID() + TEMP_SUFFIX);
        try {
            long size;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                size = content.writeTo(channel);
                channel.force(true);
            }
            String name = linkUnderFreeName(temp);
            Path stored = folder.resolve(name);
            try {
                Files.delete(temp);
                forceFolder();
            } catch (IOException e) {
                // Without the folder on disk the 201 would be a promise we cannot keep.
                deleteAfterFailure(stored, e);
                throw e;
            }
            return new StoredUpload(name, stored, size);
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
