package dev.certstream.gateway;

import dev.certstream.gateway.access.ClientLimits;
import dev.certstream.gateway.filter.FilterLimits;
import dev.certstream.gateway.resume.ReplayConfig;
import dev.certstream.gateway.unique.UniqueConfig;
import dev.certstream.node.EnvReader;

import java.util.Objects;

/**
 * How clients subscribe: the filters they may ask for, what one client may hold, the SSE route, how they
 * resume (replay buffer, cursors, peers) and the window of {@code unique=}. Kept apart from
 * {@link GatewayConfig}'s listening and buffering settings, which reference it as one value.
 */
public record SubscriptionConfig(FilterLimits filters, ClientLimits clients, SseConfig sse, ReplayConfig replay,
                                 UniqueConfig unique) {

    public SubscriptionConfig {
        Objects.requireNonNull(filters, "filters");
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(sse, "sse");
        Objects.requireNonNull(replay, "replay");
        Objects.requireNonNull(unique, "unique");
    }

    public static SubscriptionConfig defaults() {
        return fromEnv(new EnvReader(java.util.Map.of()));
    }

    public static SubscriptionConfig fromEnv(EnvReader env) {
        return new SubscriptionConfig(FilterLimits.fromEnv(env), ClientLimits.fromEnv(env), SseConfig.fromEnv(env),
                ReplayConfig.fromEnv(env), UniqueConfig.fromEnv(env));
    }

    public SubscriptionConfig withClients(ClientLimits newClients) {
        return new SubscriptionConfig(filters, newClients, sse, replay, unique);
    }

    public SubscriptionConfig withFilters(FilterLimits newFilters) {
        return new SubscriptionConfig(newFilters, clients, sse, replay, unique);
    }

    public SubscriptionConfig withSse(SseConfig newSse) {
        return new SubscriptionConfig(filters, clients, newSse, replay, unique);
    }

    public SubscriptionConfig withReplay(ReplayConfig newReplay) {
        return new SubscriptionConfig(filters, clients, sse, newReplay, unique);
    }

    public SubscriptionConfig withUnique(UniqueConfig newUnique) {
        return new SubscriptionConfig(filters, clients, sse, replay, newUnique);
    }
}
