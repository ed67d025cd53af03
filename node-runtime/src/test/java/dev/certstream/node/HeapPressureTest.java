package dev.certstream.node;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeapPressureTest {

    @Test
    void shedsPastTheMarkOfLiveDataOnlyAndResumesWhenUseFallsToTheResumeMark() {
        HeapPressure pressure = new HeapPressure(85, 70);
        assertFalse(pressure.observe(40, 99, 0), "a full pool of garbage is no pressure: live data is what counts");
        assertFalse(pressure.observe(85, 90, 1), "at the mark, not past it");
        assertTrue(pressure.observe(86, 90, 2));
        assertTrue(pressure.observe(86, 75, 3), "between the marks: still shedding, so it does not flap");
        assertTrue(pressure.observe(75, 80, 4));
        assertFalse(pressure.observe(70, 80, 10), "live data at the resume mark");
        assertEquals(1, pressure.episodes());
        assertEquals(8, pressure.sheddingNanos(100));
        assertTrue(pressure.observe(90, 95, 20));
        assertFalse(pressure.observe(90, 60, 25), "used now at the resume mark proves the live data is too, "
                + "even before a collection says so");
        assertEquals(2, pressure.episodes());
        assertEquals(13, pressure.sheddingNanos(100));
    }

    @Test
    void theCurrentEpisodeCountsInTheTimeShedding() {
        HeapPressure pressure = new HeapPressure(10, 5);
        pressure.observe(20, 20, 100);
        assertEquals(50, pressure.sheddingNanos(150));
        assertEquals(20, pressure.live());
    }

    @Test
    void marksMustLeaveRoomBetweenThem() {
        assertThrows(IllegalArgumentException.class, () -> new HeapPressure(70, 70));
        assertThrows(ConfigException.class, () -> new HeapGuardSettings(85, 85));
        assertThrows(ConfigException.class, () -> new HeapGuardSettings(40, 30));
        assertTrue(new HeapGuardSettings(0, 0).off());
        assertEquals(new HeapGuardSettings(85, 70), HeapGuardSettings.fromEnv(new EnvReader(java.util.Map.of())));
    }
}
