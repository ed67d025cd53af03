package dev.certstream.watcher.follow;

/**
 * One follower's share of the watcher's {@link FetchBudget}: estimates taken for requests in flight, then
 * the real size of each rendered batch until it is published; a follower that stops gives back all of it
 * at once, and nothing after. Not thread-safe: the follower's event loop owns it.
 */
final class HeldBytes {

    private final FetchBudget budget;
    private long held;
    private boolean released;
    private boolean awaiting;

    HeldBytes(FetchBudget budget) {
        this.budget = budget;
    }

    /** Takes the estimate of a request about to go out; false when it must wait for room. */
    boolean tryTake(long bytes, boolean force) {
        if (released || !budget.tryTake(bytes, force)) {
            return false;
        }
        held += bytes;
        return true;
    }

    /** A request's estimate becomes what its answer really holds. */
    void settle(long estimate, long actual) {
        if (released) {
            return;
        }
        held += actual - estimate;
        if (actual > estimate) {
            budget.take(actual - estimate);
        } else {
            budget.give(estimate - actual);
        }
    }

    void give(long bytes) {
        if (released || bytes == 0) {
            return;
        }
        held -= bytes;
        budget.give(bytes);
    }

    /** Runs {@code retry} once when bytes are given back (asked again while waiting, it still runs once). */
    void awaitRoom(Runnable retry) {
        if (!awaiting) {
            awaiting = true;
            budget.whenRoom(() -> {
                awaiting = false;
                retry.run();
            });
        }
    }

    /** Gives everything back: the follower stopped, and what it held is garbage now. */
    void releaseAll() {
        if (!released) {
            released = true;
            budget.give(held);
            held = 0;
        }
    }

    long held() {
        return held;
    }
}
