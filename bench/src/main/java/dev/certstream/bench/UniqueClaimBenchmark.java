package dev.certstream.bench;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.gateway.unique.ClaimKeys;
import dev.certstream.gateway.unique.LocalClaims;
import dev.certstream.gateway.unique.UniqueConfig;
import dev.certstream.gateway.unique.UniqueMode;
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

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The CPU {@code unique=} costs per certificate in one gateway process: the claim key from the envelope's
 * facts and the decision against a full window (the default 400,000 claims), one certificate in three a
 * repeat (the share of the 2026 firehose logged in a second or third log). The cluster adds a Hazelcast
 * {@code putIfAbsent} per first sight of a key, measured by the cluster benchmark, not here.
 * Run: {@code bench/measure-resume.sh} or {@code java -jar bench/target/benchmarks.jar UniqueClaim}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class UniqueClaimBenchmark {

    @Param({"CERTIFICATE", "ISSUANCE"})
    public UniqueMode mode;

    private CertificateEnvelope[] envelopes;
    private LocalClaims claims;
    private long sequence;
    private long lastKey;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        envelopes = BenchEnvelopes.rendered(1024);
        UniqueConfig config = new UniqueConfig(Duration.ofMinutes(5), 400_000, Duration.ofSeconds(2));
        claims = new LocalClaims(config);
        for (long i = 0; i < config.maxEntries(); i++) {
            claims.decide(i * 0x9e3779b97f4a7c15L | 1, i);
        }
    }

    /** One certificate's claim: two in three are new keys, one in three repeats the one before it. */
    @Benchmark
    public boolean claimOneCertificate() {
        long n = sequence++;
        CertificateEnvelope envelope = envelopes[(int) (n % envelopes.length)];
        // Each round over the 1,024 sample certificates makes new keys, as the firehose never repeats itself.
        long key = ClaimKeys.key(mode, 0, envelope.facts()) ^ (n / envelopes.length) * 0x632be59bd9b4e019L;
        boolean first = claims.decide(n % 3 == 2 ? lastKey : key, ClaimKeys.claimant((int) (n % 3), n));
        lastKey = key;
        return first;
    }
}
