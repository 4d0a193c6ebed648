package app.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.transport.Transport;
import app.transport.Watchdog;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import protocol.http2.ErrorCode;
import protocol.http2.Frame;
import protocol.http2.Http2Exception;
import protocol.http2.Http2Limits;

/**
 * SETTINGS, PING and WINDOW_UPDATE as the reader applies them, against a writer whose thread
 * never runs: every answer stays queued, so the bound on queued answers is met exactly, as it is
 * when the client reads nothing. The clock stands still: no budget refills.
 */
class ConnectionControlTest {

    private final AtomicLong clock = new AtomicLong();
    private final Watchdog watchdog = Watchdog.manual(clock::get);
    private final SendWindows windows = new SendWindows(watchdog, Duration.ofSeconds(30));
    private final FrameWriter writer = new FrameWriter(new Unwritable(), watchdog.deadline(() -> { }),
            Duration.ofSeconds(30), 4096, 16_384, windows);
    private final StreamTable streams = new StreamTable();

    private ConnectionControl control(Http2Limits limits) {
        return new ConnectionControl(writer, windows, streams, new FloodGuard(limits, clock::get));
    }

    @Test
    void answersUpToTheBoundWaitAndOneMoreIsEnhanceYourCalm() throws Http2Exception {
        var control = control(Http2Limits.DEFAULTS.withMaxQueuedControl(5).withControlBudget(1, 1_000));
        control.settings(new Frame.Settings(List.of()));
        for (int i = 0; i < 4; i++) {
            control.ping(new Frame.Ping(false, i));
        }
        assertEquals(5, writer.queuedControlFrames());
        assertFlood(assertThrows(Http2Exception.class, () -> control.ping(new Frame.Ping(false, 5))));
        assertEquals(5, writer.queuedControlFrames());
    }

    @Test
    void acknowledgementsAskForNoAnswerButAreCounted() throws Http2Exception {
        var control = control(Http2Limits.DEFAULTS.withControlBudget(1, 3));
        control.ping(new Frame.Ping(true, 1));
        control.settings(Frame.Settings.ACK);
        control.ping(new Frame.Ping(true, 2));
        assertEquals(0, writer.queuedControlFrames());
        assertFlood(assertThrows(Http2Exception.class, () -> control.ping(new Frame.Ping(true, 3))));
    }

    @Test
    void aWindowUpdateThatFollowsNoDataIsCounted() throws Http2Exception {
        var control = control(Http2Limits.DEFAULTS.withControlBudget(1, 2));
        control.windowUpdate(new Frame.WindowUpdate(0, 1));
        control.windowUpdate(new Frame.WindowUpdate(0, 1));
        assertFlood(assertThrows(Http2Exception.class, () -> control.windowUpdate(new Frame.WindowUpdate(0, 1))));
    }

    @Test
    void oneWindowUpdateForEachDataFrameSentIsFree() throws Exception {
        var control = control(Http2Limits.DEFAULTS.withControlBudget(1, 2));
        var stream = new Http2Stream(1, 65_535);
        streams.opened(1);
        streams.add(stream);
        windows.open(stream);
        for (int frame = 0; frame < 3; frame++) {
            assertEquals(100, windows.acquire(stream, 100, 0));
        }
        // Three DATA frames sent: three updates of each window cost nothing.
        for (int update = 0; update < 3; update++) {
            control.windowUpdate(new Frame.WindowUpdate(0, 100));
            control.windowUpdate(new Frame.WindowUpdate(1, 100));
        }
        // Past them, the budget of two is spent, then exceeded.
        control.windowUpdate(new Frame.WindowUpdate(0, 1));
        control.windowUpdate(new Frame.WindowUpdate(1, 1));
        assertFlood(assertThrows(Http2Exception.class, () -> control.windowUpdate(new Frame.WindowUpdate(1, 1))));
    }

    private static void assertFlood(Http2Exception e) {
        assertEquals(Http2Exception.Reason.FLOOD, e.reason());
        assertEquals(ErrorCode.ENHANCE_YOUR_CALM, e.code());
    }

    /** A transport nothing is ever written to or read from: the writer's thread is not started. */
    private static final class Unwritable implements Transport {
        @Override
        public String scheme() {
            return "http";
        }

        @Override
        public String client() {
            return "test";
        }

        @Override
        public java.net.InetSocketAddress peer() {
            return new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 1);
        }

        @Override
        public InputStream input() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void readTimeout(int millis) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void write(ByteBuffer... buffers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long send(FileChannel file, long position, long count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void shutdownOutput() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void abort() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            throw new UnsupportedOperationException();
        }
    }
}
