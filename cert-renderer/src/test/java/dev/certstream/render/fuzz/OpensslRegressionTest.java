package dev.certstream.render.fuzz;

import dev.certstream.render.CertificateRenderer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every disagreement the differential fuzzer found, kept as the minimized certificate it found
 * ({@code regressions/<name>.der}) with libcrypto 3.0.19's answer for it ({@code <name>.openssl.json},
 * written by openssl-fuzz-oracle.c): we must now agree with OpenSSL on each, without OpenSSL at hand.
 * {@code <name>.txt} says what differed when it was found.
 */
class OpensslRegressionTest {

    @Test
    void everyFoundDisagreementNowAgrees() throws Exception {
        Path dir = Path.of(OpensslRegressionTest.class.getResource("/dev/certstream/render/fuzz/regressions").toURI());
        List<Path> ders;
        try (Stream<Path> files = Files.list(dir)) {
            ders = files.filter(p -> p.toString().endsWith(".der")).sorted().toList();
        }
        CertificateRenderer renderer = new CertificateRenderer();
        List<String> failures = new ArrayList<>();
        for (Path der : ders) {
            byte[] bytes = Files.readAllBytes(der);
            String name = der.getFileName().toString().replace(".der", "");
            JsonNode openssl = OpensslOracle.MAPPER.readTree(der.resolveSibling(name + ".openssl.json").toFile());
            ContractComparison.Verdict v = ContractComparison.compare(bytes, DifferentialFuzzer.render(renderer, bytes), openssl);
            if (v.outcome() == ContractComparison.Outcome.DISAGREE) {
                failures.add(name + ":\n  " + String.join("\n  ", v.differences()));
            }
        }
        System.out.printf("OpenSSL regressions: %d certificates, %d disagree%n", ders.size(), failures.size());
        assertTrue(ders.size() > 0, "the regression corpus is under src/test/resources/dev/certstream/render/fuzz/regressions");
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }
}
