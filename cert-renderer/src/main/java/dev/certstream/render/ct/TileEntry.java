package dev.certstream.render.ct;

import java.util.List;

/**
 * One entry of a static-ct-api data tile (a TileLeaf), decoded and checked against its position; its
 * chain is still fingerprints, to be resolved through the log's issuer endpoint.
 *
 * @param index             the entry's index in the log (its position; its leaf_index extension agreed)
 * @param timestampMs       the log timestamp in milliseconds
 * @param type              X509 or precertificate entry
 * @param leafDer           the certificate; for a precertificate entry the submitted pre_certificate
 * @param issuerKeyHash     precertificate entries: SHA-256 of the issuer's key; x509 entries: null
 * @param tbs               precertificate entries: the TBSCertificate the log signed; x509 entries: null
 * @param chainFingerprints SHA-256 of each chain certificate, issuer first, as submitted
 * @param timestampedEntryFrom offset in the tile of the entry's TimestampedEntry (its timestamp)
 * @param timestampedEntryTo   offset in the tile just after the TimestampedEntry (after its extensions)
 */
public record TileEntry(long index, long timestampMs, EntryType type, byte[] leafDer, byte[] issuerKeyHash,
                        byte[] tbs, List<Fingerprint> chainFingerprints, int timestampedEntryFrom,
                        int timestampedEntryTo) {

    private static final int MERKLE_LEAF_PREFIX = 2;

    public TileEntry {
        chainFingerprints = List.copyOf(chainFingerprints);
        if (timestampedEntryFrom < 0 || timestampedEntryTo < timestampedEntryFrom) {
            throw new IllegalArgumentException("TimestampedEntry range [" + timestampedEntryFrom + ", "
                    + timestampedEntryTo + ") of entry " + index);
        }
    }

    /**
     * The entry's MerkleTreeLeaf, the bytes its leaf hash covers (RFC 6962 section 3.4): version v1 (0),
     * leaf type timestamped_entry (0), then the TimestampedEntry exactly as the tile holds it, up to and
     * including its extensions. {@code tile} is the decompressed tile this entry was decoded from.
     */
    public byte[] merkleTreeLeaf(byte[] tile) {
        if (timestampedEntryTo > tile.length) {
            throw new IllegalArgumentException("entry " + index + " ends at " + timestampedEntryTo
                    + ", past the " + tile.length + "-byte tile given");
        }
        byte[] leaf = new byte[MERKLE_LEAF_PREFIX + timestampedEntryTo - timestampedEntryFrom];
        System.arraycopy(tile, timestampedEntryFrom, leaf, MERKLE_LEAF_PREFIX, timestampedEntryTo - timestampedEntryFrom);
        return leaf;
    }

    /**
     * The entry as every API gives it once the chain certificates have been fetched by fingerprint. The
     * certificates are not checked against the fingerprints here, so their SHA-256 is computed again when
     * rendered; a caller that checked them builds the {@link DecodedEntry} with the fingerprints.
     */
    public DecodedEntry toDecodedEntry(List<byte[]> chainDer, String certLink) {
        if (chainDer.size() != chainFingerprints.size()) {
            throw new IllegalArgumentException("entry " + index + " has " + chainFingerprints.size()
                    + " chain fingerprints, got " + chainDer.size() + " certificates");
        }
        return new DecodedEntry(index, timestampMs, type, leafDer, List.copyOf(chainDer), certLink, null, tbs);
    }
}
