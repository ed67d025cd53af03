package dev.certstream.watcher.ct;

/**
 * Bounds on a checkpoint note, so a hostile or broken log cannot make the watcher parse or keep an
 * arbitrarily large one.
 *
 * @param maxNoteBytes  the largest note accepted, in bytes
 * @param maxSignatures the most signature lines accepted
 */
public record CheckpointLimits(int maxNoteBytes, int maxSignatures) {

    /**
     * 100 signatures is Go's note.Open cap and well above the 16 the spec requires verifiers to accept;
     * 256 KiB fits 100 lines of the largest (post-quantum, ~5 kB) signatures, while a real CT checkpoint
     * with a few witness cosignatures is under 1 KiB.
     */
    public static final CheckpointLimits DEFAULTS = new CheckpointLimits(256 * 1024, 100);

    public CheckpointLimits {
        if (maxNoteBytes < 1 || maxSignatures < 1) {
            throw new IllegalArgumentException("checkpoint limits must be positive: " + maxNoteBytes + ", "
                    + maxSignatures);
        }
    }
}
