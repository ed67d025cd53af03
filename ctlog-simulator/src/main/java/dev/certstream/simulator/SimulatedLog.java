package dev.certstream.simulator;

import java.time.Instant;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One log the simulator serves (RFC 6962 or static-ct-api), as tests see it: its URLs and key,
 * its size, and for every index the entry it holds. Thread-safe.
 */
public final class SimulatedLog {

    /** A published static-ct-api checkpoint. */
    record Checkpoint(long size, String text) {
    }

    private final String name;
    private final String type;
    private final String url;
    private final String submissionUrl;
    private final String description;
    private final String operator;
    final LogSigner signer;
    final EntrySource source;
    /** The real Merkle tree over the log's entries (get-entries leaf_input, or the tiles' entries). */
    final SimMerkleTree tree;
    /** What the log serves instead while it lies; the honest log otherwise. */
    final LieState lies;
    private final SimulatorConfig config;
    private final AtomicLong desiredSize;
    private final Timeline timeline;
    private long grown;
    private volatile long sthSize;
    private volatile String state;
    private volatile Instant stateSince = Instant.parse("2025-12-01T00:00:00Z");
    private final AtomicReference<Checkpoint> checkpoint = new AtomicReference<>();
    private final NavigableSet<Long> publishedPartialSizes = new ConcurrentSkipListSet<>();

    SimulatedLog(String name, String type, String url, String submissionUrl, String operator, String description,
                 LogSigner signer, EntrySource source, SimulatorConfig config, Timeline timeline) {
        this.name = name;
        this.type = type;
        this.url = url;
        this.submissionUrl = submissionUrl;
        this.description = description;
        this.operator = operator;
        this.signer = signer;
        this.source = source;
        this.config = config;
        this.desiredSize = new AtomicLong(timeline.initialSize());
        this.timeline = timeline;
        this.sthSize = timeline.initialSize();
        this.state = config.logStates().getOrDefault(name, "usable");
        java.util.function.Function<SimulatedEntry, byte[]> leaf = type.equals("rfc6962")
                ? CtEncoding::merkleTreeLeaf : CtEncoding::tileMerkleTreeLeaf;
        this.tree = new SimMerkleTree(index -> leaf.apply(source.entry(index)));
        this.lies = new LieState(source, tree, leaf, this::publishedSize);
        lies.set(config.lies().get(name));
    }

    /**
     * Makes the log lie from now on ({@link Lie}), or tell the truth again with null; what it served
     * before is not changed.
     */
    public void lie(Lie lie) {
        lies.set(lie);
    }

    /** The lie the log tells now, or null. */
    public Lie lie() {
        return lies.lie();
    }

    /** The RFC 6962 root hash of the tree's first {@code size} entries (the truth, whatever the log serves). */
    public byte[] rootHash(long size) {
        return tree.root(size);
    }

    /** The short name used in paths and config ("rfc0", "tiled1", "replay-certs", "replay-tiles"). */
    public String name() { return name; }

    /** The RFC 6962 url, or the tiled log's monitoring_url; ends with '/'. */
    public String url() { return url; }

    /** "rfc6962" or "static-ct". */
    public String type() { return type; }

    /** The tiled log's submission_url (its checkpoint origin without scheme and '/'); null for RFC 6962. */
    public String submissionUrl() { return submissionUrl; }

    public String description() { return description; }

    public String operator() { return operator; }

    /** The log's SubjectPublicKeyInfo (DER), as in the log list's {@code key}. */
    public byte[] publicKeyDer() { return signer.key.spkiDer.clone(); }

    /** SHA-256 of the key: the log list's {@code log_id}. */
    public byte[] logId() { return signer.logId.clone(); }

    /** Entries the log holds now. A tiled log shows them once a checkpoint publishes them. */
    public long treeSize() {
        return source.clampSize(desiredSize.get());
    }

    /**
     * The size clients can see: RFC 6962 the tree size, or the latest STH's when STHs are periodic;
     * static-ct-api the latest checkpoint's.
     */
    public long publishedSize() {
        if (type.equals("rfc6962")) {
            return config.sthPeriod().isZero() ? treeSize() : Math.min(sthSize, treeSize());
        }
        Checkpoint current = checkpoint.get();
        return current == null ? 0 : current.size();
    }

    /**
     * Grows the log by {@code n} entries and returns the new size. A replayed log shows the largest
     * size its files allow within what was appended (replayed tiles: whole tiles or a stored partial).
     */
    public long append(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot append a negative count: " + n);
        }
        desiredSize.addAndGet(n);
        return treeSize();
    }

    /** The entry at {@code index}, which must be below {@link #treeSize()}. */
    public SimulatedEntry entry(long index) {
        if (index < 0 || index >= treeSize()) {
            throw new IndexOutOfBoundsException("index " + index + " outside tree of size " + treeSize());
        }
        return source.entry(index);
    }

    /** Whether the entry at {@code index} holds garbage certificate bytes (must be counted, not published). */
    public boolean isCorrupt(long index) {
        return source.isCorrupt(index);
    }

    /** Sets the state the log list shows: pending, qualified, usable, readonly, retired or rejected. */
    public void setState(String newState) {
        if (!LogListBuilder.STATES.contains(newState)) {
            throw new IllegalArgumentException("unknown log state '" + newState + "' (known: " + LogListBuilder.STATES + ")");
        }
        state = newState;
        stateSince = Instant.now();
    }

    public String state() { return state; }

    Instant stateSince() { return stateSince; }

    /** Entries per second this log gains by itself. */
    public double growthPerSecond() {
        return timeline.perSecond();
    }

    /** Adds what steady growth has gained since the last call (growth follows the clock, not the ticks). */
    synchronized void grow(long nowMs) {
        long target = timeline.grownBy(nowMs);
        if (target > grown) {
            desiredSize.addAndGet(target - grown);
            grown = target;
        }
    }

    /** Publishes the current tree as the RFC 6962 log's STH (periodic STHs). */
    void publishSth() {
        sthSize = treeSize();
    }

    /** Signs and publishes a checkpoint of the current tree (static-ct-api logs). */
    void publishCheckpoint(long nowMs) {
        long size = treeSize();
        checkpoint.set(new Checkpoint(size, signer.checkpoint(origin(), size, lies.headRoot(size), nowMs,
                config.witnessCosignature(), lies.badSignature(size))));
        if (size % TilePath.FULL != 0) {
            publishedPartialSizes.add(size);
        }
        if (config.partialTilesVanish()) {
            publishedPartialSizes.headSet(size - size % TilePath.FULL).clear();
        }
        while (publishedPartialSizes.size() > config.keptPartialSizes()) {
            publishedPartialSizes.pollFirst();
        }
    }

    Checkpoint checkpoint() {
        return checkpoint.get();
    }

    /** The checkpoint origin: the submission URL without scheme and trailing slash. */
    String origin() {
        String withoutScheme = submissionUrl.replaceFirst("^[a-z]+://", "");
        return withoutScheme.endsWith("/") ? withoutScheme.substring(0, withoutScheme.length() - 1) : withoutScheme;
    }

    /** Whether a client may fetch this data tile now: full tiles once published, partials only at published widths. */
    boolean tilePublished(TilePath tile) {
        long end = tile.tile() * TilePath.FULL + tile.width();
        if (tile.width() == TilePath.FULL) {
            return end <= publishedSize();
        }
        return publishedPartialSizes.contains(end);
    }
}
