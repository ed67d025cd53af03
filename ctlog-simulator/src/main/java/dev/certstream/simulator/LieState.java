package dev.certstream.simulator;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What one simulated log serves while it lies ({@link Lie}): the entries, the heads' roots and signatures,
 * and the tree proofs and hash tiles come from; without a lie, exactly the honest log. The honest tree is
 * never changed, so a test can always compare what was served with the truth. Thread-safe.
 */
final class LieState {

    private final EntrySource source;
    private final SimMerkleTree honest;
    private final Function<SimulatedEntry, byte[]> merkleTreeLeaf;
    private final LongSupplier publishedSize;
    /** Bumped on every change, so that cached heads and tiles built under another lie are not served. */
    private final AtomicInteger generation = new AtomicInteger();
    private volatile Lie lie;
    private volatile SimMerkleTree fork;

    /**
     * @param merkleTreeLeaf how the log hashes an entry (RFC 6962 leaf_input, or a tile's TimestampedEntry)
     * @param publishedSize  the size of the log's latest head, which decides when a fork is shown
     */
    LieState(EntrySource source, SimMerkleTree honest, Function<SimulatedEntry, byte[]> merkleTreeLeaf,
             LongSupplier publishedSize) {
        this.source = source;
        this.honest = honest;
        this.merkleTreeLeaf = merkleTreeLeaf;
        this.publishedSize = publishedSize;
    }

    synchronized void set(Lie newLie) {
        lie = newLie;
        fork = newLie == null || newLie.kind() != Lie.Kind.FORK ? null
                : new SimMerkleTree(index -> merkleTreeLeaf.apply(served(index, newLie, true)));
        generation.incrementAndGet();
    }

    Lie lie() {
        return lie;
    }

    int generation() {
        return generation.get();
    }

    /** The entry served at {@code index}. */
    SimulatedEntry entry(long index) {
        Lie current = lie;
        return current == null ? source.entry(index) : served(index, current, forkShown(current));
    }

    private SimulatedEntry served(long index, Lie current, boolean forkShown) {
        SimulatedEntry real = source.entry(index);
        boolean changed = switch (current.kind()) {
            case TAMPERED_ENTRY -> index == current.at();
            case FORK -> forkShown && index >= current.at();
            default -> false;
        };
        return changed ? relogged(real) : real;
    }

    /** The same certificate logged 1 ms later: still a good entry, but another leaf. */
    private static SimulatedEntry relogged(SimulatedEntry e) {
        return new SimulatedEntry(e.index(), e.precert(), e.leafDer(), e.precertTbsDer(), e.issuerKeyHash(), e.chainDer(),
                e.chainSha256(), e.timestampMs() + 1, e.corrupt());
    }

    /** The root a head of {@code size} carries. */
    byte[] headRoot(long size) {
        Lie current = lie;
        if (current == null) {
            return honest.root(size);
        }
        return switch (current.kind()) {
            case WRONG_ROOT -> size >= current.at() ? flipped(honest.root(size)) : honest.root(size);
            case FORK -> size >= current.from() ? fork.root(size) : honest.root(size);
            default -> honest.root(size);
        };
    }

    /** Whether a head of {@code size} is signed wrongly. */
    boolean badSignature(long size) {
        Lie current = lie;
        return current != null && current.kind() == Lie.Kind.BAD_SIGNATURE && size >= current.at();
    }

    /** The tree that proofs and hash tiles come from now. */
    SimMerkleTree tree() {
        Lie current = lie;
        return current != null && current.kind() == Lie.Kind.FORK && forkShown(current) ? fork : honest;
    }

    private boolean forkShown(Lie current) {
        return current.kind() == Lie.Kind.FORK && publishedSize.getAsLong() >= current.from();
    }

    private static byte[] flipped(byte[] root) {
        byte[] wrong = root.clone();
        wrong[0] ^= 1;
        return wrong;
    }
}
