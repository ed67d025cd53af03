package dev.certstream.gateway.access;

import dev.certstream.node.ConfigException;
import dev.certstream.node.EnvReader;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one client may take from a public gateway, validated once: streams held at once and new streams per
 * minute per address (or per token, with the token's own caps), which proxies may name the client, where
 * API tokens come from, and how long a connection may take to send its request headers.
 *
 * @param maxStreams          concurrent streams (websocket or SSE) per client address; past it 429
 * @param streamsPerMinute    new streams per client address per minute (a token bucket); past it 429
 * @param trustedProxies      proxies whose {@code X-Forwarded-For} names the client (ingress-nginx's pods)
 * @param tokensFile          API tokens, one per line (see README), reloaded when it changes; null: none
 * @param tokensRequired      whether a stream without a valid token gets 401
 * @param tokenMaxStreams     concurrent streams per token, unless its line says otherwise
 * @param tokenStreamsPerMinute new streams per token per minute, unless its line says otherwise
 * @param tokensReload        how often the tokens file's modification time is checked
 * @param headerTimeout       a connection whose request headers have not all arrived this long after it
 *                            opened (or after its previous response) is closed: slowloris clients hold
 *                            sockets and memory otherwise
 * @param maxTrackedAddresses addresses whose new-stream rate is remembered (least recently seen forgotten
 *                            first), so a scan from many addresses cannot grow the heap
 */
public record ClientLimits(int maxStreams, int streamsPerMinute, List<Cidr> trustedProxies, Path tokensFile,
                           boolean tokensRequired, int tokenMaxStreams, int tokenStreamsPerMinute,
                           Duration tokensReload, Duration headerTimeout, int maxTrackedAddresses) {

    public ClientLimits {
        trustedProxies = List.copyOf(trustedProxies);
        require(maxStreams >= 1, "maxStreams must be positive: " + maxStreams);
        require(streamsPerMinute >= 1, "streamsPerMinute must be positive: " + streamsPerMinute);
        require(!tokensRequired || tokensFile != null, "tokensRequired needs a tokensFile");
        require(tokenMaxStreams >= 1 && tokenStreamsPerMinute >= 1, "token caps must be positive");
        require(tokensReload.toMillis() >= 100, "tokensReload must be at least 100ms: " + tokensReload);
        require(headerTimeout.toMillis() >= 100, "headerTimeout must be at least 100ms: " + headerTimeout);
        require(maxTrackedAddresses >= 1, "maxTrackedAddresses must be positive: " + maxTrackedAddresses);
    }

    /** A copy with another header deadline (tests). */
    public ClientLimits withHeaderTimeout(Duration timeout) {
        return new ClientLimits(maxStreams, streamsPerMinute, trustedProxies, tokensFile, tokensRequired, tokenMaxStreams,
                tokenStreamsPerMinute, tokensReload, timeout, maxTrackedAddresses);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new ConfigException(message);
        }
    }

    public static ClientLimits defaults() {
        return fromEnv(new EnvReader(java.util.Map.of()));
    }

    /** Reads the {@code CERTSTREAM_CLIENT_*}, {@code CERTSTREAM_TOKEN*} and related variables. */
    public static ClientLimits fromEnv(EnvReader env) {
        List<Cidr> proxies = new ArrayList<>();
        for (String entry : env.list("CERTSTREAM_TRUSTED_PROXIES", List.of())) {
            Cidr cidr = Cidr.parse(entry);
            if (cidr == null) {
                throw new ConfigException("CERTSTREAM_TRUSTED_PROXIES", "entries must be IP addresses or CIDR blocks",
                        entry);
            }
            proxies.add(cidr);
        }
        String file = env.string("CERTSTREAM_TOKENS_FILE", "");
        boolean required = env.bool("CERTSTREAM_TOKENS_REQUIRED", false);
        if (required && file.isBlank()) {
            throw new ConfigException("CERTSTREAM_TOKENS_REQUIRED", "needs CERTSTREAM_TOKENS_FILE", "true");
        }
        return new ClientLimits(
                env.integer("CERTSTREAM_CLIENT_MAX_STREAMS", 100, 1, 1_000_000),
                env.integer("CERTSTREAM_CLIENT_STREAMS_PER_MINUTE", 300, 1, 1_000_000),
                proxies,
                file.isBlank() ? null : Path.of(file),
                required,
                env.integer("CERTSTREAM_TOKEN_MAX_STREAMS", 1000, 1, 1_000_000),
                env.integer("CERTSTREAM_TOKEN_STREAMS_PER_MINUTE", 1200, 1, 1_000_000),
                env.duration("CERTSTREAM_TOKENS_RELOAD", Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofHours(1)),
                // Go and Elixir certstream servers close such connections within 5-10 s.
                env.duration("CERTSTREAM_HEADER_TIMEOUT", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(10)),
                env.integer("CERTSTREAM_CLIENT_TRACKED_ADDRESSES", 100_000, 1, 10_000_000));
    }
}
