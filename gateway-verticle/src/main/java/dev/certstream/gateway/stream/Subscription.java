package dev.certstream.gateway.stream;

import dev.certstream.contract.StreamKind;
import dev.certstream.gateway.filter.FilterEntry;
import dev.certstream.gateway.filter.FilterSpec;
import dev.certstream.gateway.resume.ResumeRequest;

/**
 * What one client subscribed to: its stream, its filter (the shared {@link FilterEntry}, or none for the
 * whole stream), where it resumes and what else it asked for ({@link ResumeRequest}), and what must be given
 * back when it leaves (its filter reference, its per-client slot).
 */
public final class Subscription {

    private final StreamKind kind;
    private final FilterEntry filter;
    private final ResumeRequest resume;
    private final Runnable release;
    private boolean released;

    /**
     * @param filter  the shared filter entry, or null for the unfiltered stream
     * @param resume  cursor, message types and uniqueness asked for
     * @param release gives back what admitting the client took; run once when the client leaves
     */
    public Subscription(StreamKind kind, FilterEntry filter, ResumeRequest resume, Runnable release) {
        this.kind = kind;
        this.filter = filter;
        this.resume = resume;
        this.release = release;
    }

    public StreamKind kind() {
        return kind;
    }

    /** The shared filter, or null when the client takes the whole stream. */
    public FilterEntry filter() {
        return filter;
    }

    public FilterSpec spec() {
        return filter == null ? FilterSpec.NONE : filter.spec();
    }

    public ResumeRequest resume() {
        return resume;
    }

    /** Gives back the filter reference and the client's slot; later calls do nothing. */
    public void release() {
        if (!released) {
            released = true;
            release.run();
        }
    }
}
