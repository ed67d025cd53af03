package dev.certstream.watcher.ct;

import dev.certstream.render.ct.TlsFormatException;
import dev.certstream.render.ct.TlsReader;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

import static dev.certstream.watcher.ct.CheckpointVerification.Status.BAD_SIGNATURE;
import static dev.certstream.watcher.ct.CheckpointVerification.Status.NO_MATCHING_SIGNATURE;
import static dev.certstream.watcher.ct.CheckpointVerification.Status.WRONG_ORIGIN;

/**
 * Verifies a static-ct-api checkpoint against one log: finds the log's RFC6962NoteSignature line (key
 * name = origin, key ID from the LogID) and checks it over the RFC 6962 TreeHeadSignature; other lines
 * (witness cosignatures, other keys) are ignored, as the signed-note spec requires.
 */
public final class CheckpointVerifier {

    private static final byte SIGNATURE_TYPE_RFC6962 = 0x05;
    private static final int HASH_SHA256 = 4;
    private static final int SIG_RSA = 1;
    private static final int SIG_ECDSA = 3;
    private static final byte VERSION_V1 = 0;
    private static final byte TREE_HASH = 1;

    private final String origin;
    private final PublicKey key;
    private final int signatureAlgorithm;
    private final String jcaAlgorithm;
    private final byte[] logId;
    private final int keyId;

    /**
     * @param spkiDer the log's SubjectPublicKeyInfo DER (the log list's {@code key}, base64-decoded)
     * @param origin  the checkpoint origin: the submission URL without scheme and trailing slash
     * @throws IllegalArgumentException when the key is neither an EC nor an RSA key
     */
    public CheckpointVerifier(byte[] spkiDer, String origin) {
        if (origin == null || origin.isEmpty()) {
            throw new IllegalArgumentException("empty origin");
        }
        this.origin = origin;
        try {
            ASN1ObjectIdentifier algorithm = SubjectPublicKeyInfo.getInstance(spkiDer).getAlgorithm().getAlgorithm();
            if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
                this.key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spkiDer));
                this.signatureAlgorithm = SIG_ECDSA;
                this.jcaAlgorithm = "SHA256withECDSA";
            } else if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
                this.key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spkiDer));
                this.signatureAlgorithm = SIG_RSA;
                this.jcaAlgorithm = "SHA256withRSA";
            } else {
                throw new IllegalArgumentException("log key algorithm " + algorithm + " is neither EC nor RSA");
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("unusable log key for " + origin + ": " + e.getMessage(), e);
        }
        this.logId = sha256(spkiDer);
        this.keyId = ByteBuffer.wrap(sha256(concat(origin.getBytes(StandardCharsets.UTF_8),
                new byte[] {'\n', SIGNATURE_TYPE_RFC6962}, logId))).getInt();
    }

    /** The checkpoint origin of a log: its submission URL without the scheme and trailing slashes. */
    public static String originOf(String submissionUrl) {
        String origin = submissionUrl.replaceFirst("^[A-Za-z][A-Za-z0-9+.-]*://", "");
        while (origin.endsWith("/")) {
            origin = origin.substring(0, origin.length() - 1);
        }
        return origin;
    }

    /** The RFC 6962 LogID: SHA-256 of the key's DER. */
    public byte[] logId() {
        return logId.clone();
    }

    /** The key ID the log's signature line must carry. */
    public int keyId() {
        return keyId;
    }

    public CheckpointVerification verify(Checkpoint checkpoint) {
        if (!checkpoint.origin().equals(origin)) {
            return CheckpointVerification.failed(WRONG_ORIGIN, "origin line '" + checkpoint.origin()
                    + "' is not '" + origin + "'");
        }
        // The first line with our name and key ID decides, like Go's note.Open; repeats are ignored.
        for (CheckpointSignature line : checkpoint.signatures()) {
            if (line.keyName().equals(origin) && line.keyId() == keyId) {
                return verifyLine(checkpoint, line);
            }
        }
        return CheckpointVerification.failed(NO_MATCHING_SIGNATURE, "none of " + checkpoint.signatures().size()
                + " signature lines is from " + origin + String.format(" with key ID %08x", keyId));
    }

    private CheckpointVerification verifyLine(Checkpoint checkpoint, CheckpointSignature line) {
        if (!checkpoint.extensionLines().isEmpty()) {
            return CheckpointVerification.failed(BAD_SIGNATURE,
                    "extension lines are not covered by an RFC 6962 signature, and the spec forbids them");
        }
        long timestamp;
        byte[] signature;
        try {
            TlsReader reader = new TlsReader(line.signature());
            timestamp = reader.readUint64("timestamp");
            int hash = reader.readUint8("hash algorithm");
            int algorithm = reader.readUint8("signature algorithm");
            signature = reader.readOpaque(2, "signature");
            reader.expectEnd("RFC6962NoteSignature");
            if (hash != HASH_SHA256 || algorithm != signatureAlgorithm) {
                return CheckpointVerification.failed(BAD_SIGNATURE, "signed with hash " + hash + " and algorithm "
                        + algorithm + ", expected " + HASH_SHA256 + " and " + signatureAlgorithm);
            }
        } catch (TlsFormatException e) {
            return CheckpointVerification.failed(BAD_SIGNATURE, "malformed RFC6962NoteSignature: " + e.getMessage());
        }
        byte[] signed = ByteBuffer.allocate(2 + 8 + 8 + 32).put(VERSION_V1).put(TREE_HASH).putLong(timestamp)
                .putLong(checkpoint.treeSize()).put(checkpoint.rootHash()).array();
        try {
            Signature verifier = Signature.getInstance(jcaAlgorithm);
            verifier.initVerify(key);
            verifier.update(signed);
            if (verifier.verify(signature)) {
                return new CheckpointVerification(CheckpointVerification.Status.VERIFIED,
                        "tree size " + checkpoint.treeSize() + " signed by " + origin, timestamp);
            }
            return CheckpointVerification.failed(BAD_SIGNATURE, "signature does not verify");
        } catch (GeneralSecurityException e) {
            return CheckpointVerification.failed(BAD_SIGNATURE, "signature does not verify: " + e.getMessage());
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            buffer.put(part);
        }
        return buffer.array();
    }
}
