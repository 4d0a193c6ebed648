package app.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class RecordBuffersTest {

    private final RecordBuffers buffers = new RecordBuffers();

    @Test
    void aBufferGivenBackIsLentAgain() {
        byte[] first = buffers.borrow();
        assertEquals(RecordBuffers.SIZE, first.length);
        assertEquals(0, buffers.kept(), "nothing is kept before anything is given back");
        buffers.giveBack(first);
        assertEquals(1, buffers.kept());
        assertSame(first, buffers.borrow());
        assertEquals(0, buffers.kept());
        assertNotSame(first, buffers.borrow(), "a buffer still lent is never lent twice");
    }

    @Test
    void atMostKeptBuffersWait() {
        List<byte[]> lent = borrow(RecordBuffers.KEPT + 1);
        for (byte[] buffer : lent.subList(0, RecordBuffers.KEPT)) {
            buffers.giveBack(buffer);
        }
        assertEquals(RecordBuffers.KEPT, buffers.kept(), "N given back: all N kept");
        buffers.giveBack(lent.getLast());
        assertEquals(RecordBuffers.KEPT, buffers.kept(), "N + 1 given back: the last is left to the collector");
        Set<byte[]> again = identities(borrow(RecordBuffers.KEPT + 1));
        int reused = 0;
        for (byte[] buffer : lent) {
            reused += again.contains(buffer) ? 1 : 0;
        }
        assertEquals(RecordBuffers.KEPT, reused, "the N kept are lent again, and one more is made");
    }

    @Test
    void onlyItsOwnSizeIsTakenBack() {
        assertThrows(IllegalArgumentException.class, () -> buffers.giveBack(new byte[RecordBuffers.SIZE - 1]));
        assertEquals(0, buffers.kept());
    }

    @Test
    void concurrentWritersNeverShareABuffer() throws Exception {
        Set<byte[]> inUse = ConcurrentHashMap.newKeySet();
        List<Future<Integer>> clashes = new ArrayList<>();
        try (var executor = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                clashes.add(executor.submit(() -> {
                    int clash = 0;
                    for (int i = 0; i < 20_000; i++) {
                        byte[] buffer = buffers.borrow();
                        clash += inUse.add(buffer) ? 0 : 1;
                        inUse.remove(buffer);
                        buffers.giveBack(buffer);
                    }
                    return clash;
                }));
            }
            for (Future<Integer> clash : clashes) {
                assertEquals(0, clash.get(), "a buffer lent to two writers at once");
            }
        }
        assertTrue(buffers.kept() <= RecordBuffers.KEPT, "kept " + buffers.kept());
    }

    private List<byte[]> borrow(int n) {
        List<byte[]> lent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lent.add(buffers.borrow());
        }
        return lent;
    }

    private static Set<byte[]> identities(List<byte[]> arrays) {
        Set<byte[]> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(arrays);
        return set;
    }
}
