package dev.certstream.watcher.ct;

import dev.certstream.testing.TlsTestWriter;
import dev.certstream.testing.TestData;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;

/** Signs checkpoints the way a static-ct-api log does, so tests can make valid and broken ones. */
final class CheckpointTestSigner {

    private CheckpointTestSigner() {
    }

    /** The note text of a checkpoint, with the blank line that ends it. */
    static String body(String origin, long treeSize, byte[] rootHash) {
        return origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n\n";
    }

    /**
     * The log's own signature line: {@code — origin base64(keyID || timestamp || hash || sig alg || sig)}.
     *
     * @param jcaAlgorithm  SHA256withECDSA or SHA256withRSA
     * @param tlsSigAlg     the TLS SignatureAlgorithm byte written (3 ECDSA, 1 RSA), which may lie on purpose
     */
    static String signatureLine(KeyPair keys, String origin, long timestamp, long treeSize, byte[] rootHash,
                                String jcaAlgorithm, int tlsSigAlg) throws Exception {
        Signature signer = Signature.getInstance(jcaAlgorithm);
        signer.initSign(keys.getPrivate());
        signer.update(ByteBuffer.allocate(50).put((byte) 0).put((byte) 1).putLong(timestamp).putLong(treeSize)
                .put(rootHash).array());
        byte[] signature = signer.sign();
        byte[] blob = new TlsTestWriter().bytes(keyId(keys.getPublic().getEncoded(), origin)).uint(8, timestamp)
                .uint(1, 4).uint(1, tlsSigAlg).opaque(2, signature).toBytes();
        return line(origin, blob);
    }

    static String line(String keyName, byte[] keyIdAndSignature) {
        return "\u2014 " + keyName + " " + Base64.getEncoder().encodeToString(keyIdAndSignature) + "\n";
    }

    /** SHA-256(key name || 0x0A || 0x05 || SHA-256(SPKI))[:4], computed here independently of the verifier. */
    static byte[] keyId(byte[] spki, String keyName) {
        byte[] logId = TestData.sha256(spki);
        byte[] name = keyName.getBytes(StandardCharsets.UTF_8);
        byte[] input = ByteBuffer.allocate(name.length + 2 + 32).put(name).put((byte) '\n').put((byte) 5).put(logId)
                .array();
        byte[] id = new byte[4];
        System.arraycopy(TestData.sha256(input), 0, id, 0, 4);
        return id;
    }
}
