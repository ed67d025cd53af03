package dev.certstream.broker;

import dev.certstream.contract.StreamKind;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CertificateRingTest {

    private static void addNumbered(CertificateRing ring, int n) {
        ring.add(Buffer.buffer("{\"f\":" + n + "}"), Buffer.buffer("{\"l\":" + n + "}"), Buffer.buffer("{\"d\":" + n + "}"));
    }

    @Test
    void emptyRingGivesAnEmptyListAndNoExample() {
        CertificateRing ring = new CertificateRing(3);
        assertEquals("{\"messages\":[]}", ring.latestBody().toString());
        assertNull(ring.newest(StreamKind.LITE));
    }

    @Test
    void latestIsNewestFirstAndBounded() {
        CertificateRing ring = new CertificateRing(3);
        for (int i = 1; i <= 5; i++) {
            addNumbered(ring, i);
        }
        assertEquals("{\"messages\":[{\"l\":5},{\"l\":4},{\"l\":3}]}", ring.latestBody().toString());
        JsonArray parsed = new JsonObject(ring.latestBody()).getJsonArray("messages");
        assertEquals(3, parsed.size());
        assertEquals(3, ring.size());
        assertEquals("{\"f\":5}", ring.newest(StreamKind.FULL).toString());
        assertEquals("{\"d\":5}", ring.newest(StreamKind.DOMAINS).toString());
    }

    @Test
    void snapshotRestoresIntoASmallerRingKeepingTheNewest() {
        CertificateRing ring = new CertificateRing(4);
        for (int i = 1; i <= 6; i++) {
            addNumbered(ring, i);
        }
        CertificateRing copy = new CertificateRing(2);
        copy.restore(ring.snapshot());
        assertEquals("{\"messages\":[{\"l\":6},{\"l\":5}]}", copy.latestBody().toString());
        assertEquals("{\"f\":6}", copy.newest(StreamKind.FULL).toString());
        CertificateRing same = new CertificateRing(4);
        same.restore(ring.snapshot());
        assertEquals(ring.latestBody(), same.latestBody());
    }
}
