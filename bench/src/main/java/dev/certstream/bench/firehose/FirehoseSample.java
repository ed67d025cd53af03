package dev.certstream.bench.firehose;

import org.HdrHistogram.Histogram;

import java.util.List;

/**
 * What the clients received over one period (the 10 s report, or the last second during a catch-up),
 * merged over the shards. Freshness is receive time minus the entry's {@code source.timestamp}.
 *
 * @param connected        clients connected at the end of the period
 * @param messages         every message received in the period
 * @param certificates     certificate_update messages (lite and full clients)
 * @param dnsEntries       dns_entries messages (domains-only clients)
 * @param withoutTimestamp certificates whose source.timestamp could not be read
 * @param freshnessMicros  freshness of the period's certificates
 * @param missing          indices skipped so far, over the whole run (per client and log)
 * @param repeated         indices received again or out of order so far
 * @param clientCertificates certificates each lite or full client received over the whole run
 * @param clientDns        dns_entries each domains-only client received over the whole run
 */
record FirehoseSample(int connected, long messages, long certificates, long dnsEntries, long withoutTimestamp,
                      Histogram freshnessMicros, long missing, long repeated, long[] clientCertificates,
                      long[] clientDns) {

    static final long MAX_FRESHNESS_MICROS = 3_600_000_000L;

    static FirehoseSample merge(List<FirehoseSample> shards) {
        Histogram freshness = new Histogram(MAX_FRESHNESS_MICROS, 3);
        int connected = 0;
        long[] sums = new long[6];
        long[] certs = new long[0];
        long[] dns = new long[0];
        for (FirehoseSample s : shards) {
            connected += s.connected;
            long[] figures = {s.messages, s.certificates, s.dnsEntries, s.withoutTimestamp, s.missing, s.repeated};
            for (int i = 0; i < sums.length; i++) {
                sums[i] += figures[i];
            }
            freshness.add(s.freshnessMicros);
            certs = concat(certs, s.clientCertificates);
            dns = concat(dns, s.clientDns);
        }
        return new FirehoseSample(connected, sums[0], sums[1], sums[2], sums[3], freshness, sums[4], sums[5], certs, dns);
    }

    /** A freshness percentile in seconds; NaN without certificates. */
    double freshnessSeconds(double percentile) {
        return freshnessMicros.getTotalCount() == 0 ? Double.NaN : freshnessMicros.getValueAtPercentile(percentile) / 1e6;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
