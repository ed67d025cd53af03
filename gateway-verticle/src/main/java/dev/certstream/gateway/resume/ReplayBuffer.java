package dev.certstream.gateway.resume;

import dev.certstream.contract.CertificateEnvelope;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The certificates this gateway passed lately, in arrival order, bounded in bytes and in age, so a client can
 * resume from a cursor. Sealed blocks are deflated and appended to segment files by one writer thread; only
 * a small index (a {@link BlockRef} per block) and the newest block stay in the heap. Entries are numbered by
 * a sequence; per log the buffer knows the highest index it holds and from which index on it holds every
 * entry it was given ({@link #coverageStart}). Thread-safe: one feeder appends, any thread reads.
 */
public final class ReplayBuffer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayBuffer.class);
    private static final long WARN_PERIOD_MILLIS = 60_000;

    private final ReplayConfig config;
    private final SegmentFiles files;
    private final LongSupplier clock;
    private final ExecutorService writer;
    /** Blocks in sequence order: written ones, then sealed ones waiting for the writer (segment -1). */
    private final BlockIndex blocks = new BlockIndex();
    private final java.util.Map<Long, OpenBlock> unwritten = new java.util.HashMap<>();
    private long unwrittenBytes;
    /** Whether the writer's task is queued or running (it writes until nothing is left unwritten). */
    private boolean writing;
    private long lastWarning = Long.MIN_VALUE;
    private OpenBlock open = new OpenBlock(0);
    private final StreamPosition head = new StreamPosition();
    private final StreamPosition coverage = new StreamPosition();
    private final java.util.Map<Integer, Integer> liveBlocksBySegment = new java.util.HashMap<>();
    private long bytes;
    private final AtomicLong evictedBlocks = new AtomicLong();
    private final AtomicLong droppedBlocks = new AtomicLong();
    private boolean closed;

    /**
     * @param name  this process's directory under {@code <dataDir>/replay} (its gateway id)
     * @param clock wall clock, epoch ms (arrival times and age)
     */
    public ReplayBuffer(ReplayConfig config, String name, LongSupplier clock) {
        this.config = config;
        this.clock = clock;
        this.files = new SegmentFiles(config.dataDir().resolve("replay"), name, config.segmentBytes());
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "certstream-replay-writer");
            thread.setDaemon(true);
            return thread;
        });
        LOG.info("replay buffer in {}: at most {} MB on disk and {} old", files.directory(),
                config.maxBytes() / (1024 * 1024), config.maxAge());
    }

    public Path directory() {
        return files.directory();
    }

    /** Adds a certificate the gateway passed (every one, in the order the gateway passed them). */
    public synchronized void append(CertificateEnvelope envelope, int logId) {
        if (closed) {
            return;
        }
        if (coverage.next(logId) < 0) {
            coverage.raise(logId, envelope.index());
        }
        head.advance(logId, envelope.index());
        open.add(envelope, logId, clock.getAsLong());
        if (open.rawBytes >= config.blockBytes()) {
            seal();
        }
    }

    /** Seals the open block for the writer (also called on a timer so a quiet gateway's data ages out). */
    public synchronized void seal() {
        if (closed || open.entries.isEmpty()) {
            return;
        }
        OpenBlock sealed = open;
        open = new OpenBlock(sealed.endSeq());
        blocks.add(sealed.ref(-1, 0, 0, 0));
        unwritten.put(sealed.firstSeq, sealed);
        unwrittenBytes += sealed.rawBytes;
        if (unwrittenBytes > Math.max(config.maxUnwrittenBytes(), 4L * config.blockBytes())) {
            // The writer is not keeping up: drop the oldest unwritten block rather than grow the heap.
            droppedBlocks.incrementAndGet();
            if (clock.getAsLong() - lastWarning > WARN_PERIOD_MILLIS) {
                lastWarning = clock.getAsLong();
                LOG.warn("replay buffer: the writer does not keep up; dropping the buffer's oldest blocks");
            }
            // Everything up to it goes, so the buffer still holds each log from one index on (no holes).
            while (!blocks.isEmpty()) {
                BlockRef first = blocks.oldest();
                evict(first);
                if (first.segment() < 0) {
                    unwrittenBytes -= unwritten.remove(first.firstSeq()).rawBytes;
                    break;
                }
            }
        }
        if (!writing) {
            writing = true;
            writer.execute(this::writeUnwritten);
        }
    }

    /**
     * The writer's one task: writes the oldest sealed block still waiting until none is left. Blocks are
     * taken from {@code unwritten}, not handed over in queued tasks, so a block dropped because the writer
     * fell behind is garbage at once (a queued task per block kept every dropped block alive: at the ingest
     * ceiling the queue grew by ~100 MB/s until the heap ran out).
     */
    private void writeUnwritten() {
        while (true) {
            OpenBlock next = null;
            synchronized (this) {
                for (OpenBlock block : unwritten.values()) {
                    if (next == null || block.firstSeq < next.firstSeq) {
                        next = block;
                    }
                }
                if (next == null || closed) {
                    writing = false;
                    return;
                }
            }
            write(next);
        }
    }

    private void write(OpenBlock sealed) {
        BlockCodec.Deflated block = null;
        long[] where;
        try {
            block = BlockCodec.deflate(sealed.entries);
            where = files.append(block.bytes());
        } catch (IOException | RuntimeException e) {
            // Unchecked too (a segment that cannot be opened): the writer must live on for the next block.
            LOG.warn("replay buffer: writing a block failed ({}); its certificates cannot be replayed", e.toString());
            where = null;
        }
        synchronized (this) {
            if (unwritten.remove(sealed.firstSeq) == null || closed) {
                return; // dropped meanwhile
            }
            unwrittenBytes -= sealed.rawBytes;
            if (where != null) {
                BlockRef written = sealed.ref((int) where[0], where[1], block.bytes().length, block.rawLength());
                if (blocks.replace(written)) {
                    bytes += block.bytes().length;
                    liveBlocksBySegment.merge(written.segment(), 1, Integer::sum);
                }
            } else {
                // Unwritable: everything up to it goes, as when it is evicted (no holes in what is held).
                while (!blocks.isEmpty() && blocks.oldest().firstSeq() <= sealed.firstSeq) {
                    evict(blocks.oldest());
                }
            }
            evictOld();
        }
    }

    /** Drops the oldest blocks past the byte bound or the age bound. */
    private void evictOld() {
        long oldestKept = clock.getAsLong() - config.maxAge().toMillis();
        while (!blocks.isEmpty()) {
            BlockRef first = blocks.oldest();
            boolean tooOld = first.lastArrival() < oldestKept;
            if (!(bytes > config.maxBytes() || tooOld) || first.segment() < 0) {
                return;
            }
            evict(first);
        }
    }

    private void evict(BlockRef first) {
        blocks.pollOldest();
        evictedRef(first);
        if (first.segment() >= 0) {
            bytes -= first.length();
            if (liveBlocksBySegment.merge(first.segment(), -1, Integer::sum) == 0) {
                liveBlocksBySegment.remove(first.segment());
                files.delete(first.segment());
            }
        }
    }

    /** What evicting a block leaves: the buffer no longer holds its logs' indices up to its highest ones. */
    private void evictedRef(BlockRef block) {
        evictedBlocks.incrementAndGet();
        for (int i = 0; i < block.logIds().length; i++) {
            coverage.raise(block.logIds()[i], block.maxIndex()[i] + 1);
        }
    }

    /** Ages out old blocks on a quiet gateway; call every second or so. */
    public synchronized void tick() {
        if (!open.entries.isEmpty() && open.firstArrival < clock.getAsLong() - config.maxAge().toMillis() / 16) {
            seal();
        }
        evictOld();
    }

    /** The sequence number the next appended entry gets. */
    public synchronized long headSeq() {
        return open.endSeq();
    }

    /** The oldest sequence number still held. */
    public synchronized long oldestSeq() {
        return blocks.isEmpty() ? open.firstSeq : blocks.oldest().firstSeq();
    }

    /**
     * The index from which on the buffer holds every entry of the log it was given, or -1 when it never held
     * one: a client whose position for the log is below it cannot be served all of it from here.
     */
    public synchronized long coverageStart(int logId) {
        return coverage.next(logId);
    }

    /** Per log, the next index after the newest entry held (a copy). */
    public synchronized StreamPosition head() {
        return head.copy();
    }

    /** Where a replay from this position starts: the first block holding an entry beyond it. */
    public long startSeq(Cursor position) {
        return startSeq(position, false);
    }

    /** As {@link #startSeq(Cursor)}; with {@code namedOnly} only the logs the cursor names count. */
    public synchronized long startSeq(Cursor position, boolean namedOnly) {
        for (BlockRef block : blocks.all()) {
            if (block.beyond(position, namedOnly)) {
                return block.firstSeq();
            }
        }
        return open.firstSeq;
    }

    /**
     * Reads from {@code fromSeq} to the end of its block at most (blocking: disk and inflate; call it on a
     * worker): the entries beyond {@code position} that {@code wanted} selects, at most {@code maxEntries} of
     * them and about {@code maxBytes} of the client's rendering.
     */
    public ReplayChunk read(long fromSeq, Cursor position, Predicate<CertificateEnvelope> wanted, int maxEntries,
                            long maxBytes, dev.certstream.contract.StreamKind kind) {
        BlockRef onDisk = null;
        List<CertificateEnvelope> entries;
        long firstSeq;
        synchronized (this) {
            if (fromSeq < oldestSeq()) {
                return new ReplayChunk(List.of(), new StreamPosition(), fromSeq, true);
            }
            if (fromSeq >= open.firstSeq) {
                firstSeq = open.firstSeq;
                entries = new ArrayList<>(open.entries.subList((int) (fromSeq - firstSeq), open.entries.size()));
                firstSeq = fromSeq;
            } else {
                BlockRef block = blocks.at(fromSeq);
                firstSeq = block.firstSeq();
                OpenBlock memory = unwritten.get(firstSeq);
                entries = memory != null ? memory.entries : null;
                onDisk = memory != null ? null : block;
            }
        }
        if (onDisk != null) {
            try {
                Buffer raw = BlockCodec.inflate(files.read(onDisk.segment(), onDisk.offset(), onDisk.length()),
                        onDisk.rawLength());
                entries = BlockCodec.decode(raw, onDisk.count());
            } catch (IOException e) {
                return new ReplayChunk(List.of(), new StreamPosition(), fromSeq, true);
            }
        }
        return ReplaySelection.select(entries, firstSeq, fromSeq, position, wanted, maxEntries, maxBytes, kind,
                onDisk == null ? 0 : onDisk.rawLength());
    }

    /** When the oldest entry held arrived (epoch ms); now when the buffer is empty. */
    public synchronized long oldestArrival() {
        long now = clock.getAsLong();
        return blocks.isEmpty() ? (open.entries.isEmpty() ? now : open.firstArrival) : blocks.oldest().lastArrival();
    }

    /** Figures for {@code /stats}: bytes on disk, blocks, entries held, the oldest entry's age. */
    public synchronized io.vertx.core.json.JsonObject toJson() {
        long now = clock.getAsLong();
        long oldest = oldestArrival();
        return new io.vertx.core.json.JsonObject().put("bytes_on_disk", bytes).put("blocks", blocks.size())
                .put("entries", open.endSeq() - oldestSeq()).put("oldest_age_seconds", (now - oldest) / 1000)
                .put("unwritten_blocks", unwritten.size()).put("evicted_blocks", evictedBlocks.get()).put("dropped_unwritten_blocks", droppedBlocks.get())
                .put("max_bytes", config.maxBytes()).put("max_age_seconds", config.maxAge().toSeconds());
    }

    public synchronized long bytesOnDisk() {
        return bytes;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        writer.shutdownNow();
        files.close();
    }
}
