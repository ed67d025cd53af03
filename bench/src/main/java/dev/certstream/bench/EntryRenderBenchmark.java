package dev.certstream.bench;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.render.EntryRenderer;
import dev.certstream.render.LogDescription;
import dev.certstream.render.ct.DecodedEntry;
import dev.certstream.render.Renderings;
import dev.certstream.render.ct.LeafInputDecoder;
import dev.certstream.watcher.verify.MerkleFrontier;
import dev.certstream.watcher.verify.MerkleHash;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The watcher's work per certificate, from a raw RFC 6962 entry ({@code leaf_input} and {@code extra_data}
 * bytes) to the envelope the bus carries (the three renderings, full, lite and dns_entries, and the facts
 * header), on one thread: decode, render, build the envelope, as the watcher's {@code EnvelopeRenderer}
 * does. The figure is certificates per second per core. Chain certificates come from the bounded render
 * cache, as in steady operation. Run: {@code java -jar bench/target/benchmarks.jar EntryRender} (see
 * bench/README.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class EntryRenderBenchmark {

    /** {@code real}: testdata's entries (mostly 2025 Let's Encrypt staging precertificates); {@code simulated}: the simulator's mix. */
    @Param({"real", "simulated"})
    public String entries;

    private final LogDescription source = new Log("https://ct.example.test/2026h1/", "Benchmark log", "Benchmark",
            "rfc6962");
    private List<RawEntries.Raw> raw;
    private EntryRenderer renderer;
    private MerkleFrontier frontier;
    private int next;
    private long index;

    @Setup(Level.Trial)
    public void load() throws Exception {
        raw = entries.equals("real") ? RawEntries.real() : RawEntries.simulated(2048);
        // The watcher's default chain cache size.
        renderer = new EntryRenderer(4096);
        frontier = MerkleFrontier.empty();
    }

    @Benchmark
    public CertificateEnvelope decodeRenderEnvelope() throws Exception {
        RawEntries.Raw entry = raw.get(next);
        next = next + 1 == raw.size() ? 0 : next + 1;
        long at = index++;
        DecodedEntry decoded = LeafInputDecoder.decode(at, entry.leafInput(), entry.extraData(),
                source.url() + "ct/v1/get-entries?start=" + at + "&end=" + at);
        long seen = 1_764_000_000_000_000L + at;
        return CertificateEnvelope.of(source.url(), source.operator(), decoded, seen,
                renderer.render(decoded, source, seen));
    }

    /**
     * The same, and what verification adds per entry: the leaf hash of the leaf_input, folding it into the
     * log's frontier, the root compared at a signed head every {@link #HEAD_EVERY} entries (real heads
     * cover more, so this overstates it), and {@code verified} set in place. The difference from
     * {@link #decodeRenderEnvelope} is verification's CPU per entry.
     */
    @Benchmark
    public CertificateEnvelope decodeRenderEnvelopeVerify() throws Exception {
        RawEntries.Raw entry = raw.get(next);
        next = next + 1 == raw.size() ? 0 : next + 1;
        long at = index++;
        DecodedEntry decoded = LeafInputDecoder.decode(at, entry.leafInput(), entry.extraData(),
                source.url() + "ct/v1/get-entries?start=" + at + "&end=" + at);
        long seen = 1_764_000_000_000_000L + at;
        Renderings renderings = renderer.render(decoded, source, seen);
        CertificateEnvelope envelope = CertificateEnvelope.of(source.url(), source.operator(), decoded, seen, renderings);
        fold(entry);
        renderings.markVerified();
        return envelope;
    }

    /** Verification's own work per entry alone: leaf hash, fold, and the root at every {@link #HEAD_EVERY}th. */
    @Benchmark
    public long hashAndFold() {
        RawEntries.Raw entry = raw.get(next);
        next = next + 1 == raw.size() ? 0 : next + 1;
        index++;
        return fold(entry);
    }

    /** A signed head's root is compared once per this many entries. */
    static final int HEAD_EVERY = 256;

    private long fold(RawEntries.Raw entry) {
        frontier.append(MerkleHash.leaf(entry.leafInput()));
        if (frontier.size() % HEAD_EVERY == 0) {
            return frontier.root()[0];
        }
        return frontier.size();
    }

    /** The benchmark's log, as the renderer sees it. */
    private record Log(String url, String name, String operator, String typeName) implements LogDescription {
    }
}
