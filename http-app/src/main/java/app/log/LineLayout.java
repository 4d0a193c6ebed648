package app.log;

import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;

/**
 * How slf4j-simple lays out a line, read from the same {@code org.slf4j.simpleLogger.*} system
 * properties with the same defaults, so that the lines {@link LineWriter} writes look like every
 * other line of the log: the time ({@code showDateTime}, {@code dateTimeFormat}), the thread
 * ({@code showThreadName}), the level ({@code levelInBrackets}), the logger's name
 * ({@code showShortLogName}, {@code showLogName}), then the text.
 *
 * <p>Not thread-safe: one writer formats all lines.
 */
final class LineLayout {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private final boolean showDateTime;
    private final Optional<SimpleDateFormat> dateFormat;
    private final boolean showThreadName;
    private final boolean levelInBrackets;
    private final boolean showShortLogName;
    private final boolean showLogName;
    private final long startMillis = System.currentTimeMillis();
    private long lastMillis = Long.MIN_VALUE;
    private String lastDate = "";

    LineLayout(boolean showDateTime, Optional<String> datePattern, boolean showThreadName, boolean levelInBrackets,
            boolean showShortLogName, boolean showLogName) {
        this.showDateTime = showDateTime;
        this.dateFormat = datePattern.flatMap(LineLayout::dateFormat);
        this.showThreadName = showThreadName;
        this.levelInBrackets = levelInBrackets;
        this.showShortLogName = showShortLogName;
        this.showLogName = showLogName;
    }

    /** The layout the system properties give, with slf4j-simple's defaults for those not set. */
    static LineLayout fromSystemProperties() {
        return new LineLayout(flag("showDateTime", false), Optional.ofNullable(System.getProperty(PREFIX + "dateTimeFormat")),
                flag("showThreadName", true), flag("levelInBrackets", false), flag("showShortLogName", false),
                flag("showLogName", true));
    }

    boolean showsThreads() {
        return showThreadName;
    }

    /** Appends one line, its end of line included, for a message {@code logger} logged at {@code millis}. */
    void append(StringBuilder out, long millis, String thread, String level, String logger, String text) {
        if (showDateTime) {
            if (dateFormat.isPresent()) {
                out.append(date(millis));
            } else {
                out.append(millis - startMillis);
            }
            out.append(' ');
        }
        if (showThreadName) {
            out.append('[').append(thread).append("] ");
        }
        if (levelInBrackets) {
            out.append('[').append(level).append(']');
        } else {
            out.append(level);
        }
        out.append(' ');
        if (showShortLogName) {
            out.append(logger, logger.lastIndexOf('.') + 1, logger.length()).append(" - ");
        } else if (showLogName) {
            out.append(logger).append(" - ");
        }
        out.append(text).append(System.lineSeparator());
    }

    // Lines come many to a millisecond: format each millisecond once.
    private String date(long millis) {
        if (millis != lastMillis) {
            lastDate = dateFormat.orElseThrow().format(new Date(millis));
            lastMillis = millis;
        }
        return lastDate;
    }

    private static boolean flag(String name, boolean absent) {
        String value = System.getProperty(PREFIX + name);
        return value == null ? absent : "true".equalsIgnoreCase(value);
    }

    // slf4j-simple falls back to the time since start when the pattern is not one; so does this.
    private static Optional<SimpleDateFormat> dateFormat(String pattern) {
        try {
            return Optional.of(new SimpleDateFormat(pattern, Locale.getDefault(Locale.Category.FORMAT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
