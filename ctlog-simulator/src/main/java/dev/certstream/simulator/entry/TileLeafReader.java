package dev.certstream.simulator.entry;

import org.bouncycastle.asn1.x509.Certificate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * Decodes the entries of stored data tiles (for replayed tiles), so tests can ask a replayed log
 * what it holds at an index just as they ask a generated one.
 */
final class TileLeafReader {

    private final LongFunction<byte[]> tileBytes;
    private final Function<String, byte[]> issuers;
    // Tests read entries in order; keeping the one decoded tile avoids re-reading it per entry.
    private long cachedTile = -1;
    private List<SimulatedEntry> cachedEntries = List.of();

    TileLeafReader(LongFunction<byte[]> tileBytes, Function<String, byte[]> issuers) {
        this.tileBytes = tileBytes;
        this.issuers = issuers;
    }

    synchronized SimulatedEntry entry(long index) {
        long tile = index / TilePath.FULL;
        if (tile != cachedTile) {
            byte[] bytes = tileBytes.apply(tile);
            if (bytes == null) {
                throw new IndexOutOfBoundsException("no stored tile holds entry " + index);
            }
            cachedEntries = decode(bytes, tile * TilePath.FULL);
            cachedTile = tile;
        }
        int position = (int) (index - tile * TilePath.FULL);
        if (position >= cachedEntries.size()) {
            throw new IndexOutOfBoundsException("no stored tile holds entry " + index);
        }
        return cachedEntries.get(position);
    }

    private List<SimulatedEntry> decode(byte[] tile, long firstIndex) {
        List<SimulatedEntry> entries = new ArrayList<>();
        int[] at = {0};
        while (at[0] < tile.length) {
            long timestamp = read(tile, at, 8);
            boolean precert = read(tile, at, 2) == 1;
            byte[] issuerKeyHash = precert ? slice(tile, at, 32) : null;
            byte[] signed = slice(tile, at, (int) read(tile, at, 3));
            slice(tile, at, (int) read(tile, at, 2));          // extensions (leaf_index)
            byte[] leaf = precert ? slice(tile, at, (int) read(tile, at, 3)) : signed;
            int fingerprintBytes = (int) read(tile, at, 2);
            List<byte[]> fingerprints = new ArrayList<>();
            for (int i = 0; i < fingerprintBytes / 32; i++) {
                fingerprints.add(slice(tile, at, 32));
            }
            List<byte[]> chain = new ArrayList<>();
            for (byte[] fingerprint : fingerprints) {
                byte[] der = issuers.apply(Bytes.hex(fingerprint));
                if (der == null) {
                    chain.clear();
                    break;
                }
                chain.add(der);
            }
            entries.add(new SimulatedEntry(firstIndex + entries.size(), precert,
                    leaf, precert ? signed : null, issuerKeyHash, chain, fingerprints, timestamp, !parses(leaf)));
        }
        return entries;
    }

    private static boolean parses(byte[] der) {
        try {
            Certificate.getInstance(der);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static long read(byte[] in, int[] at, int width) {
        long value = Bytes.get(in, at[0], width);
        at[0] += width;
        return value;
    }

    private static byte[] slice(byte[] in, int[] at, int length) {
        byte[] out = Arrays.copyOfRange(in, at[0], at[0] + length);
        at[0] += length;
        return out;
    }
}
