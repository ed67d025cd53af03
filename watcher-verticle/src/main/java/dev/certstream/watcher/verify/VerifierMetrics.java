package dev.certstream.watcher.verify;

/** What a {@link LogVerifier} reports about one log, for {@code /metrics}. */
public interface VerifierMetrics {

    /** The log is (or, after a restart, stays) caught misbehaving: the gauge an alert fires on. */
    void misbehaving(boolean misbehaving);

    /** A signed head's root matched the entries folded up to its size. */
    void headChecked();

    /** A request made only to verify: {@code inclusion}, {@code consistency} or {@code hash_tiles}. */
    void proofRequested(String kind);

    /** A proof that brought no usable answer (asked again with a newer head). */
    void proofFailed();

    /** Leaf hashes waiting for a frontier were dropped (bound reached): a later leaf is placed instead. */
    void pendingDropped(long count);

    /** Metrics that go nowhere (tests, tools). */
    VerifierMetrics NONE = new VerifierMetrics() {
        @Override public void misbehaving(boolean misbehaving) { }
        @Override public void headChecked() { }
        @Override public void proofRequested(String kind) { }
        @Override public void proofFailed() { }
        @Override public void pendingDropped(long count) { }
    };
}
