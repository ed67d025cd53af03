package dev.certstream.testing;


import java.io.ByteArrayOutputStream;

/** Writes TLS-encoded bytes, so tests can build entries and tiles, valid or broken on purpose. */
public final class TlsTestWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public TlsTestWriter uint(int width, long value) {
        for (int shift = (width - 1) * 8; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    public TlsTestWriter bytes(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    public TlsTestWriter opaque(int lengthBytes, byte[] value) {
        return uint(lengthBytes, value.length).bytes(value);
    }

    public byte[] toBytes() {
        return out.toByteArray();
    }

    /** The CtExtensions of a static-ct-api entry: just a leaf_index extension. */
    public static byte[] leafIndexExtension(long leafIndex) {
        return new TlsTestWriter().uint(1, 0).opaque(2, new TlsTestWriter().uint(5, leafIndex).toBytes()).toBytes();
    }

    /** One TileLeaf; for an x509 entry pass null issuerKeyHash, tbs and preCertificate. */
    public static byte[] tileLeaf(long timestampMs, byte[] certificate, byte[] issuerKeyHash, byte[] tbs,
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

}
