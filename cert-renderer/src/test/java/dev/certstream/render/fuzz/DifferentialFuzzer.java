package dev.certstream.render.fuzz;

import dev.certstream.render.CertificateParseException;
import dev.certstream.render.CertificateRenderer;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Renders mutated certificates with our renderer and with libcrypto, and tallies how each came out
 * ({@link ContractComparison.Outcome}). Each kind of disagreement (the set of fields that differ) is
 * saved once under the findings directory as {@code <kind>-<index>.der} with OpenSSL's answer beside it,
 * ready to become a regression test.
 */
final class DifferentialFuzzer {
    private static final int BATCH = 500;

    /** What a run found. */
    static final class Tally {
        final Map<ContractComparison.Outcome, Long> outcomes = new EnumMap<>(ContractComparison.Outcome.class);
        /** OpenSSL's refusal reasons for the certificates we render (the lenient ones). */
        final Map<String, Long> lenientReasons = new TreeMap<>();
        /** Disagreements by the fields that differ, with the first mutant index of each. */
        final Map<String, Long> disagreementKinds = new TreeMap<>();
        final Map<String, Long> firstOfKind = new TreeMap<>();
        final List<String> examples = new ArrayList<>();
        long certificates;
        /** Agreements where the input was not DER, so OpenSSL's fingerprints were of its re-encoding. */
        long nonDerAgreements;
        long nanos;

        long count(ContractComparison.Outcome o) {
            return outcomes.getOrDefault(o, 0L);
        }

        String summary() {
            double seconds = nanos / 1e9;
            return String.format("differential fuzzing: %d certificates in %.1f s (%.0f/s): %d agree, %d both refuse, "
                            + "%d OpenSSL refuses and we render, %d disagree (%d agreements not DER: fingerprints of the input)%n  lenient by OpenSSL's reason: %s%n  disagreements by kind: %s",
                    certificates, seconds, certificates / Math.max(seconds, 1e-9), count(ContractComparison.Outcome.AGREE),
                    count(ContractComparison.Outcome.BOTH_REFUSE), count(ContractComparison.Outcome.LENIENT),
                    count(ContractComparison.Outcome.DISAGREE), nonDerAgreements, lenientReasons, disagreementKinds);
        }
    }

    private final CertificateMutator mutator;
    private final Path findings;

    DifferentialFuzzer(CertificateMutator mutator, Path findings) {
        this.mutator = mutator;
        this.findings = findings;
    }

    /** Mutants {@code first .. first+count-1} of run {@code seed}. */
    Tally run(OpensslOracle oracle, long seed, long first, long count) throws IOException {
        Tally tally = new Tally();
        CertificateRenderer renderer = new CertificateRenderer();
        ExecutorService asker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "openssl-oracle");
            t.setDaemon(true);
            return t;
        });
        long started = System.nanoTime();
        try {
            for (long at = first; at < first + count; at += BATCH) {
                int n = (int) Math.min(BATCH, first + count - at);
                List<byte[]> batch = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    batch.add(mutator.mutant(seed, at + i));
                }
                // OpenSSL answers in its own process while this thread renders the same batch.
                CompletableFuture<List<JsonNode>> theirs = CompletableFuture.supplyAsync(() -> {
                    try {
                        return oracle.ask(batch);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, asker);
                List<JsonNode> ours = new ArrayList<>(n);
                for (byte[] der : batch) {
                    ours.add(render(renderer, der));
                }
                List<JsonNode> answers = theirs.join();
                for (int i = 0; i < n; i++) {
                    record(tally, oracle, renderer, seed, at + i, batch.get(i), ours.get(i), answers.get(i));
                }
            }
        } finally {
            asker.shutdownNow();
        }
        tally.nanos = System.nanoTime() - started;
        return tally;
    }

    static JsonNode render(CertificateRenderer renderer, byte[] der) throws IOException {
        try {
            return OpensslOracle.MAPPER.readTree(renderer.render(der, true).lite());
        } catch (CertificateParseException refused) {
            return null;
        }
    }

    private void record(Tally tally, OpensslOracle oracle, CertificateRenderer renderer, long seed, long index,
                        byte[] der, JsonNode ours, JsonNode openssl) throws IOException {
        ContractComparison.Verdict v = ContractComparison.compare(der, ours, openssl);
        tally.certificates++;
        tally.outcomes.merge(v.outcome(), 1L, Long::sum);
        if (v.outcome() == ContractComparison.Outcome.AGREE && !openssl.path("reenc").asBoolean()) {
            tally.nonDerAgreements++;
        }
        if (v.outcome() == ContractComparison.Outcome.LENIENT) {
            tally.lenientReasons.merge(v.opensslError(), 1L, Long::sum);
        }
        if (v.outcome() != ContractComparison.Outcome.DISAGREE) {
            return;
        }
        String kind = kind(v);
        if (tally.disagreementKinds.merge(kind, 1L, Long::sum) > 1) {
            return;
        }
        tally.firstOfKind.put(kind, index);
        // The smallest certificate that still disagrees the same way makes the regression test.
        byte[] small = minimize(oracle, renderer, der, kind);
        JsonNode answer = oracle.ask(List.of(small)).get(0);
        ContractComparison.Verdict sv = ContractComparison.compare(small, render(renderer, small), answer);
        String example = "mutant " + index + " of seed " + seed + " (minimized from " + der.length + " to " + small.length
                + " bytes):\n  " + String.join("\n  ", sv.differences());
        if (tally.examples.size() < 20) {
            tally.examples.add(example);
        }
        if (findings != null) {
            Files.createDirectories(findings);
            String name = String.format("seed%d-%d", seed, index);
            Files.write(findings.resolve(name + ".der"), small);
            Files.writeString(findings.resolve(name + ".openssl.json"), answer.toString() + "\n");
            Files.writeString(findings.resolve(name + ".txt"), example + "\n");
        }
    }

    /** A disagreement's kind: the fields that differ ("#2" suffixes of repeated extensions dropped). */
    static String kind(ContractComparison.Verdict v) {
        List<String> fields = new ArrayList<>();
        for (String d : v.differences()) {
            int nl = d.indexOf('\n');
            fields.add((nl < 0 ? d : d.substring(0, nl)).replaceAll("#\\d+$", ""));
        }
        return String.join("+", fields);
    }

    /** Greedily drops elements (fixing enclosing lengths) while the certificate disagrees in the same way. */
    static byte[] minimize(OpensslOracle oracle, CertificateRenderer renderer, byte[] der, String kind) throws IOException {
        byte[] best = der;
        boolean progress = true;
        for (int round = 0; progress && round < 300; round++) {
            progress = false;
            List<Tlv> elements = Tlv.flatten(best);
            for (int i = elements.size() - 1; i > 0; i--) {
                byte[] candidate = elements.get(i).replace(best, new byte[0], true);
                JsonNode answer = oracle.ask(List.of(candidate)).get(0);
                ContractComparison.Verdict v = ContractComparison.compare(candidate, render(renderer, candidate), answer);
                if (v.outcome() == ContractComparison.Outcome.DISAGREE && kind(v).equals(kind)) {
                    best = candidate;
                    progress = true;
                    break;
                }
            }
        }
        return best;
    }
}
