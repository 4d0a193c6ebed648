package fs;

import java.io.IOException;
import java.io.Serial;

/** An upload failed because the device or the user's quota is full; nothing was left behind. */
public final class StorageFullException extends IOException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was being written
     * @param cause   the failure the file system reported
     */
    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
