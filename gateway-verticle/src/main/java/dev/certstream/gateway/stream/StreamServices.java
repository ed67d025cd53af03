package dev.certstream.gateway.stream;

import dev.certstream.gateway.resume.PeerSource;
import dev.certstream.gateway.resume.ReplayBuffer;
import dev.certstream.gateway.resume.ResumeStats;
import dev.certstream.gateway.unique.ClaimStore;
import io.vertx.core.WorkerExecutor;

/**
 * What every hub of a gateway process shares: the client figures and meters, the replay buffer (null when
 * off), the peer gateways (null when alone), the threads that read the buffer, and the uniqueness claims.
 */
public record StreamServices(ClientRegistry registry, StreamMeters meters, ReplayBuffer buffer, PeerSource peers,
                             WorkerExecutor readers, ResumeStats resumeStats, ClaimStore claims) {
}
