package dev.certstream.render;

import dev.certstream.testing.TestData;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bin/certstream parse}: PEM, DER, several certificates in one PEM, and inputs that fail. */
class ParseCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @TempDir
    Path dir;

    private record Result(int status, List<JsonNode> lines) {
    }

    private static Result run(String... files) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = ParseCommand.run(List.of(files), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<JsonNode> lines = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                lines.add(MAPPER.readTree(line));
            }
        }
        return new Result(status, lines);
    }

    @Test
    void pemAndDerGiveTheFullStreamLeaf() throws Exception {
        Path pem = EntryRendererTest.certPath(EntryRendererTest.LEAF);
        byte[] der = TestData.firstCertificate(pem);
        Path derFile = Files.write(dir.resolve("leaf.der"), der);

        Result r = run(pem.toString(), derFile.toString());
        assertEquals(0, r.status());
        assertEquals(2, r.lines().size());
        JsonNode expected = MAPPER.readTree(new CertificateRenderer().render(der, true).full());
        assertEquals(expected, r.lines().get(0));
        assertEquals(expected, r.lines().get(1));
        assertArrayEquals(der, Base64.getDecoder().decode(r.lines().get(0).get("as_der").asText()));
        assertTrue(r.lines().get(0).has("all_domains"));
    }

    @Test
    void aPemWithSeveralCertificatesGivesOneLineEach() throws Exception {
        Path multi = dir.resolve("chain.pem");
        Files.writeString(multi, "comment line\n"
                + Files.readString(EntryRendererTest.certPath(EntryRendererTest.LEAF))
                + Files.readString(EntryRendererTest.certPath(EntryRendererTest.CA1))
                + Files.readString(EntryRendererTest.certPath(EntryRendererTest.CA2)));
        Result r = run(multi.toString());
        assertEquals(0, r.status());
        assertEquals(3, r.lines().size());
        assertEquals(EntryRendererTest.colonHex(EntryRendererTest.LEAF), r.lines().get(0).get("sha256").asText());
        assertEquals(EntryRendererTest.colonHex(EntryRendererTest.CA1), r.lines().get(1).get("sha256").asText());
        assertEquals(EntryRendererTest.colonHex(EntryRendererTest.CA2), r.lines().get(2).get("sha256").asText());
    }

    @Test
    void missingAndGarbageFilesGiveErrorLinesAndStatusOne() throws Exception {
        Path garbage = Files.write(dir.resolve("garbage.bin"), "definitely not DER".getBytes(StandardCharsets.US_ASCII));
        Path badPem = Files.writeString(dir.resolve("bad.pem"), "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n");
        Path good = EntryRendererTest.certPath(EntryRendererTest.CA1);
        String missing = dir.resolve("missing.pem").toString();

        Result r = run(missing, garbage.toString(), good.toString(), badPem.toString());
        assertEquals(1, r.status());
        assertEquals(4, r.lines().size());
        assertEquals(missing, r.lines().get(0).get("file").asText());
        assertTrue(r.lines().get(0).get("error").asText().contains("no such file"));
        assertEquals(garbage.toString(), r.lines().get(1).get("file").asText());
        assertTrue(r.lines().get(1).get("error").asText().length() > 10);
        assertTrue(r.lines().get(2).has("sha256"), "a good file in between still prints");
        assertTrue(r.lines().get(3).get("error").asText().contains("base64"));
    }
}
