package dev.certstream.simulator;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A test-only decoder of the CT encodings, written from RFC 6962 and the static-ct-api spec
 * (independently of the simulator's encoder) to check what the simulator serves.
 */
public final class CtTestDecoder {

    /**
     * One decoded entry.
     *
     * @param leafIndex   static-ct: the leaf_index extension; RFC 6962: -1
     * @param signedEntry x509: the certificate; precert: the TBS from the leaf
     * @param leafCert    x509: the certificate; precert: the pre_certificate
     * @param chain       RFC 6962: the chain certificates; static-ct: empty
     * @param fingerprints static-ct: the chain fingerprints; RFC 6962: empty
     */
    public record Decoded(long timestampMs, int entryType, byte[] issuerKeyHash, byte[] signedEntry, byte[] leafCert,
                   List<byte[]> chain, List<byte[]> fingerprints, long leafIndex) {
    }

    private CtTestDecoder() {
    }

    public static Decoded rfc6962(byte[] leafInput, byte[] extraData) {
        ByteBuffer leaf = ByteBuffer.wrap(leafInput);
        check(leaf.get() == 0, "MerkleTreeLeaf version must be 0");
        check(leaf.get() == 0, "leaf_type must be timestamped_entry (0)");
        long timestamp = leaf.getLong();
        int type = Short.toUnsignedInt(leaf.getShort());
        byte[] issuerKeyHash = type == 1 ? bytes(leaf, 32) : null;
        byte[] signed = bytes(leaf, uint(leaf, 3));
        int extensions = uint(leaf, 2);
        check(extensions == 0, "RFC 6962 leaf extensions should be empty");
        check(!leaf.hasRemaining(), "trailing bytes after MerkleTreeLeaf");
        ByteBuffer extra = ByteBuffer.wrap(extraData);
        byte[] leafCert = type == 1 ? bytes(extra, uint(extra, 3)) : signed;
        ByteBuffer chainBytes = ByteBuffer.wrap(bytes(extra, uint(extra, 3)));
        check(!extra.hasRemaining(), "trailing bytes after extra_data");
        List<byte[]> chain = new ArrayList<>();
        while (chainBytes.hasRemaining()) {
            chain.add(bytes(chainBytes, uint(chainBytes, 3)));
        }
        return new Decoded(timestamp, type, issuerKeyHash, signed, leafCert, chain, List.of(), -1);
    }

    /** Every entry of a data tile, in order. */
    public static List<Decoded> tile(byte[] tileBytes) {
        ByteBuffer in = ByteBuffer.wrap(tileBytes);
        List<Decoded> out = new ArrayList<>();
        while (in.hasRemaining()) {
            long timestamp = in.getLong();
            int type = Short.toUnsignedInt(in.getShort());
            byte[] issuerKeyHash = type == 1 ? bytes(in, 32) : null;
            byte[] signed = bytes(in, uint(in, 3));
            ByteBuffer extensions = ByteBuffer.wrap(bytes(in, uint(in, 2)));
            long leafIndex = -1;
            while (extensions.hasRemaining()) {
                int extensionType = extensions.get() & 0xff;
                byte[] data = bytes(extensions, uint(extensions, 2));
                if (extensionType == 0) {
                    check(data.length == 5, "leaf_index must be 5 bytes");
                    leafIndex = new java.math.BigInteger(1, data).longValue();
                }
            }
            byte[] leafCert = type == 1 ? bytes(in, uint(in, 3)) : signed;
            int fingerprintBytes = uint(in, 2);
            check(fingerprintBytes % 32 == 0, "fingerprint list length must be a multiple of 32");
            List<byte[]> fingerprints = new ArrayList<>();
            for (int i = 0; i < fingerprintBytes / 32; i++) {
                fingerprints.add(bytes(in, 32));
            }
            out.add(new Decoded(timestamp, type, issuerKeyHash, signed, leafCert, List.of(), fingerprints, leafIndex));
        }
        return out;
    }

    private static int uint(ByteBuffer in, int width) {
        int value = 0;
        for (int i = 0; i < width; i++) {
            value = (value << 8) | (in.get() & 0xff);
        }
        return value;
    }

    private static byte[] bytes(ByteBuffer in, int length) {
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }

    public static boolean same(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }
}
