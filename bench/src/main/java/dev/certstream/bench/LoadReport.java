package dev.certstream.bench;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a load run measured in its window, merged over the shards: connections, delivered messages and
 * bytes per second, per-client spread, lag percentiles and what the paused clients got.
 *
 * @param pausedAfterResume messages the paused clients received while draining after the window, or -1
 *                          when they were not resumed
 */
public record LoadReport(String url, int clients, int paused, int connected, int failed, int closed,
                         String firstFailure, double connectSeconds, double windowSeconds,
                         long messages, long bytes, long certificates, long heartbeats, long others,
                         long withoutSeen, long negativeLags, long missing, long repeated, long untracked,
                         long[] activeMessagesSorted, long[] pausedMessagesSorted, Histogram lagMicros,
                         long pausedAfterResume) {

    static LoadReport merge(LoadOptions options, List<ShardReport> shards, double connectSeconds,
                            double windowSeconds) {
        Histogram lag = new Histogram(LoadShard.MAX_LAG_MICROS, 3);
        long[] totals = new long[10];
        int connected = 0;
        int failed = 0;
        int closed = 0;
        String firstFailure = null;
        for (ShardReport s : shards) {
            connected += s.connected();
            failed += s.failed();
            closed += s.closed();
            firstFailure = firstFailure == null ? s.firstFailure() : firstFailure;
            long[] figures = {s.messages(), s.bytes(), s.certificates(), s.heartbeats(), s.others(),
                    s.withoutSeen(), s.negativeLags(), s.missing(), s.repeated(), s.untracked()};
            Arrays.setAll(totals, i -> totals[i] + figures[i]);
            lag.add(s.lagMicros());
        }
        long[] active = shards.stream().flatMapToLong(s -> Arrays.stream(s.activeMessages())).sorted().toArray();
        long[] pausedCounts = shards.stream().flatMapToLong(s -> Arrays.stream(s.pausedMessages())).sorted().toArray();
        return new LoadReport(options.url().toString(), options.clients(), options.paused(), connected, failed,
                closed, firstFailure, connectSeconds, windowSeconds, totals[0], totals[1], totals[2], totals[3],
                totals[4], totals[5], totals[6], totals[7], totals[8], totals[9], active, pausedCounts, lag, -1);
    }

    /** This report with the paused clients' drain count. */
    public LoadReport withPausedAfterResume(long count) {
        return new LoadReport(url, clients, paused, connected, failed, closed, firstFailure, connectSeconds,
                windowSeconds, messages, bytes, certificates, heartbeats, others, withoutSeen, negativeLags,
                missing, repeated, untracked, activeMessagesSorted, pausedMessagesSorted, lagMicros, count);
    }

    /** Delivered messages per second of window; 0 before a window began. */
    public double messagesPerSecond() {
        return windowSeconds > 0 ? messages / windowSeconds : 0;
    }

    public double bytesPerSecond() {
        return windowSeconds > 0 ? bytes / windowSeconds : 0;
    }

    /** A lag percentile (0..100) in milliseconds; 0 without certificates. */
    public double lagMillis(double percentile) {
        return lagMicros.getTotalCount() == 0 ? 0 : lagMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxLagMillis() {
        return lagMicros.getTotalCount() == 0 ? 0 : lagMicros.getMaxValue() / 1000.0;
    }

    /** Window messages of the active client at this rank: 0 min, 0.5 median, 1 max; -1 with no client. */
    public long activeMessagesAt(double rank) {
        return at(activeMessagesSorted, rank);
    }

    public long pausedMessagesAt(double rank) {
        return at(pausedMessagesSorted, rank);
    }

    public long pausedMessagesTotal() {
        return Arrays.stream(pausedMessagesSorted).sum();
    }

    private static long at(long[] sorted, double rank) {
        return sorted.length == 0 ? -1 : sorted[(int) Math.round(rank * (sorted.length - 1))];
    }

    /** The human form printed by the tool. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "fan-out load on %s: %d clients (%d paused)%n", url, clients, paused));
        out.append(String.format(Locale.ROOT, "  connections   %d connected, %d failed, %d closed by the server; all attempted in %.2f s%n",
                connected, failed, closed, connectSeconds));
        if (firstFailure != null) {
            out.append("  first failure ").append(firstFailure).append(System.lineSeparator());
        }
        out.append(String.format(Locale.ROOT, "  window        %.2f s%n", windowSeconds));
        out.append(String.format(Locale.ROOT, "  delivered     %,.0f messages/s, %,.2f MB/s (%d messages: %d certificates, %d heartbeats, %d other)%n",
                messagesPerSecond(), bytesPerSecond() / 1e6, messages, certificates, heartbeats, others));
        out.append(String.format(Locale.ROOT, "  per client    min %d / median %d / max %d messages (active clients)%n",
                activeMessagesAt(0), activeMessagesAt(0.5), activeMessagesAt(1)));
        out.append(String.format(Locale.ROOT, "  lag ms        p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  (%d certificates, %d without seen, %d seen in the future)%n",
                lagMillis(50), lagMillis(90), lagMillis(99), lagMillis(99.9), maxLagMillis(),
                lagMicros.getTotalCount(), withoutSeen, negativeLags));
        out.append(String.format(Locale.ROOT, "  index gaps    %d indices missing, %d repeated or out of order, %d arrivals of untracked logs%n",
                missing, repeated, untracked));
        if (paused > 0) {
            out.append(String.format(Locale.ROOT, "  paused        window: %d messages in total (min %d / max %d per client); after resume: %s%n",
                    pausedMessagesTotal(), pausedMessagesAt(0), pausedMessagesAt(1),
                    pausedAfterResume < 0 ? "not resumed" : pausedAfterResume + " messages"));
        }
        return out.toString();
    }

    /** The same figures as one JSON object (for scripts). */
    public JsonObject toJson() {
        return new JsonObject().put("url", url).put("clients", clients).put("paused", paused)
                .put("connected", connected).put("failed", failed).put("closed", closed)
                .put("first_failure", firstFailure).put("connect_seconds", connectSeconds)
                .put("window_seconds", windowSeconds).put("messages", messages).put("bytes", bytes)
                .put("certificates", certificates).put("heartbeats", heartbeats).put("other_messages", others)
                .put("messages_per_second", messagesPerSecond()).put("bytes_per_second", bytesPerSecond())
                .put("per_client_messages", new JsonObject().put("min", activeMessagesAt(0))
                        .put("median", activeMessagesAt(0.5)).put("max", activeMessagesAt(1)))
                .put("lag_ms", new JsonObject().put("count", lagMicros.getTotalCount()).put("p50", lagMillis(50))
                        .put("p90", lagMillis(90)).put("p99", lagMillis(99)).put("p99_9", lagMillis(99.9))
                        .put("max", maxLagMillis()).put("without_seen", withoutSeen)
                        .put("seen_in_future", negativeLags))
                .put("index_gaps", new JsonObject().put("missing", missing).put("repeated", repeated)
                        .put("untracked", untracked))
                .put("paused_clients", new JsonObject().put("window_total", pausedMessagesTotal())
                        .put("window_min", pausedMessagesAt(0)).put("window_max", pausedMessagesAt(1))
                        .put("after_resume", pausedAfterResume));
    }
}
