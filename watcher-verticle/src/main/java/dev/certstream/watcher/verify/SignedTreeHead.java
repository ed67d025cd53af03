package dev.certstream.watcher.verify;

import dev.certstream.render.ct.TlsFormatException;
import dev.certstream.render.ct.TlsReader;

import java.util.Arrays;
import java.util.Base64;

/**
 * An RFC 6962 get-sth answer, and the check of its tree_head_signature (a TLS DigitallySigned struct:
 * hash algorithm, signature algorithm, 2-byte length, signature) with the log's key.
 *
 * @param treeSize  tree_size
 * @param timestamp timestamp (ms)
 * @param rootHash  sha256_root_hash
 * @param signature tree_head_signature, raw
 */
public record SignedTreeHead(long treeSize, long timestamp, byte[] rootHash, byte[] signature) {

    public SignedTreeHead {
        if (treeSize < 0) {
            throw new IllegalArgumentException("negative tree_size " + treeSize);
        }
        MerkleHash.requireHash(rootHash, "sha256_root_hash");
        rootHash = rootHash.clone();
        signature = signature.clone();
    }

    /** From the base64 fields of a get-sth answer. */
    public static SignedTreeHead of(long treeSize, long timestamp, String rootBase64, String signatureBase64) {
        return new SignedTreeHead(treeSize, timestamp, Base64.getDecoder().decode(rootBase64),
                Base64.getDecoder().decode(signatureBase64));
    }

    /** Verifies the signature; throws ProofException saying why it fails. */
    public void verify(LogKey key) throws ProofException {
        int hash;
        int algorithm;
        byte[] sig;
        try {
            TlsReader reader = new TlsReader(signature);
            hash = reader.readUint8("hash algorithm");
            algorithm = reader.readUint8("signature algorithm");
            sig = reader.readOpaque(2, "signature");
            reader.expectEnd("DigitallySigned");
        } catch (TlsFormatException e) {
            throw new ProofException("malformed tree_head_signature: " + e.getMessage());
        }
        key.verifyTreeHead(timestamp, treeSize, rootHash, hash, algorithm, sig);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedTreeHead h && h.treeSize == treeSize && h.timestamp == timestamp
                && Arrays.equals(h.rootHash, rootHash) && Arrays.equals(h.signature, signature);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(treeSize) * 31 + Arrays.hashCode(rootHash);
    }

    @Override
    public String toString() {
        return "SignedTreeHead[size=" + treeSize + ", timestamp=" + timestamp + ", root=" + MerkleProofs.hex(rootHash) + "]";
    }
}
