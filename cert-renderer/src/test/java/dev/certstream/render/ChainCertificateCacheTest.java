package dev.certstream.render;

import dev.certstream.render.ct.Fingerprint;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chain cache keeps what is in use, however many one-off certificates pass, and counts hits and misses. */
class ChainCertificateCacheTest {

    private static Fingerprint key(String name) {
        return Fingerprint.sha256(name.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void anIntermediateInUseOutlivesABurstOfOneOffCertificates() {
        ChainCertificateCache cache = new ChainCertificateCache(16);
        AtomicInteger renders = new AtomicInteger();
        Fingerprint hot = key("hot intermediate");
        byte[] hotJson = cache.get(hot, k -> {
            renders.incrementAndGet();
            return new byte[] {'h'};
        });
        for (int i = 0; i < 2_000; i++) {
            cache.get(key("one-off " + i), k -> new byte[] {'c'});
            if (i % 8 == 0) {
                // Entries name the hot intermediate all the time (here once per 8 one-offs); insertion
                // order would still drop it once 16 newer certificates came in.
                assertArrayEquals(hotJson, cache.get(hot, k -> {
                    renders.incrementAndGet();
                    return new byte[] {'x'};
                }), "one-off certificate " + i);
            }
        }
        assertEquals(1, renders.get(), "the hot intermediate was rendered once");
        assertTrue(cache.size() <= 16, "bound respected: " + cache.size());
    }

    @Test
    void countsHitsAndMisses() {
        ChainCertificateCache cache = new ChainCertificateCache(4);
        cache.get(key("a"), k -> new byte[1]);
        cache.get(key("a"), k -> new byte[1]);
        cache.get(key("a"), k -> new byte[1]);
        cache.get(key("b"), k -> new byte[1]);
        assertEquals(2, cache.hits());
        assertEquals(2, cache.misses());
        assertEquals(2, cache.cache().stats().hitCount(), "what a metrics binder reads");
    }

    @Test
    void aBoundBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ChainCertificateCache(0));
    }
}
