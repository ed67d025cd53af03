package dev.certstream.simulator.entry;

/**
 * One pre-built leaf of the pool in its three CT shapes: the precertificate (poison extension),
 * the final certificate (SCT list extension) and the precertificate's TBS without the poison,
 * all sharing one subject, SAN list, key and issuer.
 */
record LeafTemplate(IssuerCa issuer, PatchableDer precertificate, PatchableDer certificate,
                    PatchableDer precertificateTbs, int sanCount) {
}
