package dev.certstream.simulator.entry;


import java.util.List;

/**
 * What a simulated log holds at one index: exactly what a correct watcher must publish for it,
 * or, when {@code corrupt}, an entry whose certificate bytes are garbage and must be counted instead.
 *
 * @param index          the entry's index in its log
 * @param precert        a precert_entry (true) or an x509_entry (false)
 * @param leafDer        the certificate, or for a precert entry the pre_certificate (with the poison)
 * @param precertTbsDer  precert entries: the TBSCertificate without the poison (the leaf_input's
 *                       tbs_certificate); null for X509 entries
 * @param issuerKeyHash  precert entries: SHA-256 of the issuer's SubjectPublicKeyInfo; null for X509
 * @param chainDer       the chain the log stores, issuer first, root last (empty when a replayed
 *                       source has no issuer certificates)
 * @param chainSha256    SHA-256 of each chain certificate, in chain order (what a data tile lists)
 * @param timestampMs    the entry's log timestamp in milliseconds
 * @param corrupt        true when the certificate bytes are garbage (an injected corrupt entry) or,
 *                       for replayed files, do not parse as X.509
 */
public record SimulatedEntry(long index, boolean precert, byte[] leafDer, byte[] precertTbsDer, byte[] issuerKeyHash,
                             List<byte[]> chainDer, List<byte[]> chainSha256, long timestampMs, boolean corrupt) {

    public SimulatedEntry {
        chainDer = List.copyOf(chainDer);
        chainSha256 = List.copyOf(chainSha256);
    }
}
