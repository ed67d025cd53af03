package dev.certstream.render.ct;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a static-ct-api data tile (already decompressed) into its TileLeaf entries, checking each
 * entry's leaf_index extension against its position and the tile's framing against the expected count.
 *
 * <p>Trust policy: a TileLeaf is self-delimiting, so an entry whose content is wrong (leaf_index
 * missing or not its position, empty certificate, chain not a list of 32-byte hashes) is reported on its
 * own and decoding continues; the entries after it are checked against their own positions, and an entry
 * stands in the Merkle tree at its position whatever its extension says. A framing error (the bytes end
 * inside an entry, an unknown entry type, too few entries, bytes after the last one) stops decoding: the
 * entries before it are returned, nothing after it is guessed.
 */
public final class TileDecoder {

    private static final int LEAF_INDEX_EXTENSION = 0;
    private static final int LEAF_INDEX_BYTES = 5;

    private TileDecoder() {
    }

    /** Decodes a tile, naming it by its path ({@code tile/data/<N>[.p/<W>]}) in errors. */
    public static TileDecodeResult decode(byte[] tile, long firstIndex, int expectedCount) {
        if (firstIndex % TilePath.TILE_WIDTH != 0) {
            throw new IllegalArgumentException("tile first index " + firstIndex + " is not a multiple of 256");
        }
        return decode(TilePath.dataTile(TilePath.tileIndex(firstIndex), expectedCount), tile, firstIndex,
                expectedCount);
    }

    /**
     * @param source        what to call the tile in errors (its path or URL)
     * @param tile          the decompressed tile bytes
     * @param firstIndex    the log index of the tile's first entry
     * @param expectedCount 256 for a full tile, W for a partial one
     */
    public static TileDecodeResult decode(String source, byte[] tile, long firstIndex, int expectedCount) {
        if (expectedCount < 1 || expectedCount > TilePath.TILE_WIDTH) {
            throw new IllegalArgumentException("expected entry count " + expectedCount + " outside 1..256");
        }
        TlsReader reader = new TlsReader(tile);
        List<TileEntry> entries = new ArrayList<>(expectedCount);
        List<EntryDecodeException> entryErrors = new ArrayList<>();
        for (int position = 0; position < expectedCount; position++) {
            long index = firstIndex + position;
            if (!reader.hasRemaining()) {
                return new TileDecodeResult(source, firstIndex, expectedCount, entries, entryErrors,
                        new EntryDecodeException(source, index, "tile holds only " + position
                                + " entries, expected " + expectedCount));
            }
            try {
                entries.add(readLeaf(reader, source, index));
            } catch (EntryDecodeException e) {
                entryErrors.add(e);
            } catch (TlsFormatException e) {
                return new TileDecodeResult(source, firstIndex, expectedCount, entries, entryErrors,
                        new EntryDecodeException(source, index, "framing broken: " + e.getMessage(), e));
            }
        }
        EntryDecodeException trailing = reader.hasRemaining()
                ? new EntryDecodeException(source, firstIndex + expectedCount, reader.remaining()
                        + " bytes after the " + expectedCount + " expected entries (more entries or garbage)")
                : null;
        return new TileDecodeResult(source, firstIndex, expectedCount, entries, entryErrors, trailing);
    }

    /** Reads every framed part of one TileLeaf first, so a content error leaves the reader at the next entry. */
    private static TileEntry readLeaf(TlsReader reader, String source, long index)
            throws TlsFormatException, EntryDecodeException {
        int entryFrom = reader.position();
        TlsTimestampedEntry entry = TlsTimestampedEntry.read(reader);
        int entryTo = reader.position();
        byte[] preCertificate = entry.type() == EntryType.PRECERT ? reader.readOpaque(3, "pre_certificate") : null;
        TlsReader chain = reader.readVector(2, "certificate_chain");

        if (entry.emptyPart() != null) {
            throw new EntryDecodeException(source, index, "empty " + entry.emptyPart());
        }
        if (preCertificate != null && preCertificate.length == 0) {
            throw new EntryDecodeException(source, index, "empty pre_certificate");
        }
        long leafIndex = leafIndexExtension(entry.extensions(), source, index);
        if (leafIndex != index) {
            throw new EntryDecodeException(source, index, "leaf_index extension says " + leafIndex
                    + ", position says " + index);
        }
        byte[] leafDer = preCertificate != null ? preCertificate : entry.certificate();
        return new TileEntry(index, entry.timestampMs(), entry.type(), leafDer, entry.issuerKeyHash(), entry.tbs(),
                fingerprints(chain, source, index), entryFrom, entryTo);
    }

    private static long leafIndexExtension(byte[] extensions, String source, long index)
            throws EntryDecodeException {
        TlsReader reader = new TlsReader(extensions);
        boolean[] seen = new boolean[256];
        long leafIndex = -1;
        try {
            while (reader.hasRemaining()) {
                int type = reader.readUint8("extension_type");
                byte[] data = reader.readOpaque(2, "extension_data");
                if (seen[type]) {
                    throw new EntryDecodeException(source, index, "duplicate extension type " + type);
                }
                seen[type] = true;
                if (type == LEAF_INDEX_EXTENSION) {
                    if (data.length != LEAF_INDEX_BYTES) {
                        throw new EntryDecodeException(source, index, "leaf_index extension of "
                                + data.length + " bytes, not 5");
                    }
                    leafIndex = new TlsReader(data).readUint40("leaf_index");
                }
            }
        } catch (TlsFormatException e) {
            throw new EntryDecodeException(source, index, "extensions: " + e.getMessage(), e);
        }
        if (leafIndex < 0) {
            throw new EntryDecodeException(source, index, "no leaf_index extension");
        }
        return leafIndex;
    }

    /** Reads the fingerprints straight from the tile's bytes: one copy each, kept as the issuer key. */
    private static List<Fingerprint> fingerprints(TlsReader chain, String source, long index)
            throws EntryDecodeException, TlsFormatException {
        if (chain.remaining() % Fingerprint.BYTES != 0) {
            throw new EntryDecodeException(source, index, "certificate_chain of " + chain.remaining()
                    + " bytes is not a list of 32-byte fingerprints");
        }
        List<Fingerprint> fingerprints = new ArrayList<>(chain.remaining() / Fingerprint.BYTES);
        while (chain.hasRemaining()) {
            fingerprints.add(Fingerprint.own(chain.readBytes(Fingerprint.BYTES, "chain fingerprint")));
        }
        return fingerprints;
    }
}
