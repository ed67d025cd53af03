package dev.certstream.watcher.follow;

import io.vertx.core.json.JsonObject;

/** When a watcher began following a log, and where and when its reading began, for {@code /stats}. */
final class FollowStart {

    private final long followedSince = System.currentTimeMillis();
    private String startedFrom;
    private long startIndex = -1;
    private long startedAt = -1;

    /** @param from {@code progress} (resumed where a previous owner stopped) or {@code head} (first seen) */
    void began(String from, long index) {
        startedFrom = from;
        startIndex = index;
        startedAt = System.currentTimeMillis();
    }

    /**
     * Adds {@code followed_since} and {@code started_at} (epoch ms), {@code started_from} and
     * {@code start_index}; the start fields are null until the start is known.
     */
    JsonObject addTo(JsonObject stats) {
        return stats.put("followed_since", followedSince).put("started_from", startedFrom)
                .put("start_index", startIndex < 0 ? null : startIndex).put("started_at", startedAt < 0 ? null : startedAt);
    }
}
