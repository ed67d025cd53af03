package dev.certstream.watcher.follow;

/** An entry a log holds that cannot be turned into a certificate, with why. */
record SkippedEntry(long index, String reason) {
}
