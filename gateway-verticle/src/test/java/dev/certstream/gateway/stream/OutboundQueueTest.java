package dev.certstream.gateway.stream;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboundQueueTest {

    private static Buffer message(int n, int size) {
        return Buffer.buffer(String.format("%0" + size + "d", n));
    }

    @Test
    void dropsTheOldestPastTheMessageBound() {
        OutboundQueue queue = new OutboundQueue(3, 1_000_000);
        int dropped = 0;
        for (int i = 1; i <= 5; i++) {
            dropped += queue.offer(message(i, 10));
        }
        assertEquals(2, dropped);
        assertEquals(3, queue.size());
        assertEquals(message(3, 10), queue.poll(), "the freshest three remain, oldest first");
        assertEquals(message(4, 10), queue.poll());
        assertEquals(message(5, 10), queue.poll());
        assertNull(queue.poll());
        assertEquals(0, queue.bytes());
    }

    @Test
    void dropsTheOldestPastTheByteBound() {
        OutboundQueue queue = new OutboundQueue(1000, 100);
        assertEquals(0, queue.offer(message(1, 40)));
        assertEquals(0, queue.offer(message(2, 40)));
        assertEquals(1, queue.offer(message(3, 40)), "120 bytes > 100: the first goes");
        assertEquals(80, queue.bytes());
        assertEquals(2, queue.offer(message(4, 90)), "90 more: both older ones go");
        assertEquals(1, queue.size());
        assertEquals(90, queue.bytes());
    }

    @Test
    void aMessageLargerThanTheByteBoundIsItselfDropped() {
        OutboundQueue queue = new OutboundQueue(10, 100);
        queue.offer(message(1, 50));
        assertEquals(2, queue.offer(message(2, 150)));
        assertTrue(queue.isEmpty());
        assertEquals(0, queue.bytes());
    }

    @Test
    void theByteBoundCountsWhatAMessageKeepsAlive() {
        OutboundQueue queue = new OutboundQueue(1000, 250);
        assertEquals(0, queue.offer(message(1, 40), 100), "a 40-byte slice of a 100-byte array");
        assertEquals(0, queue.offer(message(2, 40), 100));
        assertEquals(200, queue.bytes());
        assertEquals(1, queue.offer(message(3, 40), 100), "300 > 250, though the slices are only 120");
        assertEquals(200, queue.bytes());
        queue.poll();
        assertEquals(100, queue.bytes(), "taking one gives back its array's size");
        assertEquals(0, queue.offer(message(4, 40), 10), "never counted below its own length");
        assertEquals(140, queue.bytes());
    }

    @Test
    void holdsReferencesNotCopies() {
        OutboundQueue queue = new OutboundQueue(10, 1000);
        Buffer shared = message(7, 20);
        queue.offer(shared);
        assertSame(shared, queue.poll());
    }
}
