package dev.certstream.gateway.resume;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A log's short id in cursors: the first four bytes of SHA-256 of its URL as the log list gives it, so every
 * gateway of a deployment (and every release) names a log the same way without a shared table. Four bytes
 * keep a 50-log cursor small; two of 1,000 logs collide with a probability of about 1 in 10,000.
 */
public final class LogIds {

    /** Ids of the URLs seen lately: a URL is hashed once, not once per certificate. */
    private static final Cache<String, Integer> IDS = Caffeine.newBuilder().maximumSize(4096).build();
    /** The URL of each id seen lately, to name a log in a gap message when only a cursor named it. */
    private static final Cache<Integer, String> URLS = Caffeine.newBuilder().maximumSize(4096).build();

    private LogIds() {
    }

    public static int of(String logUrl) {
        Integer id = IDS.getIfPresent(logUrl);
        if (id == null) {
            id = IDS.get(logUrl, LogIds::hash);
            URLS.put(id, logUrl);
        }
        return id;
    }

    /** The URL of a log id this process has met, or null. */
    public static String url(int logId) {
        return URLS.getIfPresent(logId);
    }

    private static int hash(String logUrl) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(logUrl.getBytes(StandardCharsets.UTF_8));
            return (digest[0] & 0xff) << 24 | (digest[1] & 0xff) << 16 | (digest[2] & 0xff) << 8 | (digest[3] & 0xff);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
