package dev.certstream.watcher;

import dev.certstream.contract.EntryType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A quick single-thread throughput measurement of EntryRenderer (not a test; the JMH benchmark comes
 * later): every leaf of testdata/certs with a two-certificate chain, from DER to the three renderings.
 *
 * <pre>java -cp ... dev.certstream.watcher.RenderThroughput [seconds] [precert]</pre>
 * With {@code precert}, only the 2025 Let's Encrypt-staging precertificates (long SAN lists) are used.
 */
public final class RenderThroughput {
    private RenderThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        boolean precertsOnly = args.length > 1 && args[1].equals("precert");
        java.util.Set<String> precerts = new java.util.HashSet<>();
        for (String line : java.nio.file.Files.readAllLines(TestData.certs().resolve("INDEX.tsv"))) {
            String[] f = line.split("\t");
            if (f.length > 4 && f[4].equals("precert")) {
                precerts.add(f[0]);
            }
        }
        List<byte[]> leaves = new ArrayList<>();
        for (Path pem : TestData.oracleCertificates()) {
            if (precertsOnly && !precerts.contains(pem.getFileName().toString().replace(".pem", ""))) {
                continue;
            }
            byte[] der = TestData.firstCertificate(pem);
            try {
                new CertificateRenderer().render(der, true);
                leaves.add(der);
            } catch (CertificateParseException refused) {
                // not a leaf we can time
            }
        }
        List<byte[]> chain = List.of(EntryRendererTest.cert(EntryRendererTest.CA1), EntryRendererTest.cert(EntryRendererTest.CA2));
        EntryRenderer renderer = new EntryRenderer(1000);
        long sink = 0;
        for (int round = 0; round < 2; round++) {
            boolean warmup = round == 0;
            long until = System.nanoTime() + (warmup ? Math.max(3, seconds / 2) : seconds) * 1_000_000_000L;
            long count = 0;
            long bytes = 0;
            long start = System.nanoTime();
            while (System.nanoTime() < until) {
                for (int i = 0; i < leaves.size(); i++) {
                    DecodedEntry e = new DecodedEntry(count, 1_700_000_000_000L, EntryType.X509, leaves.get(i), chain,
                            "https://ct.example/log/ct/v1/get-entries?start=" + count + "&end=" + count);
                    var env = renderer.render(e, EntryRendererTest.SOURCE, 1_700_000_000_000_000L + count);
                    bytes += env.full().length() + env.lite().length() + env.domains().length();
                    count++;
                }
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            sink += bytes;
            System.out.printf("%s: %d entries in %.1f s = %.0f entries/s on one thread (%.0f bytes rendered per entry)%n",
                    warmup ? "warm-up" : "measured", count, elapsed, count / elapsed, (double) bytes / count);
        }
        System.out.println("(" + sink + ")");
    }
}
