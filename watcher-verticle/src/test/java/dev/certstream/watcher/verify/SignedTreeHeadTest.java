package dev.certstream.watcher.verify;

import dev.certstream.testing.TestData;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.nio.ByteBuffer;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** get-sth signatures: a real one from Google's Pilot log, and ECDSA and RSA heads signed here. */
class SignedTreeHeadTest {
    /** Google 'Pilot' log key, as the log lists of the time published it (also in certificate-transparency-go). */
    private static final String PILOT_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEfahLEimAoz2t01p3uMziiLOl/fHTDM0YDOhBRuiBARsV4UvxG2LdNgoIGLrtCzWE0J5APC2em4JlvR8EEEFMoA==";

    private static SignedTreeHead sth(String file) throws Exception {
        JsonNode j = new ObjectMapper().readTree(TestData.bytes("rfc6962/" + file));
        return SignedTreeHead.of(j.get("tree_size").asLong(), j.get("timestamp").asLong(),
                j.get("sha256_root_hash").asText(), j.get("tree_head_signature").asText());
    }

    @Test
    void aRealPilotHeadVerifiesAndATamperedOneDoesNot() throws Exception {
        LogKey pilot = new LogKey(Base64.getDecoder().decode(PILOT_KEY));
        SignedTreeHead real = sth("ctgo-logclient-ValidSTHResponse.get-sth.json");
        real.verify(pilot);
        assertThrows(ProofException.class, () -> new SignedTreeHead(real.treeSize() + 1, real.timestamp(),
                real.rootHash(), real.signature()).verify(pilot));
        byte[] root = real.rootHash();
        root[0] ^= 1;
        assertThrows(ProofException.class, () -> new SignedTreeHead(real.treeSize(), real.timestamp(), root,
                real.signature()).verify(pilot));
        // certificate-transparency-go's scanner test head carries a made-up signature.
        assertThrows(ProofException.class, () -> sth("ctgo-scanner-FourEntrySTH.get-sth.json").verify(pilot));
    }

    @Test
    void ecdsaAndRsaHeadsSignedHereVerifyOnlyWithTheirKey() throws Exception {
        for (String[] alg : new String[][] {{"EC", "SHA256withECDSA", "3"}, {"RSA", "SHA256withRSA", "1"}}) {
            KeyPairGenerator g = KeyPairGenerator.getInstance(alg[0]);
            g.initialize(alg[0].equals("EC") ? 256 : 2048);
            KeyPair pair = g.generateKeyPair();
            KeyPair other = g.generateKeyPair();
            byte[] root = MerkleHash.leaf(new byte[] {1, 2, 3});
            byte[] signed = ByteBuffer.allocate(50).put((byte) 0).put((byte) 1).putLong(1700000000000L).putLong(42).put(root).array();
            Signature s = Signature.getInstance(alg[1]);
            s.initSign(pair.getPrivate());
            s.update(signed);
            byte[] sig = s.sign();
            byte[] digitallySigned = ByteBuffer.allocate(4 + sig.length).put((byte) 4).put((byte) Integer.parseInt(alg[2]))
                    .putShort((short) sig.length).put(sig).array();
            SignedTreeHead head = new SignedTreeHead(42, 1700000000000L, root, digitallySigned);
            head.verify(new LogKey(pair.getPublic().getEncoded()));
            assertThrows(ProofException.class, () -> head.verify(new LogKey(other.getPublic().getEncoded())));
            byte[] truncated = java.util.Arrays.copyOf(digitallySigned, digitallySigned.length - 1);
            assertThrows(ProofException.class, () -> new SignedTreeHead(42, 1700000000000L, root, truncated)
                    .verify(new LogKey(pair.getPublic().getEncoded())));
        }
    }
}
