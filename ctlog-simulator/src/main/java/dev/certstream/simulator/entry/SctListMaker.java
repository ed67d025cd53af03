package dev.certstream.simulator.entry;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Makes the TLS-encoded SignedCertificateTimestampList of a final certificate: one SCT from each of
 * two made-up logs. The signature is a real ECDSA P-256 signature by that log's key, made once over
 * a fixed message and reused: patched entries could never verify anyway, and signing the RFC 6962
 * input per template doubled the pool's build time.
 */
final class SctListMaker {

    private final List<SimKey> sctLogs;
    private final List<byte[]> signatures;

    SctListMaker(long seed) {
        this.sctLogs = List.of(SimKey.of(SimKey.Kind.P256, seed, "sct-log-a"), SimKey.of(SimKey.Kind.P256, seed, "sct-log-b"));
        this.signatures = sctLogs.stream()
                .map(log -> log.signSha256("certstream-simulator SCT".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .toList();
    }

    /** The list (without the DER OCTET STRING wrapper the certificate extension adds). */
    byte[] sctList(long timestampMs) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < sctLogs.size(); i++) {
            byte[] sct = sct(sctLogs.get(i), signatures.get(i), timestampMs + 1000L * i);
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

    private static byte[] sct(SimKey log, byte[] signature, long timestampMs) {
        byte[] sct = new byte[1 + 32 + 8 + 2 + 4 + signature.length];
        int at = Bytes.put(sct, 0, 0, 1);
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
