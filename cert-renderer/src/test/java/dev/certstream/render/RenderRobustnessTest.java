package dev.certstream.render;

import dev.certstream.testing.TestData;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Truncated and bit-flipped variants of real certificates: rendering either succeeds with valid JSON
 * or throws {@link CertificateParseException}; nothing else escapes, and a damaged chain certificate
 * never loses its entry.
 */
class RenderRobustnessTest {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Test
    void damagedCertificatesNeverThrowAnythingButTheParseException() throws Exception {
        List<Path> pems = TestData.oracleCertificates();
        CertificateRenderer renderer = new CertificateRenderer();
        EntryRenderer entries = new EntryRenderer(64);
        Random random = new Random(20261125L);
        int rendered = 0;
        int refused = 0;
        for (int k = 0; k < pems.size(); k += 7) {
            byte[] der = TestData.firstCertificate(pems.get(k));
            for (int variant = 0; variant < 120; variant++) {
                byte[] damaged = damage(der, random, variant);
                try {
                    byte[] json = renderer.render(damaged, true).full();
                    MAPPER.readTree(json);
                    rendered++;
                } catch (CertificateParseException expected) {
                    refused++;
                } catch (Throwable t) {
                    fail("variant " + variant + " of " + pems.get(k).getFileName() + " threw " + t, t);
                }
                try {
                    Renderings env = entries.render(EntryRendererTest.entry(variant, der, List.of(damaged)),
                            EntryRendererTest.SOURCE, 0L);
                    MAPPER.readTree(env.full());
                } catch (Throwable t) {
                    fail("a damaged chain certificate lost the entry: " + t, t);
                }
            }
        }
        System.out.printf("damaged certificates: %d rendered, %d refused with CertificateParseException%n", rendered, refused);
        assertTrue(rendered > 100 && refused > 100, "both outcomes exercised");
    }

    private static byte[] damage(byte[] der, Random random, int variant) {
        if (variant % 3 == 0) {
            return java.util.Arrays.copyOf(der, random.nextInt(der.length));
        }
        byte[] copy = der.clone();
        int flips = 1 + random.nextInt(variant % 3 == 1 ? 2 : 12);
        for (int i = 0; i < flips; i++) {
            int at = random.nextInt(copy.length);
            copy[at] ^= (byte) (1 << random.nextInt(8));
        }
        return copy;
    }
}
