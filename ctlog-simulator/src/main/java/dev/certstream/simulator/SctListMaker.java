package dev.certstream.simulator;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Makes the TLS-encoded SignedCertificateTimestampList of a final certificate: one SCT from each of
 * two made-up logs, signed (ECDSA P-256) over the real RFC 6962 precert input of the template.
 */
final class SctListMaker {

    private final List<SimKey> sctLogs;

    SctListMaker(long seed) {
        this.sctLogs = List.of(SimKey.of(SimKey.Kind.P256, seed, "sct-log-a"), SimKey.of(SimKey.Kind.P256, seed, "sct-log-b"));
    }

    /** The list (without the DER OCTET STRING wrapper the certificate extension adds). */
    byte[] sctList(byte[] issuerKeyHash, byte[] precertTbs, long timestampMs) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < sctLogs.size(); i++) {
            byte[] sct = sct(sctLogs.get(i), issuerKeyHash, precertTbs, timestampMs + 1000L * i);
            all.write(sct.length >> 8);
            all.write(sct.length);
            all.writeBytes(sct);
        }
        byte[] body = all.toByteArray();
        byte[] out = new byte[2 + body.length];
        Bytes.put(out, 0, body.length, 2);
        System.arraycopy(body, 0, out, 2, body.length);
        return out;
    }

    private static byte[] sct(SimKey log, byte[] issuerKeyHash, byte[] precertTbs, long timestampMs) {
        byte[] signed = new byte[1 + 1 + 8 + 2 + 32 + 3 + precertTbs.length + 2];
        int at = Bytes.put(signed, 0, 0, 1);           // sct_version v1
        at = Bytes.put(signed, at, 0, 1);               // signature_type certificate_timestamp
        at = Bytes.put(signed, at, timestampMs, 8);
        at = Bytes.put(signed, at, 1, 2);               // entry_type precert_entry
        System.arraycopy(issuerKeyHash, 0, signed, at, 32);
        at = Bytes.put(signed, at + 32, precertTbs.length, 3);
        System.arraycopy(precertTbs, 0, signed, at, precertTbs.length);
        byte[] signature = log.signSha256(signed);      // extensions (2 zero bytes) already in place

        byte[] sct = new byte[1 + 32 + 8 + 2 + 4 + signature.length];
        at = Bytes.put(sct, 0, 0, 1);
        byte[] logId = Bytes.sha256(log.spkiDer);
        System.arraycopy(logId, 0, sct, at, 32);
        at = Bytes.put(sct, at + 32, timestampMs, 8);
        at = Bytes.put(sct, at, 0, 2);
        at = Bytes.put(sct, at, 4, 1);                  // hash sha256
        at = Bytes.put(sct, at, 3, 1);                  // signature ecdsa
        at = Bytes.put(sct, at, signature.length, 2);
        System.arraycopy(signature, 0, sct, at, signature.length);
        return sct;
    }
}
