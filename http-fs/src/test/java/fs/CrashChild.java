package fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Run in a child JVM by {@link UploadStoreCrashTest}: stores an upload whose stream yields one
 * chunk and then never ends, so the parent can kill the process in the middle of the write.
 */
public final class CrashChild {

    private CrashChild() {}

    /** Entry point: {@code args[0]} is the upload folder. */
    public static void main(String[] args) throws IOException {
        UploadStore store = UploadStore.open(Path.of(args[0]));
        store.store(new StallingStream(), Long.MAX_VALUE);
    }

    private static final class StallingStream extends InputStream {
        private boolean sent;

        @Override
        public int read() {
            throw new UnsupportedOperationException("read in chunks");
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (!sent) {
                sent = true;
                Arrays.fill(buffer, offset, offset + length, (byte) '7');
                return length;
            }
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }
    }
}
