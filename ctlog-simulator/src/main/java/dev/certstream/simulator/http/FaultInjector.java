package dev.certstream.simulator.http;

import dev.certstream.simulator.FaultKind;
import dev.certstream.simulator.SimulatorConfig;
import dev.certstream.simulator.entry.SeededRandom;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Decides, per request, whether it fails and how: a seeded random stream, so the same sequence of
 * requests meets the same faults. The log list is spared unless the configuration says otherwise.
 */
final class FaultInjector {

    private final Set<FaultKind> enabled;
    private final boolean faultLogList;
    private final SplittableRandom random;
    private volatile double rate;

    FaultInjector(SimulatorConfig config) {
        this.enabled = config.faults();
        this.faultLogList = config.faultLogList();
        this.random = new SplittableRandom(SeededRandom.mix(config.seed(), "faults"));
        this.rate = config.faultRate();
    }

    void setRate(double newRate) {
        if (newRate < 0 || newRate > 1) {
            throw new IllegalArgumentException("fault rate must be 0..1: " + newRate);
        }
        rate = newRate;
    }

    /** The fault for this request, or null for a normal answer. */
    synchronized FaultKind decide(Endpoint endpoint) {
        if (rate <= 0 || endpoint == Endpoint.OTHER || (endpoint == Endpoint.LOG_LIST && !faultLogList)) {
            return null;
        }
        List<FaultKind> applicable = new ArrayList<>();
        for (FaultKind kind : FaultKind.values()) {
            if (enabled.contains(kind) && kind.perRequest() && (kind != FaultKind.SHRINK || endpoint.shrinkable())) {
                applicable.add(kind);
            }
        }
        if (applicable.isEmpty() || random.nextDouble() >= rate) {
            return null;
        }
        return applicable.get(random.nextInt(applicable.size()));
    }

    /** How many entries a shrunk tree head drops: 1..min(size, 100). */
    synchronized long shrinkBy(long size) {
        return 1 + random.nextLong(Math.min(size, 100));
    }
}
