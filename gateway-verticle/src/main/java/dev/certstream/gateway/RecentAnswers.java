package dev.certstream.gateway;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The last answer each broker request got, to stand in for a while when no broker answers in time: a
 * frozen or dying broker replica still takes its share of requests until the cluster removes it, and
 * seconds-old figures serve a user better than a 503. Keyed by request (a handful: latest, the three
 * examples, stats); one per gateway instance, used from its event loop only.
 */
final class RecentAnswers {

    /** An answer and how old it is (0 for a fresh one). */
    record Aged<T>(T body, long ageMillis) {
        boolean stale() {
            return ageMillis > 0;
        }
    }

    private record Kept(Object body, long atNanos) {
    }

    private final Map<String, Kept> byRequest = new HashMap<>();
    private final long maxAgeNanos;
    private final LongSupplier clock;

    RecentAnswers(java.time.Duration maxAge, LongSupplier clock) {
        this.maxAgeNanos = maxAge.toNanos();
        this.clock = clock;
    }

    /** Keeps a fresh answer and hands it back. */
    <T> Aged<T> fresh(String request, T body) {
        if (maxAgeNanos > 0) {
            byRequest.put(request, new Kept(body, clock.getAsLong()));
        }
        return new Aged<>(body, 0);
    }

    /** The last answer to this request if it is recent enough, else null. */
    @SuppressWarnings("unchecked")
    <T> Aged<T> recent(String request) {
        Kept kept = byRequest.get(request);
        if (kept == null) {
            return null;
        }
        long age = clock.getAsLong() - kept.atNanos();
        return age <= maxAgeNanos ? new Aged<>((T) kept.body(), Math.max(1, age / 1_000_000)) : null;
    }
}
