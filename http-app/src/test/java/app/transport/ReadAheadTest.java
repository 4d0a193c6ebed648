package app.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The read-ahead under TLS: the bytes already read, then the socket, in order, with few reads. */
class ReadAheadTest {

    /** A socket stand-in that counts the reads made of it. */
    private static final class CountingInput extends ByteArrayInputStream {
        int reads;

        CountingInput(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            reads++;
            return super.read(b, off, len);
        }
    }

    private static byte[] drain(InputStream in, int step) throws IOException {
        var out = new ByteArrayOutputStream();
        byte[] chunk = new byte[step];
        for (int n; (n = in.read(chunk, 0, step)) >= 0; ) {
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    @Test
    void theReceivedBytesComeFirstThenTheSocketsInOrder() throws IOException {
        byte[] received = {9, 9, 1, 2, 3, 9};
        byte[] rest = new byte[20_000];
        new Random(3).nextBytes(rest);
        var in = new ReadAhead(received, 2, 3, new ByteArrayInputStream(rest));
        byte[] expected = new byte[3 + rest.length];
        expected[0] = 1;
        expected[1] = 2;
        expected[2] = 3;
        System.arraycopy(rest, 0, expected, 3, rest.length);
        assertArrayEquals(expected, drain(in, 5));
        assertEquals(-1, in.read());
    }

    @Test
    void smallReadsAreServedFromOneReadOfTheSocket() throws IOException {
        // Ten records of a 5-byte header and a 100-byte body, as JSSE reads them.
        var socket = new CountingInput(new byte[10 * 105]);
        var in = new ReadAhead(new byte[0], 0, 0, socket);
        for (int record = 0; record < 10; record++) {
            assertEquals(5, in.readNBytes(5).length);
            assertEquals(100, in.readNBytes(100).length);
        }
        assertEquals(1, socket.reads);
    }

    @Test
    void aLargeReadGoesStraightToItsTarget() throws IOException {
        byte[] bytes = new byte[16 * 1024];
        Arrays.fill(bytes, (byte) 7);
        var socket = new CountingInput(bytes);
        var in = new ReadAhead(new byte[0], 0, 0, socket);
        byte[] target = new byte[bytes.length];
        assertEquals(bytes.length, in.read(target, 0, target.length));
        assertArrayEquals(bytes, target);
        assertEquals(1, socket.reads);
    }
}
