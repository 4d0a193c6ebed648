package app.http2;

import java.util.Optional;
import protocol.http2.Frame;
import protocol.http2.Http2Exception;
import protocol.http2.Settings;

/**
 * The frames that concern the connection rather than a request: the peer's SETTINGS (RFC 9113
 * §6.5), PING (§6.7) and WINDOW_UPDATE (§6.9), each applied, answered where the protocol asks,
 * and counted where it asks for nothing. Owned by the connection's reader.
 */
final class ConnectionControl {

    private final FrameWriter writer;
    private final SendWindows windows;
    private final StreamTable streams;
    private final FloodGuard flood;
    private Settings peer = Settings.DEFAULTS;

    ConnectionControl(FrameWriter writer, SendWindows windows, StreamTable streams, FloodGuard flood) {
        this.writer = writer;
        this.windows = windows;
        this.streams = streams;
        this.flood = flood;
    }

    void settings(Frame.Settings settings) throws Http2Exception {
        flood.control();
        if (settings.ack()) {
            return;
        }
        Settings before = peer;
        peer = peer.with(settings.settings());
        if (peer.initialWindowSize() != before.initialWindowSize()) {
            windows.initialStreamWindow(peer.initialWindowSize(), streams.all());
        }
        writer.peerMaxFrameSize(peer.maxFrameSize());
        if (peer.headerTableSize() != before.headerTableSize()) {
            writer.tableSize((int) Math.min(peer.headerTableSize(), Settings.DEFAULTS.headerTableSize()));
        }
        answer(Frame.Settings.ACK);
    }

    void ping(Frame.Ping ping) throws Http2Exception {
        flood.control();
        if (!ping.ack()) {
            answer(new Frame.Ping(true, ping.opaqueData()));
        }
    }

    /** Queues a frame the protocol requires as an answer, unless the peer does not read them. */
    private void answer(Frame frame) throws Http2Exception {
        flood.answer(writer.queuedControlFrames());
        writer.control(frame);
    }

    void windowUpdate(Frame.WindowUpdate update) throws Http2Exception {
        // A window update that follows DATA the server sent is what flow control asks for; any
        // other (for a stream with nothing to send, or more than one per DATA frame) is allowed,
        // and counted against floods.
        int id = update.streamId();
        if (id == 0) {
            if (!windows.growConnection(update.increment())) {
                flood.control();
            }
            return;
        }
        streams.checkNotIdle(id);
        Optional<Http2Stream> stream = streams.find(id);
        if (stream.isEmpty() || !windows.growStream(stream.get(), update.increment())) {
            flood.control();
        }
    }
}
