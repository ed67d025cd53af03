package dev.certstream.simulator;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-operator request limits, as DigiCert, Sectigo and TrustAsia enforce them: an operator admits at
 * most its limit of requests in any sliding second, summed over all its logs, and the rest get a 429.
 * Only admitted requests count against the limit, so a client that backs off gets through again.
 * Not thread-safe: the HTTP verticle's event loop owns it.
 */
final class OperatorThrottle {

    /** The limit key that applies to every operator without a limit of its own. */
    static final String EVERY_OPERATOR = "*";

    private final Map<String, Double> limits;
    private final Map<String, SlidingSecond> admitted = new HashMap<>();

    OperatorThrottle(Map<String, Double> limits) {
        this.limits = limits;
    }

    /** Whether a request to one of {@code operator}'s logs may be answered now; records it if so. */
    boolean admit(String operator, long nowMs) {
        Double limit = limits.getOrDefault(operator, limits.get(EVERY_OPERATOR));
        if (limit == null) {
            return true;
        }
        SlidingSecond window = admitted.computeIfAbsent(operator, name -> new SlidingSecond());
        if (window.count(nowMs) + 1 > limit) {
            return false;
        }
        window.record(nowMs);
        return true;
    }
}
