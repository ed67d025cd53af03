package dev.certstream.gateway.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-client admission of new streams, shared by a process's gateway instances: who the client is (an API
 * token's name, else its address as {@link ClientAddress} resolves it), whether it may open one more stream
 * now (concurrent cap) and at this pace (new streams per minute). Thread-safe.
 */
public final class ClientGate {

    /** The outcome of one request: admitted with a release to run when the stream ends, or refused. */
    public sealed interface Decision permits Admitted, Refused {
    }

    /** Admitted as {@code client} (a token's name or an address); run {@code release} exactly once when the stream ends. */
    public record Admitted(String client, Runnable release) implements Decision {
    }

    /** Refused with this HTTP status (401 or 429), a Retry-After in seconds (0: none) and a reason. */
    public record Refused(int status, long retryAfterSeconds, String reason, String client) implements Decision {
    }

    private final ClientLimits limits;
    private final TokenStore tokens;
    private final LongSupplier nanoClock;
    /** Streams open per client; an entry exists only while the count is positive. */
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();
    private final Cache<String, RateBucket> rates;

    public ClientGate(ClientLimits limits, TokenStore tokens, LongSupplier nanoClock) {
        this.limits = limits;
        this.tokens = tokens;
        this.nanoClock = nanoClock;
        // An idle bucket refills within a minute, so forgetting it after two changes nothing.
        this.rates = Caffeine.newBuilder().maximumSize(limits.maxTrackedAddresses())
                .expireAfterAccess(Duration.ofMinutes(2)).build();
    }

    public TokenStore tokens() {
        return tokens;
    }

    /**
     * Decides on one new stream.
     *
     * @param peer          the socket's remote host
     * @param forwardedFor  the {@code X-Forwarded-For} values (believed only from trusted proxies)
     * @param authorization the {@code Authorization} header, or null
     * @param tokenParam    the {@code token} query parameter, or null
     */
    public Decision admit(String peer, List<String> forwardedFor, String authorization, String tokenParam) {
        String token = bearer(authorization);
        if (token == null) {
            token = tokenParam;
        }
        String address = ClientAddress.limitKey(ClientAddress.resolve(peer, forwardedFor, limits.trustedProxies()));
        String client;
        int maxStreams;
        int perMinute;
        if (token != null && tokens.enabled()) {
            TokenGrant grant = tokens.lookup(token);
            if (grant == null) {
                return new Refused(401, 0, "unknown API token", address);
            }
            client = "token " + grant.name();
            maxStreams = grant.maxStreams();
            perMinute = grant.streamsPerMinute();
        } else if (limits.tokensRequired()) {
            return new Refused(401, 0, "an API token is required: send Authorization: Bearer <token> or ?token=<token>",
                    address);
        } else {
            client = address;
            maxStreams = limits.maxStreams();
            perMinute = limits.streamsPerMinute();
        }
        long now = nanoClock.getAsLong();
        long wait = rates.get(client + " @" + perMinute, k -> new RateBucket(perMinute, now)).take(now);
        if (wait > 0) {
            return new Refused(429, Math.max(1, (wait + 999_999_999L) / 1_000_000_000L),
                    "too many new streams from " + client + ": at most " + perMinute + " per minute", client);
        }
        boolean[] admitted = new boolean[1];
        open.compute(client, (k, n) -> {
            int current = n == null ? 0 : n;
            admitted[0] = current < maxStreams;
            return admitted[0] ? Integer.valueOf(current + 1) : n;
        });
        if (!admitted[0]) {
            return new Refused(429, 30, "too many streams from " + client + ": at most " + maxStreams + " at once", client);
        }
        return new Admitted(client, new Once(() -> open.compute(client, (k, n) -> n == null || n <= 1 ? null : n - 1)));
    }

    /** Streams open now under a client key (tests, diagnostics). */
    public int openStreams(String client) {
        return open.getOrDefault(client, 0);
    }

    private static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        return value.length() > 7 && value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")
                ? value.substring(7).trim() : null;
    }

    /** Runs its action once, however often it is called. */
    private static final class Once implements Runnable {
        private final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        private final Runnable action;

        Once(Runnable action) {
            this.action = action;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                action.run();
            }
        }
    }
}
