package pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SaturationTest {
    private final AtomicInteger queued = new AtomicInteger();
    private final List<String> events = new ArrayList<>();
    private final Saturation saturation =
            new Saturation(2, queued::get, () -> events.add("saturated"), () -> events.add("recovered"));

    @Test
    void repeatedRefusalsSaturateOnce() {
        queued.set(4);
        saturation.refused();
        saturation.refused();
        assertEquals(List.of("saturated"), events);
    }

    @Test
    void recoversAtTheLowWaterMarkOnly() {
        queued.set(4);
        saturation.refused();
        queued.set(3);
        saturation.drained();
        assertEquals(List.of("saturated"), events);

        queued.set(2);
        saturation.drained();
        saturation.drained();
        assertEquals(List.of("saturated", "recovered"), events);
    }

    @Test
    void drainingWithoutSaturationTellsNothing() {
        saturation.drained();
        assertEquals(List.of(), events);
    }

    @Test
    void aQueueThatDrainedBeforeTheRefusalWasNotedRecoversAtOnce() {
        queued.set(0);
        saturation.refused();
        assertEquals(List.of("saturated", "recovered"), events);
    }
}
