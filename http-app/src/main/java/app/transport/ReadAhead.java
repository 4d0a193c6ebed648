package app.transport;

import java.io.IOException;
import java.io.InputStream;

/**
 * The input JSSE reads TLS records from: first the bytes the listener already read, then the
 * socket through a small buffer. JSSE reads each record's 5-byte header and then its body with
 * two reads; through this buffer one system call usually brings both, and the next record too.
 * JSSE takes it as the "consumed" stream of a layered socket and reads it until it ends, which it
 * does only when the socket does.
 */
final class ReadAhead extends InputStream {

    private static final int SIZE = 4 * 1024;

    private final InputStream socket;
    private byte[] buffer;
    private int position;
    private int limit;

    /** Reads {@code length} bytes of {@code received} from {@code offset} first, then {@code socket}. */
    ReadAhead(byte[] received, int offset, int length, InputStream socket) {
        this.socket = socket;
        this.buffer = received;
        this.position = offset;
        this.limit = offset + length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == limit) {
            if (length >= SIZE) {
                // A large read (a record body) goes straight to its target.
                return socket.read(target, offset, length);
            }
            if (buffer.length < SIZE) {
                buffer = new byte[SIZE];
            }
            int read = socket.read(buffer, 0, SIZE);
            if (read < 0) {
                return -1;
            }
            position = 0;
            limit = read;
        }
        int count = Math.min(length, limit - position);
        System.arraycopy(buffer, position, target, offset, count);
        position += count;
        return count;
    }

    @Override
    public int available() {
        return limit - position;
    }
}
