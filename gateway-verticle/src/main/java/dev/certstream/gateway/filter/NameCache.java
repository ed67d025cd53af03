package dev.certstream.gateway.filter;

import java.util.HashMap;
import java.util.Map;

/**
 * Normalised forms of the few names that repeat on every certificate (log URLs, operators, issuers), so
 * an evaluation does not allocate them again; one per thread, cleared when it reaches its bound.
 */
final class NameCache {

    /** Logs, operators and issuing CAs number in the hundreds; past this the cache starts over. */
    private static final int MAX_NAMES = 4096;

    private final Map<String, String> logs = new HashMap<>();
    private final Map<String, String> issuers = new HashMap<>();

    String log(String raw) {
        return raw == null ? null : cached(logs, raw, true);
    }

    String issuer(String raw) {
        return raw == null ? null : cached(issuers, raw, false);
    }

    private static String cached(Map<String, String> map, String raw, boolean log) {
        String known = map.get(raw);
        if (known == null) {
            if (map.size() >= MAX_NAMES) {
                map.clear();
            }
            known = log ? FilterNames.log(raw) : FilterNames.issuer(raw);
            map.put(raw, known);
        }
        return known;
    }
}
