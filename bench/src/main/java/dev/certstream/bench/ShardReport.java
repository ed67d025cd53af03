package dev.certstream.bench;

import org.HdrHistogram.Histogram;

/**
 * One shard's figures for a measurement window, copied out on its event loop so the caller may read them
 * from any thread. Counts of "messages" and "bytes" are those of the active (reading) clients.
 */
record ShardReport(int connected, int failed, int closed, String firstFailure,
                   long[] activeMessages, long[] pausedMessages,
                   long messages, long bytes, long certificates, long heartbeats, long others,
                   long withoutSeen, long negativeLags, long missing, long repeated, long untracked,
                   Histogram lagMicros) {
}
