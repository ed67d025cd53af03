package dev.certstream.watcher.follow;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReorderBufferTest {

    private static RenderedBatch batch(long start, int count) {
        return RenderedBatch.skipped(start, count, List.of());
    }

    @Test
    void releasesOnlyContiguousBatchesInOrder() {
        ReorderBuffer buffer = new ReorderBuffer(100);
        buffer.complete(batch(110, 10));
        buffer.complete(batch(130, 5));
        assertTrue(buffer.releasable().isEmpty());
        buffer.complete(batch(100, 10));
        List<RenderedBatch> ready = buffer.releasable();
        assertEquals(List.of(100L, 110L), ready.stream().map(RenderedBatch::start).toList());
        assertEquals(120, buffer.nextToRelease());
        assertEquals(1, buffer.pending());
        buffer.complete(batch(120, 10));
        assertEquals(List.of(120L, 130L), buffer.releasable().stream().map(RenderedBatch::start).toList());
        assertEquals(135, buffer.nextToRelease());
    }
}
