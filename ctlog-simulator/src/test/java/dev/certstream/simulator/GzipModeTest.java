package dev.certstream.simulator;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Accept-Encoding negotiation and the names the CLI accepts for gzip modes and faults. */
class GzipModeTest {

    @Test
    void negotiationReadsAcceptEncoding() {
        assertTrue(GzipMode.acceptsGzip("gzip"));
        assertTrue(GzipMode.acceptsGzip("gzip, identity"));
        assertTrue(GzipMode.acceptsGzip("br;q=1.0, GZIP;q=0.5"));
        assertTrue(GzipMode.acceptsGzip("*"));
        assertFalse(GzipMode.acceptsGzip(null));
        assertFalse(GzipMode.acceptsGzip("identity"));
        assertFalse(GzipMode.acceptsGzip("gzip;q=0"));
        assertFalse(GzipMode.acceptsGzip("gzip; q=0.0, identity"));
        assertTrue(GzipMode.ALWAYS.gzipFor(null));
        assertFalse(GzipMode.NEVER.gzipFor("gzip"));
    }

    @Test
    void cliNames() {
        assertEquals(GzipMode.NEGOTIATED, GzipMode.parse("Negotiated"));
        assertEquals(FaultKind.RATE_LIMIT, FaultKind.parse("429"));
        assertEquals(FaultKind.SHRINK, FaultKind.parse(" shrink "));
        assertThrows(IllegalArgumentException.class, () -> FaultKind.parse("503"));
        assertThrows(IllegalArgumentException.class, () -> GzipMode.parse("brotli"));
    }
}
