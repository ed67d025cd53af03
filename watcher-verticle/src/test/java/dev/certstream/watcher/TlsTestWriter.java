package dev.certstream.watcher;

import java.io.ByteArrayOutputStream;

/** Writes TLS-encoded bytes, so tests can build entries and tiles, valid or broken on purpose. */
final class TlsTestWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    TlsTestWriter uint(int width, long value) {
        for (int shift = (width - 1) * 8; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    TlsTestWriter bytes(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    TlsTestWriter opaque(int lengthBytes, byte[] value) {
        return uint(lengthBytes, value.length).bytes(value);
    }

    byte[] toBytes() {
        return out.toByteArray();
    }

    /** The CtExtensions of a static-ct-api entry: just a leaf_index extension. */
    static byte[] leafIndexExtension(long leafIndex) {
        return new TlsTestWriter().uint(1, 0).opaque(2, new TlsTestWriter().uint(5, leafIndex).toBytes()).toBytes();
    }

    /** One TileLeaf; for an x509 entry pass null issuerKeyHash, tbs and preCertificate. */
    static byte[] tileLeaf(long timestampMs, byte[] certificate, byte[] issuerKeyHash, byte[] tbs,
                           byte[] extensions, byte[] preCertificate, byte[] chainFingerprints) {
        TlsTestWriter w = new TlsTestWriter().uint(8, timestampMs);
        if (preCertificate == null) {
            w.uint(2, 0).opaque(3, certificate);
        } else {
            w.uint(2, 1).bytes(issuerKeyHash).opaque(3, tbs);
        }
        w.opaque(2, extensions);
        if (preCertificate != null) {
            w.opaque(3, preCertificate);
        }
        return w.opaque(2, chainFingerprints).toBytes();
    }

    /** Re-encodes a decoded tile entry, to check the decoder read every byte where it belonged. */
    static byte[] tileLeaf(TileEntry entry) {
        ByteArrayOutputStream chain = new ByteArrayOutputStream();
        entry.chainFingerprints().forEach(chain::writeBytes);
        boolean precert = entry.tbs() != null;
        return tileLeaf(entry.timestampMs(), precert ? null : entry.leafDer(), entry.issuerKeyHash(), entry.tbs(),
                leafIndexExtension(entry.index()), precert ? entry.leafDer() : null, chain.toByteArray());
    }
}
