package fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Removes the temporary upload files that no live writer holds, in a folder that several
 * processes may share.
 *
 * <p>A writer holds an exclusive lock on its temporary file from creation until the file is
 * published and unlinked (see {@link UploadStore}). A lock that can be taken therefore means the
 * writer is gone: a crash, a SIGKILL, a lost host whose lease expired. Such a file is removed at
 * once, while the lock is held, so that a writer that created it a moment ago and locks it next
 * finds it gone and starts over. A lock held by anyone means an upload in progress, which is
 * never touched, however old. Where the file system cannot lock at all (some FUSE mounts, NFS
 * without a lock manager), liveness is unknown and only the age rule is left: a file not modified
 * for longer than the safe age is removed.
 */
final class Leftovers {

    /** What a lock probe learns about a temporary file's writer. */
    enum Writer {
        /** Some process holds the file's lock: the upload is in progress. */
        LIVE,
        /** The lock was free and is now held by the caller: the writer is gone. */
        GONE,
        /** The file system refused the question; only the file's age can decide. */
        UNKNOWN
    }

    /** Asks who holds a temporary file; a {@link Writer#GONE} answer is acted on under the lock. */
    @FunctionalInterface
    interface Probe {
        /**
         * Probes {@code file}; on {@link Writer#GONE}, runs {@code whileHeld} before the lock is released.
         *
         * @throws IOException if {@code whileHeld} fails
         */
        Writer probe(Path file, Removal whileHeld) throws IOException;
    }

    /** What to do with a file whose lock the probe took. */
    @FunctionalInterface
    interface Removal {
        void run() throws IOException;
    }

    /** The real probe: an exclusive {@code fcntl} lock, tried without waiting. */
    static final Probe LOCKS = Leftovers::tryLock;

    private final Clock clock;
    private final Duration safeAge;
    private final Probe probe;

    Leftovers(Clock clock, Duration safeAge, Probe probe) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.safeAge = Objects.requireNonNull(safeAge, "safeAge");
        this.probe = Objects.requireNonNull(probe, "probe");
        if (safeAge.isNegative()) {
            throw new IllegalArgumentException("negative safe age: " + safeAge);
        }
    }

    /** Removes every temporary upload file in {@code folder} that no live writer holds. */
    void clean(Path folder) throws IOException {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(folder,
                UploadStore.TEMP_PREFIX + "*" + UploadStore.TEMP_SUFFIX)) {
            for (Path temp : temps) {
                Writer writer = probe.probe(temp, () -> Files.deleteIfExists(temp));
                if (writer == Writer.UNKNOWN && olderThanSafeAge(temp)) {
                    Files.deleteIfExists(temp);
                }
            }
        }
    }

    /** Strictly older: a file modified exactly the safe age ago is kept. */
    private boolean olderThanSafeAge(Path temp) throws IOException {
        Instant modified;
        try {
            modified = Files.getLastModifiedTime(temp).toInstant();
        } catch (NoSuchFileException finished) {
            return false;
        }
        return Duration.between(modified, clock.instant()).compareTo(safeAge) > 0;
    }

    private static Writer tryLock(Path temp, Removal whileHeld) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(temp, StandardOpenOption.WRITE);
        } catch (NoSuchFileException finished) {
            return Writer.LIVE;
        } catch (IOException e) {
            // Someone else's file, or a file system that refuses: let the age decide.
            return Writer.UNKNOWN;
        }
        try (channel) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                return Writer.LIVE;
            } catch (IOException e) {
                return Writer.UNKNOWN;
            }
            if (lock == null) {
                return Writer.LIVE;
            }
            try (lock) {
                whileHeld.run();
            }
            return Writer.GONE;
        }
    }
}
