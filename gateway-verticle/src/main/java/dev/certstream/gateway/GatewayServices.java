package dev.certstream.gateway;

import dev.certstream.gateway.access.ClientGate;
import dev.certstream.gateway.filter.FilterCatalog;
import dev.certstream.gateway.filter.MatchMemo;
import dev.certstream.gateway.resume.PeerDirectory;
import dev.certstream.gateway.resume.PeerServer;
import dev.certstream.gateway.stream.ClientRegistry;
import dev.certstream.gateway.stream.StreamServices;

/**
 * What every gateway instance of one process shares: the client figures, the meters, the distinct filters
 * with their index, the memo of match results, per-client admission, and what the streams share (replay
 * buffer, peers, claims). {@code peers} and {@code peerServer} are null when the gateway is not clustered;
 * {@code streams().buffer()} is null when the replay buffer is off. All thread-safe.
 */
record GatewayServices(ClientRegistry registry, GatewayMetrics metrics, FilterCatalog filters, MatchMemo memo,
                       ClientGate gate, StreamServices streams, PeerDirectory peers, PeerServer peerServer) {
}
