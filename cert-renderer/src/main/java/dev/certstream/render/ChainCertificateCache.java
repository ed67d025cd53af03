package dev.certstream.render;

import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * The rendered JSON of chain certificates by SHA-256, so that the few hundred issuers that appear in
 * nearly every entry are rendered once. Bounded (oldest entry out first) and safe to share between
 * worker threads: lookups take no lock.
 */
public final class ChainCertificateCache {
    private final int maxEntries;
    private final ConcurrentHashMap<Key, byte[]> rendered;
    private final Queue<Key> insertionOrder = new ConcurrentLinkedQueue<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /** @param maxEntries how many rendered certificates to keep (a few KB each) */
    public ChainCertificateCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.rendered = new ConcurrentHashMap<>(Math.min(maxEntries, 4096) * 2);
    }

    /** The cached JSON for this SHA-256, or null. */
    public byte[] get(byte[] sha256) {
        byte[] json = rendered.get(new Key(sha256));
        if (json == null) {
            misses.increment();
        } else {
            hits.increment();
        }
        return json;
    }

    /** Keeps a rendering, dropping the oldest ones beyond the bound. */
    public void put(byte[] sha256, byte[] json) {
        Key key = new Key(sha256);
        if (rendered.putIfAbsent(key, json) == null) {
            insertionOrder.add(key);
            while (rendered.size() > maxEntries) {
                Key oldest = insertionOrder.poll();
                if (oldest == null) {
                    break;
                }
                rendered.remove(oldest);
            }
        }
    }

    public int size() {
        return rendered.size();
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    /** A SHA-256 as a map key. */
    private static final class Key {
        private final byte[] digest;
        private final int hash;

        Key(byte[] digest) {
            this.digest = digest;
            // A SHA-256 is already uniform: its first bytes make a good hash.
            this.hash = digest.length >= 4
                    ? (digest[0] << 24) | ((digest[1] & 0xff) << 16) | ((digest[2] & 0xff) << 8) | (digest[3] & 0xff)
                    : Arrays.hashCode(digest);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(digest, k.digest);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
