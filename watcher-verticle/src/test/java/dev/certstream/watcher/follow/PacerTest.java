package dev.certstream.watcher.follow;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PacerTest {

    @Test
    void growsAdditivelyAndHalvesOnOverloadWithinBounds() {
        Pacer pacer = new Pacer(4, 256);
        assertEquals(1, pacer.inFlightLimit());
        for (int i = 0; i < 100; i++) {
            pacer.onSuccess();
        }
        assertEquals(4, pacer.inFlightLimit());
        pacer.onOverload();
        assertEquals(2, pacer.inFlightLimit());
        pacer.onOverload();
        pacer.onOverload();
        assertEquals(1, pacer.inFlightLimit());
    }

    @Test
    void learnsThePageCapAndProbesUpAfterARunOfFullPages() {
        Pacer pacer = new Pacer(4, 256);
        pacer.observePage(256, 32, false);
        assertEquals(32, pacer.batchSize());
        pacer.observePage(32, 10, true);
        assertEquals(32, pacer.batchSize(), "a page cut by the tree end says nothing about the cap");
        for (int i = 0; i < 16; i++) {
            pacer.observePage(32, 32, false);
        }
        assertEquals(40, pacer.batchSize());
        pacer.observePage(40, 32, false);
        assertEquals(32, pacer.batchSize());
    }
}
