package dev.certstream.gateway.stream;

import dev.certstream.contract.StreamKind;

/** What the streams count in the gateway's meters: drops, liveness closes, filtered sends, gap notices. */
public interface StreamMeters {

    void dropped(StreamKind kind, int count);

    void pongTimeout();

    void filteredSent(StreamKind kind, long count);

    /** A {@code gap} range was reached for a client (told when it asked for notices): its reason and span. */
    void gap(String reason, long entries, boolean told);

    /** Certificates left out of a {@code unique=} client's stream because another log's entry was first. */
    void repeatsLeftOut(long count);
}
