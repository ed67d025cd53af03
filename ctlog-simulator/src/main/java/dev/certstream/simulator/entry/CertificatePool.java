package dev.certstream.simulator.entry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The pre-built certificates every generated entry is made from: the PKI, a few leaf keys and
 * {@code size} signed leaf templates. Building it is the expensive part (key generation and
 * signing), so it happens once per (seed, size, epoch) and JVM and is shared by every simulator.
 */
public final class CertificatePool {

    private static final Logger LOG = LoggerFactory.getLogger(CertificatePool.class);
    // Leaf keys are reused across templates: an RSA key costs ~200 ms to make and clients never
    // compare keys between certificates. 4 RSA + 12 EC keys keep all three key types common.
    private static final int LEAF_RSA_KEYS = 4;
    private static final int LEAF_EC_KEYS = 12;
    // Tests and demos in one JVM use a handful of pools; keep the last few so a test suite builds each once.
    private static final int MAX_CACHED_POOLS = 4;
    private static final Map<String, CertificatePool> CACHE = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CertificatePool> eldest) {
            return size() > MAX_CACHED_POOLS;
        }
    };

    final IssuerHierarchy issuers;
    final List<LeafTemplate> templates;

    private CertificatePool(IssuerHierarchy issuers, List<LeafTemplate> templates) {
        this.issuers = issuers;
        this.templates = templates;
    }

    /** The pool for these parameters, built on first use (seconds: call it off the event loop). */
    public static CertificatePool of(long seed, int size, long epochMs) {
        String key = seed + "/" + size + "/" + epochMs;
        synchronized (CACHE) {
            CertificatePool pool = CACHE.get(key);
            if (pool == null) {
                pool = build(seed, size, epochMs);
                CACHE.put(key, pool);
            }
            return pool;
        }
    }

    private static CertificatePool build(long seed, int size, long epochMs) {
        long started = System.nanoTime();
        // Every key and template comes from its own seeded stream, so building them in parallel
        // (the slow part: RSA key generation and signing) gives the same bytes as building in order.
        IntStream.range(0, IssuerHierarchy.RSA_KEY_LABELS.size())
                .parallel().forEach(i -> SimKey.of(SimKey.Kind.RSA2048, seed, IssuerHierarchy.RSA_KEY_LABELS.get(i)));
        List<SimKey> leafKeys = IntStream.range(0, LEAF_RSA_KEYS + LEAF_EC_KEYS).parallel().mapToObj(i -> SimKey.of(
                i < LEAF_RSA_KEYS ? SimKey.Kind.RSA2048 : (i % 3 == 0 ? SimKey.Kind.P384 : SimKey.Kind.P256),
                seed, "leaf-key-" + i)).toList();
        IssuerHierarchy issuers = new IssuerHierarchy(seed, epochMs);
        LeafFactory factory = new LeafFactory(seed, epochMs, issuers, leafKeys, new SctListMaker(seed));
        List<LeafTemplate> templates = IntStream.range(0, size).parallel().mapToObj(i -> {
            try {
                return factory.build(i);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
        LOG.info("Built certificate pool: seed={} templates={} in {} ms", seed, size,
                (System.nanoTime() - started) / 1_000_000);
        return new CertificatePool(issuers, templates);
    }
}
