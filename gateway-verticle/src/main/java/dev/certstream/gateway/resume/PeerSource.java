package dev.certstream.gateway.resume;

import dev.certstream.contract.StreamKind;
import dev.certstream.gateway.filter.FilterSpec;
import io.vertx.core.Future;

import java.util.List;

/** Another gateway's replay buffer, asked for what this one's lacks (a gateway that just started, say). */
public interface PeerSource {

    /**
     * The entries of {@code ranges} a live peer holds and {@code filter} selects, at most about
     * {@code maxEntries} and {@code maxBytes} of {@code kind}'s rendering. Fails when no peer answers.
     */
    Future<PeerChunk> fetch(List<LogRange> ranges, FilterSpec filter, StreamKind kind, int maxEntries, long maxBytes);
}
