package dev.certstream.gateway.unique;

import dev.certstream.node.ConfigException;
import dev.certstream.node.EnvReader;

import java.time.Duration;

/**
 * The window of {@code unique=}: a certificate (or issuance) seen again within it is left out.
 *
 * @param window       how long a first claim stands; a CA logs a certificate in its logs within seconds and the
 *                     final certificate minutes after the precertificate, so minutes cover nearly all repeats
 * @param maxEntries   claims one gateway process keeps at most (about 110 bytes of heap each, only while some
 *                     client asks for uniqueness); the oldest go first past it
 * @param claimTimeout how long a gateway waits for the cluster's answer to a claim before it decides alone
 *                     (its clients may then see a repeat another gateway's clients do not)
 */
public record UniqueConfig(Duration window, int maxEntries, Duration claimTimeout) {

    public UniqueConfig {
        if (window.toMillis() < 1000 || maxEntries < 1 || claimTimeout.toMillis() < 1) {
            throw new ConfigException("unique window must be at least 1s, maxEntries and claimTimeout positive");
        }
    }

    public static UniqueConfig defaults() {
        return fromEnv(new EnvReader(java.util.Map.of()));
    }

    public static UniqueConfig fromEnv(EnvReader env) {
        return new UniqueConfig(
                env.duration("CERTSTREAM_UNIQUE_WINDOW", Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofDays(1)),
                env.integer("CERTSTREAM_UNIQUE_MAX_ENTRIES", 400_000, 1, 100_000_000),
                env.duration("CERTSTREAM_UNIQUE_CLAIM_TIMEOUT", Duration.ofSeconds(2), Duration.ofMillis(1), Duration.ofMinutes(1)));
    }
}
