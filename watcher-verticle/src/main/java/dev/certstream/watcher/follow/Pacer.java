package dev.certstream.watcher.follow;

/**
 * Adaptive pacing of one log: how many requests may be in flight (additive increase on success,
 * halved when the log signals overload) and how many entries to ask for per request (shrunk to the page
 * cap the log shows, probed upward again after a run of full pages in case the cap was temporary).
 */
final class Pacer {

    /** Full pages in a row before asking for a larger one again. */
    private static final int FULL_PAGES_BEFORE_GROWING = 16;

    private final int maxInFlight;
    private final int maxBatch;
    private double inFlightLimit = 1;
    private int batchSize;
    private int fullPagesInARow;

    Pacer(int maxInFlight, int maxBatch) {
        this.maxInFlight = Math.max(1, maxInFlight);
        this.maxBatch = Math.max(1, maxBatch);
        this.batchSize = this.maxBatch;
    }

    int inFlightLimit() {
        return (int) inFlightLimit;
    }

    int batchSize() {
        return batchSize;
    }

    void onSuccess() {
        // +1 per full window of successes: the limit grows by one per round trip, as TCP's does.
        inFlightLimit = Math.min(maxInFlight, inFlightLimit + 1.0 / inFlightLimit);
    }

    void onOverload() {
        inFlightLimit = Math.max(1, inFlightLimit / 2);
    }

    /**
     * Learns the page cap from an answer.
     *
     * @param asked how many entries the request asked for
     * @param got   how many came back
     * @param capByTree whether the tree's end, not the log, limited the request
     */
    void observePage(int asked, int got, boolean capByTree) {
        if (got <= 0 || capByTree) {
            return;
        }
        if (got < asked) {
            batchSize = got;
            fullPagesInARow = 0;
        } else if (batchSize < maxBatch && ++fullPagesInARow >= FULL_PAGES_BEFORE_GROWING) {
            batchSize = Math.min(maxBatch, batchSize + Math.max(1, batchSize / 4));
            fullPagesInARow = 0;
        }
    }
}
