package dev.certstream.watcher.verify;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/**
 * A CT log's public key from the log list (its SubjectPublicKeyInfo: ECDSA P-256 or RSA), and the check
 * of a signature over an RFC 6962 TreeHeadSignature (version v1, signature_type tree_hash, timestamp,
 * tree_size, sha256_root_hash) made with SHA-256, shared by get-sth and static-ct checkpoints.
 */
public final class LogKey {
    /** TLS HashAlgorithm sha256. */
    public static final int HASH_SHA256 = 4;
    /** TLS SignatureAlgorithm rsa and ecdsa. */
    public static final int SIG_RSA = 1;
    public static final int SIG_ECDSA = 3;
    private static final byte VERSION_V1 = 0;
    private static final byte TREE_HASH = 1;

    private final PublicKey key;
    private final int signatureAlgorithm;
    private final String jcaAlgorithm;
    private final byte[] logId;

    /**
     * @param spkiDer the log list's {@code key}, base64-decoded
     * @throws IllegalArgumentException when it is not an EC or RSA SubjectPublicKeyInfo
     */
    public LogKey(byte[] spkiDer) {
        try {
            ASN1ObjectIdentifier algorithm = SubjectPublicKeyInfo.getInstance(spkiDer).getAlgorithm().getAlgorithm();
            if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
                key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spkiDer));
                signatureAlgorithm = SIG_ECDSA;
                jcaAlgorithm = "SHA256withECDSA";
            } else if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
                key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spkiDer));
                signatureAlgorithm = SIG_RSA;
                jcaAlgorithm = "SHA256withRSA";
            } else {
                throw new IllegalArgumentException("log key algorithm " + algorithm + " is neither EC nor RSA");
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("unusable log key: " + e.getMessage(), e);
        }
        logId = sha256(spkiDer);
    }

    /** Whether a log list key is one this class can check signatures with (null: no key at all). */
    public static boolean usable(byte[] spkiDer) {
        if (spkiDer == null) {
            return false;
        }
        try {
            new LogKey(spkiDer);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The RFC 6962 LogID: SHA-256 of the key's DER. */
    public byte[] logId() {
        return logId.clone();
    }

    /** The TLS SignatureAlgorithm this key signs with. */
    public int signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /**
     * Checks a signature over the TreeHeadSignature of (timestamp, treeSize, root).
     *
     * @throws ProofException when the algorithms are not (SHA-256, this key's) or the signature does not verify
     */
    public void verifyTreeHead(long timestamp, long treeSize, byte[] root, int hashAlgorithm, int signatureAlg,
                               byte[] signature) throws ProofException {
        if (hashAlgorithm != HASH_SHA256 || signatureAlg != signatureAlgorithm) {
            throw new ProofException("signed with hash " + hashAlgorithm + " and algorithm " + signatureAlg
                    + ", expected " + HASH_SHA256 + " and " + signatureAlgorithm);
        }
        MerkleHash.requireHash(root, "root");
        byte[] signed = ByteBuffer.allocate(2 + 8 + 8 + MerkleHash.SIZE).put(VERSION_V1).put(TREE_HASH)
                .putLong(timestamp).putLong(treeSize).put(root).array();
        try {
            Signature verifier = Signature.getInstance(jcaAlgorithm);
            verifier.initVerify(key);
            verifier.update(signed);
            if (!verifier.verify(signature)) {
                throw new ProofException("signature does not verify");
            }
        } catch (GeneralSecurityException e) {
            throw new ProofException("signature does not verify: " + e.getMessage());
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }
}
