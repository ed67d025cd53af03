package dev.certstream.watcher.follow;

import dev.certstream.render.ct.TileEntry;

import java.util.List;

/**
 * The entries of one requested range decoded from a data tile, before their issuers are known.
 *
 * @param start             the first index of the requested range
 * @param count             how many indices from start this covers (less than asked when the tile broke)
 * @param entries           the well-formed entries in [start, start + count)
 * @param skipped           entries in that span that are not usable (bad leaf_index, ...)
 * @param chainFingerprints every chain fingerprint the entries name, for issuer lookup
 * @param certLink          the tile URL, the {@code cert_link} of every entry
 */
record DecodedTile(long start, int count, List<TileEntry> entries, List<SkippedEntry> skipped,
                   List<byte[]> chainFingerprints, String certLink) {
}
