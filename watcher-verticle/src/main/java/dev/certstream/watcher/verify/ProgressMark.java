package dev.certstream.watcher.verify;

import dev.certstream.watcher.cluster.LogProgress;

/**
 * The progress to record for a batch once it is published: filled by its {@link LogVerifier} with the
 * frontier where the batch ends, possibly after the batch was folded (while a proof placed the fold);
 * without one, the bare next index. Event-loop confined.
 */
public final class ProgressMark {

    private final long end;
    private LogProgress progress;

    ProgressMark(long end) {
        this.end = end;
    }

    /** A mark with no frontier to wait for (the log is not verified). */
    public static ProgressMark bare(long end) {
        return new ProgressMark(end);
    }

    void set(LogProgress value) {
        if (value.nextIndex() != end) {
            throw new IllegalStateException("progress at " + value.nextIndex() + " for a mark at " + end);
        }
        progress = value;
    }

    /** What to record: with the frontier when the fold reached {@code end} with one. */
    public LogProgress get() {
        return progress != null ? progress : LogProgress.at(end);
    }
}
