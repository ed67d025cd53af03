package dev.certstream.bench;

import dev.certstream.contract.CertificateEnvelope;
import io.vertx.core.buffer.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What each way of bounding a per-socket queue costs per queued message (see {@link QueueRetention} for
 * what each keeps alive): counting the lite message's own length, counting the array it is a slice of
 * ({@link CertificateEnvelope#retainedBytes()}), or copying the lite and dns_entries messages out into
 * arrays of their own. Run: {@code java -jar bench/target/benchmarks.jar QueueAccounting}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class QueueAccountingBenchmark {

    private CertificateEnvelope[] envelopes;
    private int next;

    @Setup(Level.Trial)
    public void render() throws Exception {
        envelopes = BenchEnvelopes.rendered(1024);
    }

    private CertificateEnvelope nextEnvelope() {
        CertificateEnvelope envelope = envelopes[next];
        next = next + 1 == envelopes.length ? 0 : next + 1;
        return envelope;
    }

    @Benchmark
    public long countSlice() {
        return nextEnvelope().lite().length();
    }

    @Benchmark
    public long countBacking() {
        return nextEnvelope().retainedBytes();
    }

    @Benchmark
    public Buffer[] copyLiteAndDomains() {
        CertificateEnvelope envelope = nextEnvelope();
        return new Buffer[] {envelope.lite().copy(), envelope.domains().copy()};
    }
}
