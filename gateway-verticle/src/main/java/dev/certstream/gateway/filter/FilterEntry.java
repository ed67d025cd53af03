package dev.certstream.gateway.filter;

import dev.certstream.contract.StreamKind;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * One distinct filter of this gateway process and the clients that share it: the index matches it once
 * per certificate however many clients asked for it. Each gateway instance keeps its own sockets of the
 * filter in its {@link #local} slot, which only that instance's event loop reads or writes.
 */
public final class FilterEntry {

    private final FilterSpec spec;
    private final String key;
    private final int patterns;
    private final java.util.List<String> scanRegexes;
    /** Its share of the index's heap at a rebuild's peak, estimated before it is admitted. */
    private final long bytes;
    private final AtomicIntegerArray clients = new AtomicIntegerArray(StreamKind.values().length);
    private final Object[] local;
    /** Completes once a published index holds this filter; guarded by the catalog's lock until then. */
    final CompletableFuture<FilterEntry> live = new CompletableFuture<>();
    /** Whether any client uses it; read by the matcher on every hit, written under the catalog's lock. */
    private volatile boolean alive;
    /** Whether an index segment holds it (guarded by the catalog's lock). */
    boolean indexed;

    FilterEntry(FilterSpec spec, int instances) {
        this.spec = spec;
        this.key = spec.key();
        this.patterns = spec.terms();
        java.util.List<RegexShape.Shape> shapes = new java.util.ArrayList<>();
        java.util.List<String> scan = new java.util.ArrayList<>();
        for (String regex : spec.regexes()) {
            RegexShape.Shape shape = RegexShape.of(regex);
            shapes.add(shape);
            if (shape.literals() == null) {
                scan.add(regex);
            }
        }
        this.scanRegexes = java.util.List.copyOf(scan);
        this.bytes = IndexCost.of(spec, key, shapes, instances);
        this.local = new Object[instances];
    }

    public FilterSpec spec() {
        return spec;
    }

    /** The canonical query string of the filter. */
    public String key() {
        return key;
    }

    int patterns() {
        return patterns;
    }

    /** What it may cost the heap at a full rebuild's peak ({@link IndexCost}). */
    long bytes() {
        return bytes;
    }

    /** Its regexes without a prefilter literal, which run on every domain of every certificate. */
    java.util.List<String> scanRegexes() {
        return scanRegexes;
    }

    /** Completes (on the index build thread) once a published index holds this filter. */
    public CompletableFuture<FilterEntry> live() {
        return live;
    }

    public boolean alive() {
        return alive;
    }

    void alive(boolean value) {
        alive = value;
    }

    /** Clients of this filter on one stream, over every instance. */
    public int clients(StreamKind kind) {
        return clients.get(kind.ordinal());
    }

    int addClient(StreamKind kind, int delta) {
        clients.addAndGet(kind.ordinal(), delta);
        int total = 0;
        for (int i = 0; i < clients.length(); i++) {
            total += clients.get(i);
        }
        return total;
    }

    /** What gateway instance {@code instance} keeps for this filter (its sockets); only that instance calls. */
    public Object local(int instance) {
        return local[instance];
    }

    public void local(int instance, Object value) {
        local[instance] = value;
    }
}
