package fs;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** Candidate upload names: {@code upload_YYYYMMDD_HHMMSS_xxxx.json}, UTC, four random {@code [a-z0-9]}. */
final class UploadNames {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int RANDOM_LENGTH = 4;

    private final Clock clock;
    private final RandomGenerator random;

    UploadNames(Clock clock, RandomGenerator random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Synchronised because a caller's generator need not be thread-safe. */
    synchronized String next() {
        StringBuilder name = new StringBuilder("upload_").append(STAMP.format(clock.instant())).append('_');
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return name.append(".json").toString();
    }
}
