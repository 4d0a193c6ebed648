package fs;

import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which file extensions are sent as attachments ({@code Content-Disposition: attachment})
 * rather than shown inline.
 *
 * @param extensions lower-case extensions without dots; an immutable copy
 */
public record DownloadPolicy(Set<String> extensions) {

    /** The seed's list: txt, png, jpg, jpeg. */
    public static final DownloadPolicy SEED_DEFAULT = new DownloadPolicy(Set.of("txt", "png", "jpg", "jpeg"));

    private static final int MAX_LENGTH = 32;

    /** Copies the set; throws {@link IllegalArgumentException} on an entry that is not a bare lower-case extension. */
    public DownloadPolicy {
        extensions = Set.copyOf(extensions);
        for (String extension : extensions) {
            if (!isValid(extension)) {
                throw new IllegalArgumentException("invalid download extension '" + extension
                        + "': expected 1 to " + MAX_LENGTH + " characters from a-z, 0-9, '-', '_', '+'");
            }
        }
    }

    /**
     * Parses a command-line list such as {@code "txt, .PNG,jpg"}: entries are trimmed,
     * lower-cased and stripped of one leading dot. A blank list means no attachments at all.
     *
     * @param commaList the comma-separated extensions
     * @return the policy
     * @throws IllegalArgumentException on an empty or invalid entry, naming it
     */
    public static DownloadPolicy parse(String commaList) {
        Objects.requireNonNull(commaList, "commaList");
        if (commaList.isBlank()) {
            return new DownloadPolicy(Set.of());
        }
        Set<String> extensions = new HashSet<>();
        for (String entry : commaList.split(",", -1)) {
            String extension = entry.strip().toLowerCase(Locale.ROOT);
            if (extension.startsWith(".")) {
                extension = extension.substring(1);
            }
            if (extension.isEmpty()) {
                throw new IllegalArgumentException("empty extension in download list '" + commaList + "'");
            }
            extensions.add(extension);
        }
        return new DownloadPolicy(extensions);
    }

    /**
     * Tells whether a file is sent as an attachment, by its last extension, case-insensitively.
     *
     * @param fileName a file name such as {@code photo.JPG}
     * @return whether its extension is in the policy
     */
    public boolean isAttachment(String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        return extensions.contains(MediaTypes.extensionOf(fileName));
    }

    private static boolean isValid(String extension) {
        if (extension.isEmpty() || extension.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < extension.length(); i++) {
            char c = extension.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '+';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
