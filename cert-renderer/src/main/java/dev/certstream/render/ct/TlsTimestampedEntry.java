package dev.certstream.render.ct;


/**
 * The RFC 6962 {@code TimestampedEntry} (§3.4) that both an RFC 6962 leaf_input and a static-ct-api
 * TileLeaf start with.
 *
 * @param timestampMs   the log timestamp, milliseconds since the epoch
 * @param type          x509_entry or precert_entry
 * @param certificate   x509_entry: the certificate DER; precert_entry: null
 * @param issuerKeyHash precert_entry: SHA-256 of the issuer's SubjectPublicKeyInfo; x509_entry: null
 * @param tbs           precert_entry: the TBSCertificate the log signed (poison removed); x509_entry: null
 * @param extensions    the raw CtExtensions bytes (empty for most RFC 6962 logs)
 */
public record TlsTimestampedEntry(long timestampMs, EntryType type, byte[] certificate, byte[] issuerKeyHash,
                                  byte[] tbs, byte[] extensions) {

    private static final int X509_ENTRY = 0;
    private static final int PRECERT_ENTRY = 1;
    private static final int ISSUER_KEY_HASH_BYTES = 32;

    /**
     * Reads one TimestampedEntry; a zero-length certificate or TBS is framed correctly but invalid
     * (ASN.1Cert is {@code opaque<1..2^24-1>}), so the caller decides what it means via {@link #emptyPart()}.
     */
    public static TlsTimestampedEntry read(TlsReader reader) throws TlsFormatException {
        long timestamp = reader.readUint64("timestamp");
        int typeAt = reader.position();
        int entryType = reader.readUint16("entry_type");
        return switch (entryType) {
            case X509_ENTRY -> new TlsTimestampedEntry(timestamp, EntryType.X509,
                    reader.readOpaque(3, "certificate"), null, null, reader.readOpaque(2, "extensions"));
            case PRECERT_ENTRY -> {
                byte[] issuerKeyHash = reader.readBytes(ISSUER_KEY_HASH_BYTES, "issuer_key_hash");
                byte[] tbs = reader.readOpaque(3, "tbs_certificate");
                yield new TlsTimestampedEntry(timestamp, EntryType.PRECERT, null, issuerKeyHash, tbs,
                        reader.readOpaque(2, "extensions"));
            }
            default -> throw new TlsFormatException("unknown entry_type " + entryType, typeAt);
        };
    }

    /** The name of a certificate field that is present but empty, or null when none is. */
    public String emptyPart() {
        if (certificate != null && certificate.length == 0) {
            return "certificate";
        }
        if (tbs != null && tbs.length == 0) {
            return "tbs_certificate";
        }
        return null;
    }
}
