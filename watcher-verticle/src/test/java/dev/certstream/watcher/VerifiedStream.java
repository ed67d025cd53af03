package dev.certstream.watcher;

import dev.certstream.contract.BusAddresses;
import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.simulator.SimulatedLog;
import dev.certstream.testing.TestData;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the watcher publishes, per log, as the tests of verification read it: each entry's index, its
 * {@code verified} flag (from the lite message clients get) and the SHA-256 of its certificate.
 */
final class VerifiedStream {

    /** One published entry. */
    record Seen(long index, boolean verified, byte[] leafSha256) {
    }

    private final Map<String, List<Seen>> byLog = new ConcurrentHashMap<>();

    /** Starts listening to the certificates the watcher publishes on this Vert.x. */
    static VerifiedStream listen(Vertx vertx) {
        CertificateEnvelope.registerCodec(vertx.eventBus());
        VerifiedStream stream = new VerifiedStream();
        vertx.eventBus().<CertificateEnvelope>consumer(BusAddresses.CERTIFICATES, m -> {
            CertificateEnvelope e = m.body();
            JsonObject lite = new JsonObject(e.lite().toString());
            JsonObject full = new JsonObject(e.full().toString());
            boolean verified = lite.getJsonObject("data").getBoolean("verified");
            if (verified != full.getJsonObject("data").getBoolean("verified")) {
                throw new AssertionError("full and lite disagree on verified for " + e.logUrl() + " " + e.index());
            }
            stream.byLog.computeIfAbsent(e.logUrl(), k -> new CopyOnWriteArrayList<>())
                    .add(new Seen(e.index(), verified, e.facts().leafSha256()));
        });
        return stream;
    }

    List<Seen> of(SimulatedLog log) {
        return byLog.getOrDefault(log.url(), List.of());
    }

    /** Whether every index below {@code end} of the log has been published (from the first one seen). */
    boolean reached(SimulatedLog log, long end) {
        List<Seen> seen = of(log);
        return !seen.isEmpty() && seen.get(seen.size() - 1).index() >= end - 1;
    }

    /**
     * Asserts that the log's entries [from, to) were published in order, each once, with no gap, and that
     * each is the certificate the simulator holds at its index; returns them.
     */
    List<Seen> assertExactly(SimulatedLog log, long from, long to) {
        List<Seen> seen = new ArrayList<>();
        for (Seen s : of(log)) {
            if (s.index() >= from && s.index() < to) {
                seen.add(s);
            }
        }
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(from + i, seen.get(i).index(), log.name() + ": gap, duplicate or disorder at " + (from + i));
            assertArrayEquals(TestData.sha256(log.entry(from + i).leafDer()), seen.get(i).leafSha256(),
                    log.name() + ": entry " + (from + i) + " is not the simulator's");
        }
        assertEquals(to - from, seen.size(), log.name() + ": entries [" + from + ", " + to + ") published");
        return seen;
    }

    /** The indices of the log's entries in [from, to) published with this flag. */
    List<Long> flagged(SimulatedLog log, long from, long to, boolean verified) {
        return of(log).stream().filter(s -> s.index() >= from && s.index() < to && s.verified() == verified)
                .map(Seen::index).toList();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        byLog.forEach((log, seen) -> out.append(log).append(": ").append(seen.size()).append(" up to ")
                .append(seen.isEmpty() ? -1 : seen.get(seen.size() - 1).index()).append(' ')
                .append(Arrays.toString(seen.stream().filter(s -> !s.verified()).limit(5).map(Seen::index).toArray()))
                .append("; "));
        return out.toString();
    }
}
