package dev.certstream.simulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Test-only verification of RFC 6962 tree head signatures and static-ct-api checkpoints with the
 * JDK's own crypto (not Bouncy Castle), from the key a log list publishes.
 */
public final class CtSignatureVerifier {

    /** A verified checkpoint. */
    public record Checkpoint(String origin, long size, byte[] rootHash, long timestampMs, int ignoredLines) {
    }

    private CtSignatureVerifier() {
    }

    public static boolean verifyTreeHead(byte[] spkiDer, long timestampMs, long treeSize, byte[] rootHash, byte[] digitallySigned)
            throws Exception {
        ByteBuffer input = ByteBuffer.allocate(2 + 8 + 8 + 32);
        input.put((byte) 0).put((byte) 1).putLong(timestampMs).putLong(treeSize).put(rootHash);
        return verifyDigitallySigned(spkiDer, input.array(), digitallySigned);
    }

    /** TLS digitally-signed: hash 4 (sha256), signature 3 (ecdsa), 2-byte length, DER signature. */
    public static boolean verifyDigitallySigned(byte[] spkiDer, byte[] message, byte[] digitallySigned) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(digitallySigned);
        if (in.get() != 4 || in.get() != 3) {
            throw new AssertionError("expected sha256/ecdsa in digitally-signed");
        }
        byte[] der = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(der);
        if (in.hasRemaining()) {
            throw new AssertionError("trailing bytes after the signature");
        }
        PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spkiDer));
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(key);
        verifier.update(message);
        return verifier.verify(der);
    }

    /**
     * Parses a signed note and verifies the log's RFC6962NoteSignature line; lines from other keys are
     * counted and ignored, as clients must. Throws when no line of the log verifies.
     */
    public static Checkpoint verifyCheckpoint(String note, String expectedOrigin, byte[] spkiDer) throws Exception {
        int split = note.indexOf("\n\n");
        String body = note.substring(0, split + 1);
        String[] lines = body.split("\n");
        if (!lines[0].equals(expectedOrigin)) {
            throw new AssertionError("origin " + lines[0] + " != " + expectedOrigin);
        }
        long size = Long.parseLong(lines[1]);
        byte[] root = Base64.getDecoder().decode(lines[2]);
        byte[] logId = MessageDigest.getInstance("SHA-256").digest(spkiDer);
        byte[] wantedKeyId = Arrays.copyOf(keyIdHash(expectedOrigin, logId), 4);
        int ignored = 0;
        Long verifiedTimestamp = null;
        for (String line : note.substring(split + 2).split("\n")) {
            if (!line.startsWith("\u2014 ")) {
                throw new AssertionError("bad signature line: " + line);
            }
            String[] parts = line.substring(2).split(" ");
            byte[] blob = Base64.getDecoder().decode(parts[1]);
            if (!parts[0].equals(expectedOrigin) || !Arrays.equals(Arrays.copyOf(blob, 4), wantedKeyId)) {
                ignored++;
                continue;
            }
            long timestamp = ByteBuffer.wrap(blob, 4, 8).getLong();
            if (verifyTreeHead(spkiDer, timestamp, size, root, Arrays.copyOfRange(blob, 12, blob.length))) {
                verifiedTimestamp = timestamp;
            }
        }
        if (verifiedTimestamp == null) {
            throw new AssertionError("no valid signature by the log in:\n" + note);
        }
        return new Checkpoint(lines[0], size, root, verifiedTimestamp, ignored);
    }

    private static byte[] keyIdHash(String name, byte[] logId) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        sha.update(new byte[] {0x0A, 0x05});
        sha.update(logId);
        return sha.digest();
    }
}
