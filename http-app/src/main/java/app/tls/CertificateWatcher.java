package app.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the key files and, when they change to a valid pair, swaps it into the
 * {@link ReloadingKeyManager}; a broken replacement leaves the old pair in service.
 *
 * <p>Polling (size, modification time, file key) rather than a {@code WatchService}: it sees a
 * rename into place and Kubernetes' {@code ..data} symlink swap alike, and costs a few
 * {@code stat} calls each interval. A change is loaded only once the files have looked the same
 * for one whole interval, because certbot and {@code cp} write the certificate and the key one
 * after the other: loading between the two would pair a new chain with the old key.
 */
public final class CertificateWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateWatcher.class);

    /** What a poll concluded; the default logs, tests record. */
    public interface Listener {
        void reloaded(KeyMaterial material);

        /** A changed set of files that cannot be used; called once per distinct broken state. */
        void failed(String message);
    }

    /** Logs a swap at INFO (with the new serial and expiry) and a broken replacement at ERROR. */
    public static final Listener LOGGING = new Listener() {
        @Override
        public void reloaded(KeyMaterial material) {
            LOG.info("TLS certificate reloaded: {}, serial {}, expires {}",
                    material.leaf().getSubjectX500Principal().getName(), KeyMaterial.serial(material.leaf()),
                    material.leaf().getNotAfter().toInstant());
            material.warnings(Instant.now()).forEach(warning -> LOG.warn("TLS: {}", warning));
        }

        @Override
        public void failed(String message) {
            LOG.error("TLS certificate not reloaded, the previous one stays in service: {}", message);
        }
    };

    /** The observable state of one file; a missing file is a state too (certbot may be mid-rename). */
    private record Stamp(Path file, boolean exists, long size, Instant modified, Optional<String> fileKey) {}

    private final KeySource source;
    private final KeyLoader loader;
    private final ReloadingKeyManager keyManager;
    private final Listener listener;
    private final ScheduledExecutorService executor;

    /** The files as they were when the material in service was read (or last given up on). */
    private List<Stamp> loaded;
    /** The files as the previous poll saw them. */
    private List<Stamp> seen;
    /** The broken state last reported, so it is reported once. */
    private Optional<List<Stamp>> reported = Optional.empty();

    /**
     * Takes the files' state now as the one in service (the caller has just loaded them); polling
     * starts with {@link #start(Duration)}.
     */
    public CertificateWatcher(KeySource source, KeyLoader loader, ReloadingKeyManager keyManager, Listener listener) {
        this.source = Objects.requireNonNull(source, "source");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.keyManager = Objects.requireNonNull(keyManager, "keyManager");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.loaded = stamps();
        this.seen = loaded;
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            var thread = new Thread(task, "tls-certificate-watcher");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Polls every {@code interval} on a daemon thread until {@link #close()}. */
    public CertificateWatcher start(Duration interval) {
        long millis = Math.max(1, interval.toMillis());
        executor.scheduleWithFixedDelay(this::pollSafely, millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    /** One poll: what the scheduled thread does each interval (tests call it directly). */
    synchronized void poll() {
        List<Stamp> now = stamps();
        if (now.equals(loaded)) {
            seen = now;
            return;
        }
        if (!now.equals(seen)) {
            seen = now; // still changing, or just changed: wait one interval for the writer to finish
            return;
        }
        if (reported.equals(Optional.of(now))) {
            return; // broken, reported, and not touched since
        }
        try {
            KeyMaterial material = loader.load(source);
            keyManager.swap(material);
            loaded = now;
            reported = Optional.empty();
            listener.reloaded(material);
        } catch (TlsSetupException e) {
            reported = Optional.of(now);
            listener.failed(e.getMessage());
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            // A bug here must not end the schedule (an exception cancels a periodic task).
            LOG.error("TLS certificate watcher failed; it goes on polling", e);
        }
    }

    private List<Stamp> stamps() {
        List<Stamp> stamps = new ArrayList<>();
        for (Path file : source.files()) {
            stamps.add(stamp(file));
        }
        return List.copyOf(stamps);
    }

    private static Stamp stamp(Path file) {
        try {
            var attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(file, true, attributes.size(), attributes.lastModifiedTime().toInstant(),
                    Optional.ofNullable(attributes.fileKey()).map(Object::toString));
        } catch (NoSuchFileException e) {
            return new Stamp(file, false, -1, Instant.EPOCH, Optional.empty());
        } catch (IOException e) {
            return new Stamp(file, false, -2, Instant.EPOCH, Optional.of(e.getClass().getSimpleName()));
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
