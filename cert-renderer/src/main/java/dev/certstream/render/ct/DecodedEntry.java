package dev.certstream.render.ct;

import java.util.List;

/**
 * One log entry decoded from its CT encoding, before rendering: what every API gives once its
 * chain is known.
 *
 * @param index             the entry's index in its log
 * @param timestampMs       the entry's log timestamp in milliseconds
 * @param type              X509 or precertificate entry
 * @param leafDer           the certificate's DER; for a precertificate entry the submitted pre_certificate
 * @param chainDer          the chain certificates' DER, issuer first, as the log gave them
 * @param certLink          RFC 6962: the get-entries URL of this entry; static-ct-api: the data tile URL
 * @param chainFingerprints the SHA-256 of each of {@code chainDer}, when the caller checked them already (a
 *                          static-ct-api issuer is checked against its fingerprint when fetched), so that
 *                          rendering does not hash them again; null to have them computed
 * @param precertTbs        precert entries: the TBSCertificate the log signed (leaf_input or tile
 *                          {@code tbs_certificate}), the input of the issuance id; null when not known
 */
public record DecodedEntry(long index, long timestampMs, EntryType type, byte[] leafDer,
                           List<byte[]> chainDer, String certLink, List<Fingerprint> chainFingerprints,
                           byte[] precertTbs) {

    public DecodedEntry {
        if (chainFingerprints != null && (chainDer == null || chainDer.size() != chainFingerprints.size())) {
            throw new IllegalArgumentException("entry " + index + ": " + chainFingerprints.size()
                    + " chain fingerprints for " + (chainDer == null ? 0 : chainDer.size()) + " certificates");
        }
    }

    /** An entry whose chain certificates' fingerprints are computed when it is rendered. */
    public DecodedEntry(long index, long timestampMs, EntryType type, byte[] leafDer, List<byte[]> chainDer,
                        String certLink) {
        this(index, timestampMs, type, leafDer, chainDer, certLink, null, null);
    }

    /** An entry without the log's TBS (its issuance id then comes from the certificate's own TBS). */
    public DecodedEntry(long index, long timestampMs, EntryType type, byte[] leafDer, List<byte[]> chainDer,
                        String certLink, List<Fingerprint> chainFingerprints) {
        this(index, timestampMs, type, leafDer, chainDer, certLink, chainFingerprints, null);
    }
}
