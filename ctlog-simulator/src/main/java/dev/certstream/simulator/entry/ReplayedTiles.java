package dev.certstream.simulator.entry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A static-ct-api log that serves an existing tile tree verbatim ({@code tile/data/...} and, when
 * present, {@code issuer/<sha256>}). It can only publish sizes its files cover: each run of full
 * tiles from 0, and each partial tile's size.
 */
public final class ReplayedTiles implements EntrySource {

    private final Path dir;
    private final NavigableSet<Long> sizes;
    private final TileLeafReader reader;

    private ReplayedTiles(Path dir, NavigableSet<Long> sizes) {
        this.dir = dir;
        this.sizes = sizes;
        this.reader = new TileLeafReader(this::widestTile, this::issuer);
    }

    public static ReplayedTiles load(Path dir) throws IOException {
        Path data = dir.resolve("tile/data");
        if (!Files.isDirectory(data)) {
            throw new IOException("no tile/data directory in " + dir);
        }
        TreeSet<Long> fullTiles = new TreeSet<>();
        TreeSet<Long> partialSizes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                TilePath tile = TilePath.parse(data.relativize(file).toString().replace('\\', '/'));
                if (tile != null && tile.width() == TilePath.FULL) {
                    fullTiles.add(tile.tile());
                } else if (tile != null) {
                    partialSizes.add(tile.tile() * TilePath.FULL + tile.width());
                }
            }
        }
        long contiguous = 0;
        TreeSet<Long> sizes = new TreeSet<>();
        while (fullTiles.contains(contiguous)) {
            sizes.add(++contiguous * TilePath.FULL);
        }
        // A partial tile is usable only where the entries before it are on disk.
        long fullTileCount = contiguous;
        partialSizes.stream().filter(s -> s / TilePath.FULL <= fullTileCount).forEach(sizes::add);
        if (sizes.isEmpty()) {
            throw new IOException("no usable data tiles (tile/data/000 or a partial of it) in " + dir);
        }
        return new ReplayedTiles(dir, sizes);
    }

    @Override
    public SimulatedEntry entry(long index) {
        return reader.entry(index);
    }

    @Override
    public boolean isCorrupt(long index) {
        return entry(index).corrupt();
    }

    /** The largest size at most the configured one, or the smallest the files allow. */
    @Override
    public long initialSize(long configured) {
        Long fits = sizes.floor(configured);
        return fits == null ? sizes.first() : fits;
    }

    @Override
    public long clampSize(long wanted) {
        Long fits = sizes.floor(wanted);
        return fits == null ? sizes.first() : fits;
    }

    @Override
    public List<byte[]> roots() {
        return List.of();
    }

    @Override
    public byte[] issuer(String sha256Hex) {
        return readOrNull(dir.resolve("issuer").resolve(sha256Hex));
    }

    /** The stored tile file, or null when there is none of that width. */
    @Override
    public byte[] dataTile(long tile, int width) {
        Path data = dir.resolve("tile/data");
        return readOrNull(data.resolve(new TilePath(tile, width).encode()));
    }

    /** The most entries of this tile the files hold: the full tile, else its widest usable partial. */
    private byte[] widestTile(long tile) {
        byte[] full = dataTile(tile, TilePath.FULL);
        if (full != null) {
            return full;
        }
        Long widest = sizes.floor(tile * TilePath.FULL + TilePath.FULL - 1);
        return widest == null || widest <= tile * TilePath.FULL ? null
                : dataTile(tile, (int) (widest - tile * TilePath.FULL));
    }

    private static byte[] readOrNull(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
