package dev.certstream.simulator.entry;

import dev.certstream.simulator.SimulatorConfig;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sharedRate}: at the shared indices every generated log holds one issuance, as the same certificate in
 * some logs and as its precertificate or final certificate in others; elsewhere the logs differ, and with
 * {@code sharedRate} 0 a log's entries are what they always were.
 */
class SharedIssuanceTest {

    private static final List<String> LOGS = List.of("rfc0", "rfc1", "tiled0", "tiled1");
    private static final int ENTRIES = 400;

    private static GeneratedEntries log(String name, double sharedRate) {
        CertificatePool pool = CertificatePool.of(1, 300, SimulatorConfig.DEFAULT_EPOCH_MS);
        return new GeneratedEntries(pool, 1, name, 0, sharedRate, SimulatorConfig.DEFAULT_EPOCH_MS, null);
    }

    @Test
    void sharedIndicesHoldOneIssuanceInEveryLog() throws Exception {
        List<GeneratedEntries> logs = LOGS.stream().map(name -> log(name, 0.5)).toList();
        int shared = 0;
        int sameCertificate = 0;
        int pairs = 0;
        for (long i = 0; i < ENTRIES; i++) {
            List<SimulatedEntry> entries = new java.util.ArrayList<>();
            for (GeneratedEntries log : logs) {
                entries.add(log.entry(i));
            }
            byte[] issuance = issuanceTbs(entries.get(0));
            boolean all = entries.stream().allMatch(e -> Arrays.equals(issuance, issuanceTbs(e)));
            if (!all) {
                assertTrue(entries.stream().filter(e -> Arrays.equals(issuance, issuanceTbs(e))).count() == 1,
                        "an unshared index holds different issuances in every log: " + i);
                continue;
            }
            shared++;
            for (int a = 0; a < entries.size(); a++) {
                for (int b = a + 1; b < entries.size(); b++) {
                    SimulatedEntry x = entries.get(a);
                    SimulatedEntry y = entries.get(b);
                    if (x.precert() == y.precert()) {
                        assertArrayEquals(x.leafDer(), y.leafDer(), "the same certificate at index " + i);
                        sameCertificate++;
                    } else {
                        assertFalse(Arrays.equals(x.leafDer(), y.leafDer()));
                        pairs++;
                    }
                }
            }
        }
        assertTrue(shared > ENTRIES / 3 && shared < ENTRIES * 2 / 3, "about half the indices are shared: " + shared);
        assertTrue(sameCertificate > 50 && pairs > 50, sameCertificate + " same certificates, " + pairs + " pairs");
    }

    @Test
    void withoutSharingTheEntriesAreUnchanged() {
        GeneratedEntries before = log("rfc0", 0);
        GeneratedEntries shared = log("rfc0", 0.5);
        int same = 0;
        for (long i = 0; i < ENTRIES; i++) {
            SimulatedEntry a = before.entry(i);
            SimulatedEntry b = shared.entry(i);
            assertEquals(a.precert(), b.precert(), "the entry type is the log's own choice");
            same += Arrays.equals(a.leafDer(), b.leafDer()) ? 1 : 0;
        }
        assertTrue(same > ENTRIES / 3 && same < ENTRIES * 2 / 3, "unshared indices keep their entry: " + same);
    }

    /** The TBS a precert entry's log signs, or a certificate's TBS without its SCT list: what the issuance is. */
    private static byte[] issuanceTbs(SimulatedEntry entry) {
        if (entry.precert()) {
            return entry.precertTbsDer();
        }
        try {
            ASN1Sequence tbs = ASN1Sequence.getInstance(Certificate.getInstance(entry.leafDer()).getTBSCertificate()
                    .toASN1Primitive());
            ASN1EncodableVector fields = new ASN1EncodableVector();
            for (ASN1Encodable field : tbs) {
                if (field instanceof ASN1TaggedObject tagged && tagged.getTagNo() == 3) {
                    ASN1EncodableVector kept = new ASN1EncodableVector();
                    for (ASN1Encodable extension : ASN1Sequence.getInstance(tagged.getExplicitBaseObject())) {
                        if (!Extension.getInstance(extension).getExtnId().equals(LeafFactory.SCT_LIST)) {
                            kept.add(extension);
                        }
                    }
                    fields.add(new DERTaggedObject(true, 3, new DERSequence(kept)));
                } else {
                    fields.add(field);
                }
            }
            return new DERSequence(fields).getEncoded("DER");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
