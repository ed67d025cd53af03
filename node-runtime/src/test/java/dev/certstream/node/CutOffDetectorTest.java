package dev.certstream.node;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CutOffDetectorTest {

    @Test
    void aloneFromTheStartIsNotCutOff() {
        CutOffDetector detector = new CutOffDetector(() -> 1);
        assertFalse(detector.check());
        assertFalse(detector.check());
        assertEquals(0, detector.cutOffs());
    }

    @Test
    void aloneAfterHavingHadPeersIsCutOffUntilPeersAreBack() {
        AtomicInteger members = new AtomicInteger(3);
        CutOffDetector detector = new CutOffDetector(members::get);
        assertFalse(detector.check());
        members.set(1);
        assertTrue(detector.check());
        assertTrue(detector.check());
        assertTrue(detector.cutOff());
        assertEquals(1, detector.cutOffs(), "one cut-off, however often it is asked");
        members.set(2);
        assertFalse(detector.check());
        assertFalse(detector.cutOff());
        members.set(1);
        assertTrue(detector.check());
        assertEquals(2, detector.cutOffs());
    }
}
