package dev.certstream.watcher.follow;

/** A half-open range [start, end) of entry indices. */
record EntryRange(long start, long end) {

    EntryRange {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
        }
    }

    int length() {
        return (int) (end - start);
    }
}
