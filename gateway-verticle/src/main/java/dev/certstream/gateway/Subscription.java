package dev.certstream.gateway;

import dev.certstream.contract.StreamKind;
import dev.certstream.gateway.filter.FilterEntry;
import dev.certstream.gateway.filter.FilterSpec;

/**
 * What one client subscribed to: its stream, its filter (the shared {@link FilterEntry}, or none for the
 * whole stream) and what must be given back when it leaves (its filter reference, its per-client slot).
 * Subscriptions II adds the client's cursor here.
 */
final class Subscription {

    private final StreamKind kind;
    private final FilterEntry filter;
    private final Runnable release;
    private boolean released;

    /**
     * @param filter  the shared filter entry, or null for the unfiltered stream
     * @param release gives back what admitting the client took; run once when the client leaves
     */
    Subscription(StreamKind kind, FilterEntry filter, Runnable release) {
        this.kind = kind;
        this.filter = filter;
        this.release = release;
    }

    StreamKind kind() {
        return kind;
    }

    /** The shared filter, or null when the client takes the whole stream. */
    FilterEntry filter() {
        return filter;
    }

    FilterSpec spec() {
        return filter == null ? FilterSpec.NONE : filter.spec();
    }

    /** Gives back the filter reference and the client's slot; later calls do nothing. */
    void release() {
        if (!released) {
            released = true;
            release.run();
        }
    }
}
