package dev.certstream.watcher.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;

/**
 * Highest-random-weight (rendezvous) hashing: every watcher computes the same owner for a log from the
 * same member set, and a member joining or leaving moves only the logs it wins or held.
 */
final class RendezvousHash {

    private RendezvousHash() {
    }

    /** The member with the highest weight for this key, or null when there is none. */
    static String owner(String key, Collection<String> members) {
        String best = null;
        long bestWeight = Long.MIN_VALUE;
        for (String member : members) {
            long weight = weight(member, key);
            if (best == null || weight > bestWeight || weight == bestWeight && member.compareTo(best) < 0) {
                best = member;
                bestWeight = weight;
            }
        }
        return best;
    }

    static long weight(String member, String key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(member.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            byte[] digest = sha.digest(key.getBytes(StandardCharsets.UTF_8));
            long weight = 0;
            for (int i = 0; i < 8; i++) {
                weight = weight << 8 | (digest[i] & 0xff);
            }
            return weight;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
