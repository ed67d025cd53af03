package dev.certstream.gateway;

import dev.certstream.gateway.access.ClientLimits;
import dev.certstream.gateway.filter.FilterLimits;
import dev.certstream.node.EnvReader;

import java.util.Objects;

/**
 * How clients subscribe: the filters they may ask for, what one client may hold, and the SSE route. Kept
 * apart from {@link GatewayConfig}'s listening and buffering settings, which reference it as one value.
 */
public record SubscriptionConfig(FilterLimits filters, ClientLimits clients, SseConfig sse) {

    public SubscriptionConfig {
        Objects.requireNonNull(filters, "filters");
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(sse, "sse");
    }

    public static SubscriptionConfig defaults() {
        return fromEnv(new EnvReader(java.util.Map.of()));
    }

    public static SubscriptionConfig fromEnv(EnvReader env) {
        return new SubscriptionConfig(FilterLimits.fromEnv(env), ClientLimits.fromEnv(env), SseConfig.fromEnv(env));
    }

    public SubscriptionConfig withClients(ClientLimits newClients) {
        return new SubscriptionConfig(filters, newClients, sse);
    }

    public SubscriptionConfig withFilters(FilterLimits newFilters) {
        return new SubscriptionConfig(newFilters, clients, sse);
    }

    public SubscriptionConfig withSse(SseConfig newSse) {
        return new SubscriptionConfig(filters, clients, newSse);
    }
}
