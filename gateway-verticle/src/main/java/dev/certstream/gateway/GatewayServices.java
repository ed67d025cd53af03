package dev.certstream.gateway;

import dev.certstream.gateway.access.ClientGate;
import dev.certstream.gateway.filter.FilterCatalog;
import dev.certstream.gateway.filter.MatchMemo;

/**
 * What every gateway instance of one process shares: the client figures, the meters, the distinct filters
 * with their index, the memo of match results, and per-client admission. All thread-safe.
 */
record GatewayServices(ClientRegistry registry, GatewayMetrics metrics, FilterCatalog filters, MatchMemo memo,
                       ClientGate gate) {
}
