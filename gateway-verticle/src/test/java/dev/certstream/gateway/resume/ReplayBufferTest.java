package dev.certstream.gateway.resume;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.StreamKind;
import dev.certstream.testing.Wait;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The buffer gives back what was appended, from any cursor, and forgets by bytes and by age. */
class ReplayBufferTest {

    @TempDir
    Path dir;
    private final AtomicLong now = new AtomicLong(1_000_000);
    private ReplayBuffer buffer;

    @AfterEach
    void close() {
        if (buffer != null) {
            buffer.close();
        }
    }

    private ReplayBuffer buffer(long maxBytes, Duration maxAge, int blockBytes) {
        ReplayConfig config = ReplayConfig.defaults().withDataDir(dir).withBounds(maxBytes, maxAge).withBlockBytes(blockBytes);
        buffer = new ReplayBuffer(config, "test", now::get);
        return buffer;
    }

    private List<CertificateEnvelope> appendInterleaved(int perLog, int noise) {
        List<CertificateEnvelope> all = new ArrayList<>();
        for (int i = 0; i < perLog; i++) {
            for (String log : List.of(ReplayEnvelopes.LOG_A, ReplayEnvelopes.LOG_B)) {
                CertificateEnvelope envelope = ReplayEnvelopes.of(log, 1000 + i, noise);
                buffer.append(envelope, LogIds.of(log));
                all.add(envelope);
                now.addAndGet(10);
            }
        }
        return all;
    }

    /** Everything beyond {@code from}, read block by block the way a resuming client reads. */
    private List<String> readAll(Cursor from) {
        List<String> got = new ArrayList<>();
        StreamPosition position = new StreamPosition(from);
        long seq = buffer.startSeq(from);
        while (seq < buffer.headSeq()) {
            ReplayChunk chunk = buffer.read(seq, position.cursor(), e -> true, 7, Long.MAX_VALUE, StreamKind.FULL);
            assertFalse(chunk.evicted(), "read at " + seq);
            chunk.wanted().forEach(e -> got.add(ReplayEnvelopes.key(e)));
            position.raiseTo(chunk.passed());
            assertTrue(chunk.nextSeq() > seq);
            seq = chunk.nextSeq();
        }
        return got;
    }

    @Test
    void readsBackEverythingBeyondACursorInOrder() {
        buffer(64L << 20, Duration.ofHours(1), 8192);
        List<CertificateEnvelope> all = appendInterleaved(300, 200);
        buffer.seal();
        Wait.until("every block written", () -> buffer.toJson().getLong("bytes_on_disk") > 0
                && buffer.toJson().getInteger("blocks") > 10 && allWritten());
        assertEquals(all.stream().map(ReplayEnvelopes::key).toList(), readAll(Cursor.EMPTY));

        StreamPosition cursor = new StreamPosition();
        cursor.advance(LogIds.of(ReplayEnvelopes.LOG_A), 1199);
        cursor.advance(LogIds.of(ReplayEnvelopes.LOG_B), 1099);
        List<String> expected = all.stream().filter(e -> e.index() > (e.logUrl().equals(ReplayEnvelopes.LOG_A) ? 1199 : 1099))
                .map(ReplayEnvelopes::key).toList();
        assertEquals(expected, readAll(cursor.cursor()));
        assertTrue(buffer.startSeq(cursor.cursor()) > 100, "the replay starts near the older mark, not at 0");

        // The newest entries, still in the open block, are read too; the full rendering round-trips.
        CertificateEnvelope last = ReplayEnvelopes.of(ReplayEnvelopes.LOG_A, 5000, 10);
        buffer.append(last, LogIds.of(ReplayEnvelopes.LOG_A));
        cursor.advance(LogIds.of(ReplayEnvelopes.LOG_A), 1299);
        cursor.advance(LogIds.of(ReplayEnvelopes.LOG_B), 1299);
        ReplayChunk chunk = buffer.read(buffer.startSeq(cursor.cursor()), cursor.cursor(), e -> true, 100, 1 << 20, StreamKind.FULL);
        assertEquals(List.of(last.full().toString()), chunk.wanted().stream().map(e -> e.full().toString()).toList());
    }

    private boolean allWritten() {
        return buffer.toJson().getLong("entries") == 600;
    }

    @Test
    void forgetsTheOldestBlocksPastTheByteBoundAndRaisesCoverage() {
        buffer(1 << 20, Duration.ofHours(1), 16 * 1024);
        int logA = LogIds.of(ReplayEnvelopes.LOG_A);
        appendInterleaved(10, 1000);
        assertEquals(1000, buffer.coverageStart(logA));
        appendInterleaved(0, 0);
        for (int i = 0; i < 400; i++) {
            buffer.append(ReplayEnvelopes.of(ReplayEnvelopes.LOG_A, 2000 + i, 4000), logA);
        }
        buffer.seal();
        Wait.until("the oldest blocks evicted", () -> buffer.toJson().getLong("evicted_blocks") > 0);
        long bytes = buffer.bytesOnDisk();
        assertTrue(bytes <= 1 << 20, "within the bound: " + bytes);
        assertTrue(buffer.coverageStart(logA) > 2000, "log A is held from a later index: " + buffer.coverageStart(logA));
        assertEquals(1010, buffer.coverageStart(LogIds.of(ReplayEnvelopes.LOG_B)), "log B's entries all went");
        ReplayChunk stale = buffer.read(0, Cursor.EMPTY, e -> true, 10, 1 << 20, StreamKind.LITE);
        assertTrue(stale.evicted());
        long segments;
        try (var files = Files.list(buffer.directory())) {
            segments = files.filter(f -> f.getFileName().toString().startsWith("segment-")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertTrue(segments <= 2, "emptied segments are deleted: " + segments);
    }

    @Test
    void forgetsBlocksOlderThanTheAgeBound() {
        buffer(64L << 20, Duration.ofSeconds(60), 4096);
        appendInterleaved(50, 500);
        buffer.seal();
        Wait.until("written", () -> buffer.toJson().getInteger("blocks") > 0 && buffer.bytesOnDisk() > 0 && allUnwrittenGone());
        long before = buffer.toJson().getInteger("blocks");
        now.addAndGet(61_000);
        buffer.tick();
        assertEquals(0, buffer.toJson().getInteger("blocks"), "all " + before + " blocks aged out");
        assertEquals(1050, buffer.coverageStart(LogIds.of(ReplayEnvelopes.LOG_A)));
        assertEquals(buffer.headSeq(), buffer.oldestSeq());
    }

    private boolean allUnwrittenGone() {
        // Every entry held, and every sealed block written: an unwritten one is not aged out (it keeps its
        // place until the writer is done with it), so the test would see it left over.
        JsonObject stats = buffer.toJson();
        return stats.getLong("entries") == 100 && stats.getInteger("unwritten_blocks") == 0;
    }

    /**
     * Guards against a defect once seen at the ingest ceiling: a block dropped because the writer fell behind
     * stayed referenced by the writer's queued task for it, so the heap grew ~100 MB/s until it ran out. While
     * the writer is held (this thread keeps the buffer's lock, which the writer needs to take a block), a
     * dropped block's certificates must already be garbage.
     */
    /** The writer's lag bound is CERTSTREAM_REPLAY_MAX_UNWRITTEN_BYTES: ~8 MB behind is dropped at 4 MB, kept at the default. */
    @Test
    void theWritersLagBoundIsTheSetting() {
        for (String bound : new String[]{"4194304", null}) {
            java.util.Map<String, String> env = new java.util.HashMap<>(java.util.Map.of("CERTSTREAM_DATA_DIR", dir.toString()));
            if (bound != null) {
                env.put("CERTSTREAM_REPLAY_MAX_UNWRITTEN_BYTES", bound);
            }
            ReplayBuffer held = new ReplayBuffer(ReplayConfig.fromEnv(new dev.certstream.node.EnvReader(env)), "lag" + bound, now::get);
            try {
                synchronized (held) { // the writer waits for this lock: everything below stays unwritten
                    for (int i = 0; i < 400; i++) { // ~20 KB each
                        held.append(ReplayEnvelopes.of(ReplayEnvelopes.LOG_A, i, 10_000), LogIds.of(ReplayEnvelopes.LOG_A));
                    }
                    long dropped = held.toJson().getLong("dropped_unwritten_blocks");
                    assertEquals(bound != null, dropped > 0, "bound " + bound + ": " + held.toJson().encode());
                }
            } finally {
                held.close();
            }
        }
    }

    @Test
    void aBlockDroppedWhileTheWriterIsBehindIsGarbageAtOnce() {
        ReplayBuffer held = buffer(Long.MAX_VALUE, Duration.ofHours(1), 1 << 20);
        List<java.lang.ref.WeakReference<CertificateEnvelope>> firstBlock = new ArrayList<>();
        synchronized (held) {
            // ~20 KB each: 3,000 are ~60 MB, past the 32 MB of unwritten blocks the buffer keeps.
            for (int i = 0; i < 3000; i++) {
                CertificateEnvelope envelope = ReplayEnvelopes.of(ReplayEnvelopes.LOG_A, i, 10_000);
                if (i < 10) {
                    firstBlock.add(new java.lang.ref.WeakReference<>(envelope));
                }
                held.append(envelope, LogIds.of(ReplayEnvelopes.LOG_A));
            }
            assertTrue(held.toJson().getLong("dropped_unwritten_blocks") > 0, held.toJson().encode());
            for (int attempt = 0; attempt < 20 && firstBlock.stream().anyMatch(ref -> ref.get() != null); attempt++) {
                System.gc();
            }
            assertTrue(firstBlock.stream().allMatch(ref -> ref.get() == null),
                    "the first block was dropped, yet its certificates are still referenced");
        }
        Wait.until("the writer caught up", () -> held.toJson().getInteger("unwritten_blocks") == 0);
    }
}
