package dev.certstream.watcher.ct;

import dev.certstream.testing.TlsTestWriter;
import dev.certstream.testing.TestData;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.certstream.watcher.ct.CheckpointVerification.Status;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The skylight checkpoint against its log-list key, tampered notes, and checkpoints signed here with EC and RSA keys. */
class CheckpointVerifierTest {

    private static final String SKYLIGHT = CheckpointTest.SKYLIGHT;
    private static final byte[] ROOT = new byte[32];
    private static final String ORIGIN = "ct.example.net/2026h1";

    private static JsonNode logJson;
    private static String note;
    private static KeyPair ecKeys;
    private static KeyPair rsaKeys;

    @BeforeAll
    static void load() throws Exception {
        logJson = new ObjectMapper().readTree(TestData.bytes(SKYLIGHT + "log.v3.json"));
        note = new String(TestData.bytes(SKYLIGHT + "checkpoint"), StandardCharsets.UTF_8);
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        ecKeys = ec.generateKeyPair();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        rsaKeys = rsa.generateKeyPair();
        ROOT[0] = 42;
    }

    @Test
    void theSkylightCheckpointVerifiesWithItsLogListKey() throws Exception {
        CheckpointVerifier verifier = skylightVerifier();
        assertArrayEquals(Base64.getDecoder().decode(logJson.get("log_id").asText()), verifier.logId());
        CheckpointVerification result = verifier.verify(parse(note));
        assertEquals(Status.VERIFIED, result.status(), result.reason());
        assertEquals(logJson.get("final_tree_head").get("timestamp").asLong(), result.timestampMs());
    }

    @Test
    void theOriginComesFromTheSubmissionUrl() {
        assertEquals("rome2026h1.example.org", CheckpointVerifier.originOf(logJson.get("submission_url").asText()));
        assertEquals("rome.ct.example.com/2024h1", CheckpointVerifier.originOf("https://rome.ct.example.com/2024h1/"));
        assertEquals("log.example/x", CheckpointVerifier.originOf("http://log.example/x"));
    }

    @Test
    void aFlippedSignatureByteIsABadSignature() throws Exception {
        String line = note.substring(note.indexOf('\u2014'));
        String base64 = line.substring(line.lastIndexOf(' ') + 1).strip();
        byte[] blob = Base64.getDecoder().decode(base64);
        for (int at : new int[] {4, 12, 13, 15, 20, blob.length - 1}) {
            byte[] flipped = blob.clone();
            flipped[at] ^= 0x01;
            String bad = note.replace(base64, Base64.getEncoder().encodeToString(flipped));
            CheckpointVerification result = skylightVerifier().verify(parse(bad));
            assertEquals(Status.BAD_SIGNATURE, result.status(), "byte " + at + ": " + result.reason());
            assertEquals(-1, result.timestampMs());
        }
        byte[] otherKeyId = blob.clone();
        otherKeyId[0] ^= 0x01;
        assertEquals(Status.NO_MATCHING_SIGNATURE, skylightVerifier().verify(parse(note.replace(base64,
                Base64.getEncoder().encodeToString(otherKeyId)))).status(), "a changed key ID is another key's line");
    }

    @Test
    void aChangedTreeSizeOrRootHashIsABadSignature() throws Exception {
        assertEquals(Status.BAD_SIGNATURE, skylightVerifier().verify(parse(note.replace("\n300\n", "\n301\n"))).status());
        String root = logJson.get("final_tree_head").get("sha256_root_hash").asText();
        String otherRoot = "A" + root.substring(1);
        assertEquals(Status.BAD_SIGNATURE, skylightVerifier().verify(parse(note.replace(root, otherRoot))).status());
    }

    @Test
    void aWrongKeyFindsNoMatchingSignature() throws Exception {
        CheckpointVerifier wrongKey = new CheckpointVerifier(ecKeys.getPublic().getEncoded(), "rome2026h1.example.org");
        CheckpointVerification result = wrongKey.verify(parse(note));
        assertEquals(Status.NO_MATCHING_SIGNATURE, result.status(), result.reason());
    }

    @Test
    void aWrongOriginIsReportedAsSuch() throws Exception {
        CheckpointVerifier verifier = new CheckpointVerifier(skylightKey(), "rome2026h2.example.org");
        assertEquals(Status.WRONG_ORIGIN, verifier.verify(parse(note)).status());
        // The origin line rewritten to the verifier's: the log's line no longer matches name and key ID.
        String renamed = note.replace("rome2026h1.example.org\n", "rome2026h2.example.org\n");
        assertEquals(Status.NO_MATCHING_SIGNATURE, verifier.verify(parse(renamed)).status());
    }

    @Test
    void witnessLinesAndOtherKeysAreIgnored() throws Exception {
        String witness = CheckpointTestSigner.line("witness.example/w1", new byte[76]);
        String sameNameOtherId = CheckpointTestSigner.line("rome2026h1.example.org", new byte[] {1, 2, 3, 4, 5, 6});
        assertEquals(Status.VERIFIED, skylightVerifier().verify(parse(note + witness)).status());
        assertEquals(Status.VERIFIED, skylightVerifier().verify(parse(note + sameNameOtherId + witness)).status());
        String witnessesOnly = note.substring(0, note.indexOf('\u2014')) + sameNameOtherId + witness;
        CheckpointVerification result = skylightVerifier().verify(parse(witnessesOnly));
        assertEquals(Status.NO_MATCHING_SIGNATURE, result.status());
        assertTrue(result.reason().contains("none of 2 signature lines"), result.reason());
    }

    @Test
    void extensionLinesAreRefusedUnderAnRfc6962Signature() throws Exception {
        String withExtension = note.replace("\n\n", "\nan extension\n\n");
        CheckpointVerification result = skylightVerifier().verify(parse(withExtension));
        assertEquals(Status.BAD_SIGNATURE, result.status());
        assertTrue(result.reason().contains("extension lines"), result.reason());
    }

    @Test
    void verifiesACheckpointSignedWithAFreshEcKey() throws Exception {
        String line = CheckpointTestSigner.signatureLine(ecKeys, ORIGIN, 1_700_000_000_123L, 1234, ROOT,
                "SHA256withECDSA", 3);
        CheckpointVerifier verifier = new CheckpointVerifier(ecKeys.getPublic().getEncoded(), ORIGIN);
        CheckpointVerification result = verifier.verify(parse(CheckpointTestSigner.body(ORIGIN, 1234, ROOT) + line));
        assertEquals(Status.VERIFIED, result.status(), result.reason());
        assertEquals(1_700_000_000_123L, result.timestampMs());
        assertEquals(Status.BAD_SIGNATURE,
                verifier.verify(parse(CheckpointTestSigner.body(ORIGIN, 1235, ROOT) + line)).status());
    }

    @Test
    void verifiesACheckpointSignedWithAFreshRsaKey() throws Exception {
        String line = CheckpointTestSigner.signatureLine(rsaKeys, ORIGIN, 1_700_000_000_456L, 0, ROOT,
                "SHA256withRSA", 1);
        CheckpointVerifier verifier = new CheckpointVerifier(rsaKeys.getPublic().getEncoded(), ORIGIN);
        CheckpointVerification result = verifier.verify(parse(CheckpointTestSigner.body(ORIGIN, 0, ROOT) + line));
        assertEquals(Status.VERIFIED, result.status(), result.reason());
        assertEquals(1_700_000_000_456L, result.timestampMs());
    }

    @Test
    void theAlgorithmBytesMustMatchTheKey() throws Exception {
        String line = CheckpointTestSigner.signatureLine(rsaKeys, ORIGIN, 1, 7, ROOT, "SHA256withRSA", 3);
        CheckpointVerification result = new CheckpointVerifier(rsaKeys.getPublic().getEncoded(), ORIGIN)
                .verify(parse(CheckpointTestSigner.body(ORIGIN, 7, ROOT) + line));
        assertEquals(Status.BAD_SIGNATURE, result.status());
        assertTrue(result.reason().contains("algorithm 3"), result.reason());
    }

    @Test
    void aMalformedSignatureStructureIsABadSignature() throws Exception {
        byte[] keyId = CheckpointTestSigner.keyId(ecKeys.getPublic().getEncoded(), ORIGIN);
        byte[] truncated = new TlsTestWriter().bytes(keyId).uint(8, 1).uint(1, 4).toBytes();
        byte[] trailing = new TlsTestWriter().bytes(keyId).uint(8, 1).uint(1, 4).uint(1, 3).opaque(2, new byte[8])
                .uint(1, 0).toBytes();
        CheckpointVerifier verifier = new CheckpointVerifier(ecKeys.getPublic().getEncoded(), ORIGIN);
        for (byte[] blob : new byte[][] {truncated, trailing}) {
            CheckpointVerification result = verifier.verify(parse(CheckpointTestSigner.body(ORIGIN, 7, ROOT)
                    + CheckpointTestSigner.line(ORIGIN, blob)));
            assertEquals(Status.BAD_SIGNATURE, result.status());
            assertTrue(result.reason().contains("malformed RFC6962NoteSignature"), result.reason());
        }
        byte[] notDer = new TlsTestWriter().bytes(keyId).uint(8, 1).uint(1, 4).uint(1, 3).opaque(2, new byte[8])
                .toBytes();
        assertEquals(Status.BAD_SIGNATURE, verifier.verify(parse(CheckpointTestSigner.body(ORIGIN, 7, ROOT)
                + CheckpointTestSigner.line(ORIGIN, notDer))).status());
    }

    @Test
    void refusesKeysThatAreNeitherEcNorRsa() throws Exception {
        byte[] ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        assertThrows(IllegalArgumentException.class, () -> new CheckpointVerifier(ed25519, ORIGIN));
        assertThrows(IllegalArgumentException.class, () -> new CheckpointVerifier(new byte[] {1, 2, 3}, ORIGIN));
        assertThrows(IllegalArgumentException.class, () -> new CheckpointVerifier(skylightKey(), ""));
    }

    private static CheckpointVerifier skylightVerifier() {
        return new CheckpointVerifier(skylightKey(),
                CheckpointVerifier.originOf(logJson.get("submission_url").asText()));
    }

    private static byte[] skylightKey() {
        return Base64.getDecoder().decode(logJson.get("key").asText());
    }

    private static Checkpoint parse(String text) throws CheckpointFormatException {
        return Checkpoint.parse(text.getBytes(StandardCharsets.UTF_8));
    }
}
