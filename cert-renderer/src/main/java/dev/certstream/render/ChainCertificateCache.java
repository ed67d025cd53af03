package dev.certstream.render;

import dev.certstream.render.ct.Fingerprint;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.function.Function;

/**
 * The rendered JSON of chain certificates by fingerprint, so that the few hundred issuers that appear in
 * nearly every entry are rendered once. Bounded, evicting by recency and frequency (Caffeine's
 * W-TinyLFU: a burst of one-off certificates does not push the hot intermediates out), with hit and miss
 * counts; safe to share between worker threads.
 */
public final class ChainCertificateCache {
    private final Cache<Fingerprint, byte[]> rendered;

    /** @param maxEntries how many rendered certificates to keep (a few KB each) */
    public ChainCertificateCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
        }
        this.rendered = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                // Eviction runs on the rendering thread that triggers it: no pool thread, and the bound holds
                // as soon as a put returns.
                .executor(Runnable::run)
                .recordStats()
                .build();
    }

    /** The cached JSON of this certificate, made by {@code render} (once, whoever asks meanwhile) on a miss. */
    public byte[] get(Fingerprint fingerprint, Function<Fingerprint, byte[]> render) {
        return rendered.get(fingerprint, render);
    }

    public int size() {
        rendered.cleanUp();
        return (int) rendered.estimatedSize();
    }

    public long hits() {
        return rendered.stats().hitCount();
    }

    public long misses() {
        return rendered.stats().missCount();
    }

    /** The Caffeine cache itself, for a metrics binder (Micrometer's {@code CaffeineCacheMetrics}). */
    public Cache<Fingerprint, byte[]> cache() {
        return rendered;
    }
}
