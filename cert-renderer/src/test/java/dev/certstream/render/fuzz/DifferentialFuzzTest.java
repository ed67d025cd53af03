package dev.certstream.render.fuzz;

import dev.certstream.testing.TestData;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Differential fuzzing of the renderer against libcrypto: mutants of every certificate in
 * testdata/certs and of the printer-branch fixtures, each rendered by both and compared field by
 * field under the contract's rules. In CI a short seeded run (seconds); the long run by hand:
 * {@code bin/certstream fuzz-openssl --count 1000000 --seed 7} (it sets the properties read here:
 * fuzz.count, fuzz.seed, fuzz.first, fuzz.findings).
 */
class DifferentialFuzzTest {

    @Test
    void mutatedCertificatesRenderAsOpensslReadsThem() throws Exception {
        boolean required = "1".equals(System.getenv("CERTSTREAM_REQUIRE_SYSTEM_DEPS"));
        if (!OpensslOracle.available()) {
            if (required) {
                fail("gcc and libssl-dev are required (cert-renderer/install-test-deps.sh installs them)");
            }
            Assumptions.abort("gcc or the libcrypto headers are missing: cert-renderer/install-test-deps.sh installs them");
        }
        long count = Long.getLong("fuzz.count", 20_000L);
        long seed = Long.getLong("fuzz.seed", 20261205L);
        long first = Long.getLong("fuzz.first", 0L);
        String findings = System.getProperty("fuzz.findings", "target/fuzz-findings");
        CertificateMutator mutator = new CertificateMutator(seeds());
        DifferentialFuzzer.Tally tally;
        try (OpensslOracle oracle = OpensslOracle.start(Path.of("target"))) {
            tally = new DifferentialFuzzer(mutator, Path.of(findings)).run(oracle, seed, first, count);
        }
        System.out.println(tally.summary());
        tally.examples.forEach(System.out::println);
        assertTrue(tally.count(ContractComparison.Outcome.AGREE) > count / 10, "most mutants must still be certificates");
        assertEquals(0, tally.count(ContractComparison.Outcome.DISAGREE),
                "disagreements with OpenSSL (saved under " + findings + "):\n" + String.join("\n", tally.examples));
    }

    /** Every certificate of testdata/certs (chains included) and of the printer-branch fixtures. */
    static List<byte[]> seeds() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.list(TestData.certs())) {
            for (Path pem : files.filter(p -> p.toString().endsWith(".pem")).sorted().toList()) {
                seeds.addAll(TestData.pemCertificates(pem));
            }
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                DifferentialFuzzTest.class.getResourceAsStream("/dev/certstream/render/openssl-generated.jsonl"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode r = OpensslOracle.MAPPER.readTree(line);
                seeds.add(Base64.getDecoder().decode(r.get("der").asText()));
            }
        }
        return seeds;
    }
}
