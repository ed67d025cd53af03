package dev.certstream.bench.firehose;

import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.certstream.bench.firehose.FirehoseBench.format;

/** What the firehose benchmark prints: one line per interval, the same as JSON, and the closing summary. */
final class FirehoseLines {

    static final String HEADER = "     t  phase        fresh p50/p99 s   msg/s  cert/s/client  dns/s/client  missing  repeated"
            + "    drops  server cores  PSS MB  heap MB  sim cores";

    private FirehoseLines() {
    }

    static String line(long seconds, long every, FirehoseSample r, FirehoseOptions o, long drops, double serverCores,
                       long pss, JsonObject stats, double simCores, String phase) {
        int timestamped = o.lite() + o.full();
        return format("%6d  %-11s  %6.2f / %6.2f  %7.0f  %13.1f  %12.1f  %7d  %8d  %7d  %12.2f  %6.0f  %7s  %9.2f",
                seconds, phase, r.freshnessSeconds(50), r.freshnessSeconds(99), r.messages() / (double) every,
                timestamped == 0 ? 0 : r.certificates() / (double) timestamped / every,
                o.domains() == 0 ? 0 : r.dnsEntries() / (double) o.domains() / every, r.missing(), r.repeated(), drops,
                serverCores, pss / 1e6, heapUsedMb(stats), simCores);
    }

    static String json(long seconds, FirehoseSample r, long drops, long pss, JsonObject stats) {
        return new JsonObject().put("t", seconds).put("fresh_p50_s", r.freshnessSeconds(50))
                .put("fresh_p99_s", r.freshnessSeconds(99)).put("messages", r.messages())
                .put("certificates", r.certificates()).put("dns_entries", r.dnsEntries()).put("missing", r.missing())
                .put("repeated", r.repeated()).put("drops", drops).put("pss_bytes", pss)
                .put("memory", stats == null ? null : stats.getJsonObject("memory")).encode();
    }

    /** The gateway's total drops in a /stats answer. */
    static long drops(JsonObject stats) {
        JsonObject dropped = stats.getJsonObject("dropped_messages");
        return dropped == null ? 0 : dropped.getLong("total", 0L);
    }

    private static String heapUsedMb(JsonObject stats) {
        JsonObject memory = stats == null ? null : stats.getJsonObject("memory");
        JsonObject heap = memory == null ? null : memory.getJsonObject("heap");
        return heap == null ? "-" : format("%.0f", heap.getLong("used", 0L) / 1e6);
    }

    static String summary(FirehoseOptions o, FirehoseSample last, long drops, long peakPss, List<double[]> pss,
                          FirehoseCatchUp catchUp, JsonObject traffic) {
        StringBuilder out = new StringBuilder("summary\n");
        long[] certs = last.clientCertificates().clone();
        long[] dns = last.clientDns().clone();
        Arrays.sort(certs);
        Arrays.sort(dns);
        out.append(format("  clients       %d lite, %d full, %d domains-only for %d s%n", o.lite(), o.full(), o.domains(),
                o.duration().toSeconds()));
        out.append(format("  delivered     certificates per lite/full client min %d / median %d / max %d;"
                + " dns_entries per domains-only client min %d / max %d%n", at(certs, 0), at(certs, 0.5), at(certs, 1),
                at(dns, 0), at(dns, 1)));
        out.append(format("  completeness  %d indices missing, %d repeated or out of order (per client and log);"
                + " %d messages dropped by the server%n", last.missing(), last.repeated(), drops));
        out.append(format("  memory        peak PSS %.0f MB; %s%n", peakPss / 1e6, trend(pss)));
        out.append(catchUp.summary());
        if (traffic != null) {
            out.append(format("  at the logs   %d requests, %d range requests, %d partial tiles fetched twice for one"
                            + " checkpoint, %d 429s, %d early retries; peak requests/s per operator %s; user agents %s%n",
                    traffic.getLong("requests"), traffic.getLong("range_requests"), traffic.getLong("partial_tile_repeats"),
                    traffic.getLong("too_many_requests"), traffic.getLong("early_retries"), peaks(traffic),
                    traffic.getJsonObject("user_agents").fieldNames()));
        }
        return out.toString();
    }

    /** PSS over the last 5 minutes (the last half of a shorter run): range and least-squares slope. */
    static String trend(List<double[]> pss) {
        if (pss.size() < 2) {
            return "too short for a trend";
        }
        double end = pss.get(pss.size() - 1)[0];
        double from = Math.max(end - 300, end / 2);
        List<double[]> window = pss.stream().filter(p -> p[0] >= from && p[1] > 0).toList();
        if (window.size() < 2) {
            return "too short for a trend";
        }
        double mx = window.stream().mapToDouble(p -> p[0]).average().orElse(0);
        double my = window.stream().mapToDouble(p -> p[1]).average().orElse(0);
        double sxy = window.stream().mapToDouble(p -> (p[0] - mx) * (p[1] - my)).sum();
        double sxx = window.stream().mapToDouble(p -> (p[0] - mx) * (p[0] - mx)).sum();
        return format("from %.0f s to the end: %.0f..%.0f MB, slope %+.2f MB/min", from,
                window.stream().mapToDouble(p -> p[1]).min().orElse(0), window.stream().mapToDouble(p -> p[1]).max().orElse(0),
                sxx == 0 ? 0 : sxy / sxx * 60);
    }

    private static String peaks(JsonObject traffic) {
        StringBuilder out = new StringBuilder("{");
        JsonObject operators = traffic.getJsonObject("operators");
        for (Map.Entry<String, Object> e : operators) {
            out.append(out.length() > 1 ? ", " : "").append(e.getKey()).append(' ')
                    .append(((JsonObject) e.getValue()).getInteger("max_requests_per_second"));
        }
        return out.append('}').toString();
    }

    private static long at(long[] sorted, double rank) {
        return sorted.length == 0 ? -1 : sorted[(int) Math.round(rank * (sorted.length - 1))];
    }
}
