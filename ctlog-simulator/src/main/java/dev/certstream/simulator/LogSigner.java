package dev.certstream.simulator;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A log's signing identity: its ECDSA P-256 key and log ID, RFC 6962 tree head signatures, and
 * static-ct-api checkpoints (signed notes) with an optional witness cosignature by another key.
 */
final class LogSigner {

    private static final String WITNESS_NAME = "witness.sim-ct.example";

    final SimKey key;
    /** SHA-256 of the log's SubjectPublicKeyInfo DER. */
    final byte[] logId;
    private final AsymmetricCipherKeyPair witness;

    LogSigner(long seed, String logName) {
        this.key = SimKey.of(SimKey.Kind.P256, seed, "log/" + logName);
        this.logId = Bytes.sha256(key.spkiDer);
        Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
        generator.init(new Ed25519KeyGenerationParameters(new SeededRandom(seed, "witness")));
        this.witness = generator.generateKeyPair();
    }

    /** The TLS digitally-signed struct (sha256, ecdsa, DER signature) over an RFC 6962 TreeHeadSignature. */
    byte[] treeHeadSignature(long timestampMs, long treeSize, byte[] rootHash) {
        byte[] signed = new byte[1 + 1 + 8 + 8 + 32];
        int at = Bytes.put(signed, 0, 0, 1);      // version v1
        at = Bytes.put(signed, at, 1, 1);          // signature_type tree_hash
        at = Bytes.put(signed, at, timestampMs, 8);
        at = Bytes.put(signed, at, treeSize, 8);
        System.arraycopy(rootHash, 0, signed, at, 32);
        byte[] signature = key.signSha256(signed);
        byte[] out = new byte[4 + signature.length];
        Bytes.put(out, 0, 4, 1);
        Bytes.put(out, 1, 3, 1);
        Bytes.put(out, 2, signature.length, 2);
        System.arraycopy(signature, 0, out, 4, signature.length);
        return out;
    }

    /** A checkpoint signed note for {@code origin} and the tree's {@code root}, signed with an RFC6962NoteSignature line. */
    String checkpoint(String origin, long treeSize, byte[] root, long timestampMs, boolean witnessLine) {
        return checkpoint(origin, treeSize, root, timestampMs, witnessLine, false);
    }

    /** As above; with {@code badSignature} the log's line signs another timestamp than it names (a {@link Lie}). */
    String checkpoint(String origin, long treeSize, byte[] root, long timestampMs, boolean witnessLine, boolean badSignature) {
        String body = origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
        byte[] digitallySigned = treeHeadSignature(badSignature ? timestampMs + 1 : timestampMs, treeSize, root);
        byte[] blob = new byte[4 + 8 + digitallySigned.length];
        System.arraycopy(keyId(origin, (byte) 0x05, logId), 0, blob, 0, 4);
        Bytes.put(blob, 4, timestampMs, 8);
        System.arraycopy(digitallySigned, 0, blob, 12, digitallySigned.length);
        StringBuilder note = new StringBuilder(body).append('\n');
        note.append("\u2014 ").append(origin).append(' ').append(Base64.getEncoder().encodeToString(blob)).append('\n');
        if (witnessLine) {
            note.append(cosignature(body, timestampMs / 1000));
        }
        return note.toString();
    }

    /** A C2SP tlog-cosignature/v1 line from the simulator's witness key: clients must ignore it. */
    private String cosignature(String body, long timestampSeconds) {
        byte[] publicKey = ((Ed25519PublicKeyParameters) witness.getPublic()).getEncoded();
        byte[] message = ("cosignature/v1\ntime " + timestampSeconds + "\n" + body).getBytes(StandardCharsets.UTF_8);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, witness.getPrivate());
        signer.update(message, 0, message.length);
        byte[] signature = signer.generateSignature();
        byte[] blob = new byte[4 + 8 + signature.length];
        System.arraycopy(keyId(WITNESS_NAME, (byte) 0x04, publicKey), 0, blob, 0, 4);
        Bytes.put(blob, 4, timestampSeconds, 8);
        System.arraycopy(signature, 0, blob, 12, signature.length);
        return "\u2014 " + WITNESS_NAME + " " + Base64.getEncoder().encodeToString(blob) + "\n";
    }

    /** First 4 bytes of SHA-256(name || '\n' || type || key material): a signed-note key ID. */
    static byte[] keyId(String name, byte type, byte[] keyMaterial) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[nameBytes.length + 2 + keyMaterial.length];
        System.arraycopy(nameBytes, 0, input, 0, nameBytes.length);
        input[nameBytes.length] = 0x0A;
        input[nameBytes.length + 1] = type;
        System.arraycopy(keyMaterial, 0, input, nameBytes.length + 2, keyMaterial.length);
        byte[] hash = Bytes.sha256(input);
        return new byte[] {hash[0], hash[1], hash[2], hash[3]};
    }
}
