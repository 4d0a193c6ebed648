package app.http1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.handler.Response;
import app.handler.ResponseBody;
import app.server.ResponsePolicy;
import app.transport.Transport;
import app.transport.Watchdog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import protocol.Body;
import protocol.Headers;
import protocol.Method;
import protocol.Status;

/** How file bodies reach the transport: small ones in the head's write, larger ones sent from the file. */
class ResponseWriterTest {

    @TempDir
    Path dir;

    /** Records every call: each {@code write} as the bytes it carried, each {@code send} as its count. */
    private static final class RecordingTransport implements Transport {
        final List<byte[]> writes = new ArrayList<>();
        final List<Long> sends = new ArrayList<>();
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();

        @Override
        public String scheme() {
            return "http";
        }

        @Override
        public String client() {
            return "127.0.0.1:40000";
        }

        @Override
        public InetSocketAddress peer() {
            return new InetSocketAddress("127.0.0.1", 40000);
        }

        @Override
        public InputStream input() {
            return InputStream.nullInputStream();
        }

        @Override
        public void readTimeout(int millis) {
        }

        @Override
        public void write(ByteBuffer... buffers) {
            var one = new ByteArrayOutputStream();
            for (ByteBuffer buffer : buffers) {
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                one.writeBytes(bytes);
            }
            writes.add(one.toByteArray());
            wire.writeBytes(one.toByteArray());
        }

        @Override
        public long send(FileChannel file, long position, long count) throws IOException {
            ByteBuffer bytes = ByteBuffer.allocate((int) count);
            int n = file.read(bytes, position);
            if (n <= 0) {
                throw new IOException("the file ended");
            }
            sends.add((long) n);
            wire.write(bytes.array(), 0, n);
            return n;
        }

        @Override
        public void shutdownOutput() {
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void abort() {
        }

        @Override
        public void close() {
        }
    }

    private final RecordingTransport transport = new RecordingTransport();
    private final ResponseWriter writer = new ResponseWriter(transport,
            Watchdog.manual(() -> 0).deadline(transport), Duration.ofSeconds(30), Duration.ofSeconds(30),
            Headers.builder().build(), ResponsePolicy.NONE);

    private byte[] file(int size) throws IOException {
        byte[] content = new byte[size];
        for (int i = 0; i < size; i++) {
            content[i] = (byte) (i * 31 + 7);
        }
        Files.write(dir.resolve("f.bin"), content);
        return content;
    }

    private long write(ResponseBody body) throws IOException {
        var response = new Response(Status.OK, Headers.builder().add("Content-Type", "application/octet-stream")
                .build(), body);
        return writer.write(Optional.of(Method.GET), "/f.bin", Optional.empty(), "r1", response, true, 99, true);
    }

    private FileChannel open() throws IOException {
        return FileChannel.open(dir.resolve("f.bin"));
    }

    /** The bytes after the head's blank line. */
    private static byte[] bodyOf(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        assertTrue(end > 0, "a head ends with an empty line");
        return Arrays.copyOfRange(message, end + 4, message.length);
    }

    @Test
    void aFileOfGatherBytesGoesInTheHeadsWrite() throws IOException {
        byte[] content = file(ResponseWriter.GATHER_BYTES);
        assertEquals(content.length, write(ResponseBody.FileContent.whole(open(), content.length)));
        assertEquals(1, transport.writes.size());
        assertEquals(List.of(), transport.sends);
        assertArrayEquals(content, bodyOf(transport.writes.get(0)));
    }

    @Test
    void aFileOneByteLargerIsSentFromTheFileAfterTheHead() throws IOException {
        byte[] content = file(ResponseWriter.GATHER_BYTES + 1);
        assertEquals(content.length, write(ResponseBody.FileContent.whole(open(), content.length)));
        assertEquals(1, transport.writes.size());
        assertEquals(0, bodyOf(transport.writes.get(0)).length, "the head alone");
        assertEquals(content.length, transport.sends.stream().mapToLong(Long::longValue).sum());
        assertArrayEquals(content, bodyOf(transport.wire.toByteArray()));
    }

    @Test
    void aRangeIsReadFromItsPosition() throws IOException {
        byte[] content = file(64 * 1024);
        var range = new ResponseBody.FileContent(open(), List.of(new ResponseBody.Region(29_035, 101)));
        assertEquals(101, write(range));
        assertEquals(1, transport.writes.size());
        assertArrayEquals(Arrays.copyOfRange(content, 29_035, 29_136), bodyOf(transport.writes.get(0)));
    }

    @Test
    void multipartRangesAndTheirLiteralsGoInOneWrite() throws IOException {
        byte[] content = file(64 * 1024);
        byte[] first = "\r\n--b\r\nContent-Range: bytes 0-9/65536\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] second = "\r\n--b\r\nContent-Range: bytes 60000-60019/65536\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] end = "\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII);
        var ranges = new ResponseBody.FileContent(open(), List.of(
                new ResponseBody.Literal(Body.of(first)), new ResponseBody.Region(0, 10),
                new ResponseBody.Literal(Body.of(second)), new ResponseBody.Region(60_000, 20),
                new ResponseBody.Literal(Body.of(end))));
        write(ranges);
        assertEquals(1, transport.writes.size());
        var expected = new ByteArrayOutputStream();
        expected.writeBytes(first);
        expected.write(content, 0, 10);
        expected.writeBytes(second);
        expected.write(content, 60_000, 20);
        expected.writeBytes(end);
        assertArrayEquals(expected.toByteArray(), bodyOf(transport.writes.get(0)));
    }

    @Test
    void aFileThatEndsBeforeItsRegionFailsRatherThanSendingZeros() throws IOException {
        file(100);
        var past = new ResponseBody.FileContent(open(), List.of(new ResponseBody.Region(50, 100)));
        assertThrows(IOException.class, () -> write(past));
        assertEquals(List.of(), transport.writes, "nothing of the response reached the client");
    }
}
