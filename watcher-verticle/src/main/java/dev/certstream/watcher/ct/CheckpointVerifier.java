package dev.certstream.watcher.ct;

import dev.certstream.render.ct.TlsFormatException;
import dev.certstream.render.ct.TlsReader;
import dev.certstream.watcher.verify.LogKey;
import dev.certstream.watcher.verify.ProofException;
import dev.certstream.watcher.verify.SignedTreeHead;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

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

    private final String origin;
    private final LogKey key;
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
            this.key = new LogKey(spkiDer);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (log " + origin + ")", e);
        }
        this.keyId = ByteBuffer.wrap(sha256(concat(origin.getBytes(StandardCharsets.UTF_8),
                new byte[] {'\n', SIGNATURE_TYPE_RFC6962}, key.logId()))).getInt();
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
        return key.logId();
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
        SignedTreeHead head;
        try {
            TlsReader reader = new TlsReader(line.signature());
            timestamp = reader.readUint64("timestamp");
            int hash = reader.readUint8("hash algorithm");
            int algorithm = reader.readUint8("signature algorithm");
            byte[] signature = reader.readOpaque(2, "signature");
            reader.expectEnd("RFC6962NoteSignature");
            // What follows the timestamp is the TLS DigitallySigned get-sth carries: keep it in that form.
            head = new SignedTreeHead(checkpoint.treeSize(), timestamp, checkpoint.rootHash(),
                    Arrays.copyOfRange(line.signature(), Long.BYTES, line.signature().length));
            try {
                key.verifyTreeHead(timestamp, checkpoint.treeSize(), checkpoint.rootHash(), hash, algorithm, signature);
            } catch (ProofException e) {
                return CheckpointVerification.failed(BAD_SIGNATURE, e.getMessage(), head);
            }
        } catch (TlsFormatException e) {
            return CheckpointVerification.failed(BAD_SIGNATURE, "malformed RFC6962NoteSignature: " + e.getMessage());
        }
        return new CheckpointVerification(CheckpointVerification.Status.VERIFIED,
                "tree size " + checkpoint.treeSize() + " signed by " + origin, timestamp, head);
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
