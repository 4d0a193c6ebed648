package app;

import java.util.Optional;

/**
 * Configures slf4j-simple through its system properties, before the first logger exists. A
 * property already given on the command line ({@code -Dorg.slf4j.simpleLogger...}) wins over
 * these defaults; {@code --log-level} wins over both for the default level.
 */
final class Logging {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private Logging() {}

    static void configure(Optional<String> level) {
        setIfAbsent("showDateTime", "true");
        setIfAbsent("dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        setIfAbsent("showThreadName", "false");
        setIfAbsent("showShortLogName", "true");
        setIfAbsent("levelInBrackets", "true");
        level.ifPresent(value -> System.setProperty(PREFIX + "defaultLogLevel", value));
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
