package dev.certstream.simulator.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recently served tile bodies (plain and gzipped), least recently used evicted beyond a configured
 * count, so many clients reading one tile do not rebuild or recompress it.
 */
final class TileCache {

    private final int capacity;
    private final Map<String, byte[]> bodies;

    TileCache(int capacity) {
        this.capacity = capacity;
        this.bodies = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > TileCache.this.capacity;
            }
        };
    }

    synchronized byte[] get(String key) {
        return bodies.get(key);
    }

    synchronized void put(String key, byte[] body) {
        if (capacity > 0) {
            bodies.put(key, body);
        }
    }
}
