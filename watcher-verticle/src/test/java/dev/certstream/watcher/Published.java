package dev.certstream.watcher;

import dev.certstream.contract.BusAddresses;
import dev.certstream.contract.CertificateEnvelope;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The indices of every certificate a test's watcher publishes, per log, in the order they arrived. */
final class Published {

    private final Map<String, List<Long>> indices = new ConcurrentHashMap<>();

    /** Starts listening on the certificates address. */
    static Published listen(Vertx vertx) {
        Published published = new Published();
        CertificateEnvelope.registerCodec(vertx.eventBus());
        vertx.eventBus().<CertificateEnvelope>consumer(BusAddresses.CERTIFICATES, m -> published.indices
                .computeIfAbsent(m.body().logUrl(), k -> new CopyOnWriteArrayList<>()).add(m.body().index()));
        return published;
    }

    List<Long> of(String logUrl) {
        return indices.getOrDefault(logUrl, List.of());
    }

    /** The highest index published from the log, or -1. */
    long last(String logUrl) {
        List<Long> got = of(logUrl);
        return got.isEmpty() ? -1 : got.get(got.size() - 1);
    }

    /** Every index from {@code first} on published once, in order, none missing. */
    void assertOnceInOrderFrom(String logUrl, long first) {
        List<Long> got = List.copyOf(of(logUrl));
        assertFalse(got.isEmpty(), logUrl + ": nothing published");
        for (int i = 0; i < got.size(); i++) {
            assertEquals(first + i, (long) got.get(i), logUrl + ": gap, duplicate or disorder at position " + i);
        }
    }
}
