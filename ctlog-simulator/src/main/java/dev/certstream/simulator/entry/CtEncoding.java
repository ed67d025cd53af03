package dev.certstream.simulator.entry;


import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The RFC 6962 and static-ct-api byte encodings of an entry: MerkleTreeLeaf, extra_data and the
 * data tile entry (TLS presentation language: big-endian integers, length-prefixed vectors).
 */
public final class CtEncoding {

    private CtEncoding() {
    }

    /** RFC 6962 MerkleTreeLeaf: version 0, leaf_type 0, timestamp, entry_type, the signed entry, no extensions. */
    public static byte[] merkleTreeLeaf(SimulatedEntry entry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(entry.leafDer().length + 64);
        out.write(0);
        out.write(0);
        write(out, entry.timestampMs(), 8);
        writeSignedEntry(out, entry);
        write(out, 0, 2);
        return out.toByteArray();
    }

    /** RFC 6962 extra_data: x509 -> certificate_chain; precert -> PrecertChainEntry. */
    public static byte[] extraData(SimulatedEntry entry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        if (entry.precert()) {
            writeVector(out, entry.leafDer(), 3);
        }
        int chainLength = 0;
        for (byte[] cert : entry.chainDer()) {
            chainLength += 3 + cert.length;
        }
        write(out, chainLength, 3);
        for (byte[] cert : entry.chainDer()) {
            writeVector(out, cert, 3);
        }
        return out.toByteArray();
    }

    /**
     * A tiled log's MerkleTreeLeaf for an entry: version 0, leaf_type 0, then the TimestampedEntry as the
     * data tile holds it (with its leaf_index extension), which is what the log's leaf hash covers.
     */
    public static byte[] tileMerkleTreeLeaf(SimulatedEntry entry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(entry.leafDer().length + 64);
        out.write(0);
        out.write(0);
        writeTileTimestampedEntry(out, entry);
        return out.toByteArray();
    }

    /** One static-ct-api TileLeaf, with its leaf_index extension. */
    static void writeTileLeaf(ByteArrayOutputStream out, SimulatedEntry entry) {
        writeTileTimestampedEntry(out, entry);
        if (entry.precert()) {
            writeVector(out, entry.leafDer(), 3);
        }
        List<byte[]> fingerprints = entry.chainSha256();
        write(out, 32L * fingerprints.size(), 2);
        for (byte[] fingerprint : fingerprints) {
            out.writeBytes(fingerprint);
        }
    }

    private static void writeTileTimestampedEntry(ByteArrayOutputStream out, SimulatedEntry entry) {
        write(out, entry.timestampMs(), 8);
        writeSignedEntry(out, entry);
        write(out, 8, 2);          // extensions: 8 bytes
        write(out, 0, 1);          // extension_type leaf_index
        write(out, 5, 2);          // extension_data length
        write(out, entry.index(), 5);
    }

    private static void writeSignedEntry(ByteArrayOutputStream out, SimulatedEntry entry) {
        if (!entry.precert()) {
            write(out, 0, 2);
            writeVector(out, entry.leafDer(), 3);
        } else {
            write(out, 1, 2);
            out.writeBytes(entry.issuerKeyHash());
            writeVector(out, entry.precertTbsDer(), 3);
        }
    }

    private static void writeVector(ByteArrayOutputStream out, byte[] data, int lengthBytes) {
        write(out, data.length, lengthBytes);
        out.writeBytes(data);
    }

    private static void write(ByteArrayOutputStream out, long value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)));
        }
    }
}
