package app.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What counts against the concurrency limit: open streams whose last frame is not yet queued. */
class StreamTableTest {

    private final StreamTable streams = new StreamTable();

    private Http2Stream open(int id) {
        var stream = new Http2Stream(id, 65_535);
        streams.opened(id);
        streams.add(stream);
        return stream;
    }

    @Test
    void aStreamWhoseLastFrameIsQueuedNoLongerCountsThoughItIsStillOpen() {
        open(1);
        open(3);
        assertEquals(2, streams.active());

        streams.ending(1);

        assertEquals(1, streams.active(), "the client may open the next stream once it reads stream 1's end");
        assertTrue(streams.find(1).isPresent(), "stream 1 stays open until its thread is done with it");
    }

    @Test
    void aStreamIsReleasedOnceWhateverEndsItFirst() {
        open(1);
        open(3);

        streams.ending(1);
        streams.ending(1);
        streams.remove(1);
        assertEquals(1, streams.active());

        streams.remove(3);
        streams.ending(3);
        assertEquals(0, streams.active());
        assertTrue(streams.isEmpty());
    }

    @Test
    void endingAStreamThatIsNotOpenChangesNothing() {
        open(1);

        streams.ending(5);
        streams.remove(7);

        assertEquals(1, streams.active());
    }
}
