package dev.certstream.gateway;

import dev.certstream.gateway.filter.FilterCatalog;
import dev.certstream.gateway.filter.MatchMemo;

/**
 * What every gateway instance of one process shares: the client figures, the meters, the distinct filters
 * with their index, and the memo of match results. All thread-safe.
 */
record GatewayServices(ClientRegistry registry, GatewayMetrics metrics, FilterCatalog filters, MatchMemo memo) {
}
