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
 */
public record TileEntry(long index, long timestampMs, EntryType type, byte[] leafDer, byte[] issuerKeyHash,
                        byte[] tbs, List<Fingerprint> chainFingerprints) {

    public TileEntry {
        chainFingerprints = List.copyOf(chainFingerprints);
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
        return new DecodedEntry(index, timestampMs, type, leafDer, List.copyOf(chainDer), certLink);
    }
}
