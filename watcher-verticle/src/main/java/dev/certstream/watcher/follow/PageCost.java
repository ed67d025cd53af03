package dev.certstream.watcher.follow;

/**
 * What one log's pages are likely to hold between fetch and publish, learnt as the log is read: the
 * response and the envelopes rendered from it exist together while a page is rendered, so a page is
 * estimated at both per entry. Until a log has shown its own, 8 KB of each per entry (an RFC 6962 entry
 * with its chain is ~6 KB of JSON, its three renderings ~6-11 KB). Not thread-safe: one follower owns it.
 */
final class PageCost {

    static final long DEFAULT_BYTES_PER_ENTRY = 8 * 1024;

    private long renderedBytes;
    private long renderedEntries;

    /** A batch of {@code entries} envelopes holding {@code bytes} was rendered. */
    void rendered(long bytes, int entries) {
        renderedBytes += bytes;
        renderedEntries += entries;
    }

    /**
     * @param entries          the page's entries
     * @param bytesFetched     bytes received from the log so far
     * @param entriesPublished entries published so far
     */
    long estimate(int entries, long bytesFetched, long entriesPublished) {
        long raw = entriesPublished > 0 ? bytesFetched / entriesPublished : DEFAULT_BYTES_PER_ENTRY;
        long rendered = renderedEntries > 0 ? renderedBytes / renderedEntries : DEFAULT_BYTES_PER_ENTRY;
        return entries * (raw + rendered);
    }
}
