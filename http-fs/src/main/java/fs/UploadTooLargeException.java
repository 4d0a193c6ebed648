package fs;

import java.io.IOException;
import java.io.Serial;

/** An upload stream carried more bytes than its limit; nothing was left behind. */
public final class UploadTooLargeException extends IOException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long limit;

    /**
     * Creates the exception.
     *
     * @param limit the number of bytes that was allowed
     */
    public UploadTooLargeException(long limit) {
        super("upload exceeds " + limit + " bytes");
        this.limit = limit;
    }

    /** Returns the number of bytes that was allowed. */
    public long limit() {
        return limit;
    }
}
