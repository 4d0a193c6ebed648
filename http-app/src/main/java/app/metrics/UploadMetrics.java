package app.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/** Uploads stored, with their bytes, and uploads refused by reason. */
public final class UploadMetrics {

    /** Why the upload handler refused a body: the {@code reason} label. */
    public enum Refusal {
        /** Not {@code application/json} (415). */
        UNSUPPORTED_MEDIA_TYPE,
        /** Not exactly one JSON value (400). */
        INVALID_JSON,
        /** Sent with {@code Content-Encoding: gzip} that does not decode (400). */
        INVALID_GZIP,
        /** Larger than the body limit once decoded (413). */
        DECODED_TOO_LARGE,
        /** The device or quota is full (507). */
        STORAGE_FULL,
        /** Writing failed otherwise (500). */
        WRITE_FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final LongAdder stored = new LongAdder();
    private final LongAdder storedBytes = new LongAdder();
    private final LongAdder[] refused = new LongAdder[Refusal.values().length];

    public UploadMetrics() {
        Arrays.setAll(refused, i -> new LongAdder());
    }

    /** An upload of {@code bytes} was stored durably. */
    public void stored(long bytes) {
        stored.increment();
        storedBytes.add(bytes);
    }

    /** An upload was refused for {@code reason}. */
    public void refused(Refusal reason) {
        refused[reason.ordinal()].increment();
    }

    public long storedCount() {
        return stored.sum();
    }

    public long storedBytes() {
        return storedBytes.sum();
    }

    public long refusedCount(Refusal reason) {
        return refused[reason.ordinal()].sum();
    }
}
