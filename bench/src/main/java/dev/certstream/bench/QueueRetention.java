package dev.certstream.bench;

import dev.certstream.render.EntryRenderer;
import dev.certstream.render.LogDescription;
import dev.certstream.render.Renderings;
import dev.certstream.render.ct.DecodedEntry;
import dev.certstream.render.ct.LeafInputDecoder;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a paused client's queue really keeps alive under three ways of counting its byte bound, on real
 * renderings: the three messages of a certificate are slices of one array, so a queued lite message holds
 * the full and dns_entries ones too. {@code slice} counts the message's own length (what the gateway did),
 * {@code backing} the whole array, {@code copy} copies lite and dns_entries messages into arrays of their
 * own when a queue backs up. For each: the messages a paused client of each stream keeps, and the bytes the
 * queues pin (distinct arrays), for one paused client of a stream and for paused clients on all three (all
 * queues of a stream hold the newest messages, so further paused clients add nothing).
 * Run: {@code java -cp bench/target/bench-*-all.jar dev.certstream.bench.QueueRetention [real|simulated]}.
 */
public final class QueueRetention {

    /** The gateway's defaults: {@code CERTSTREAM_QUEUE_MESSAGES} and {@code CERTSTREAM_QUEUE_BYTES}. */
    private static final int MAX_MESSAGES = 1000;
    private static final long MAX_BYTES = 4L * 1024 * 1024;

    private QueueRetention() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "simulated";
        List<RawEntries.Raw> raw = which.equals("real") ? RawEntries.real() : RawEntries.simulated(2048);
        EntryRenderer renderer = new EntryRenderer(4096);
        LogDescription log = new Log("https://ct.example.test/2026h1/", "Benchmark log", "Benchmark", "rfc6962");
        int count = 3 * MAX_MESSAGES;
        Renderings[] rendered = new Renderings[count];
        long[] sizes = new long[3];
        for (int i = 0; i < count; i++) {
            RawEntries.Raw entry = raw.get(i % raw.size());
            DecodedEntry decoded = LeafInputDecoder.decode(i, entry.leafInput(), entry.extraData(), log.url());
            rendered[i] = renderer.render(decoded, log, 1_764_000_000_000_000L + i);
            sizes[0] += rendered[i].liteFrom();
            sizes[1] += rendered[i].domainsFrom() - rendered[i].liteFrom();
            sizes[2] += rendered[i].bytes().length - rendered[i].domainsFrom();
        }
        System.out.printf(Locale.ROOT, "%s entries: mean full %d B, lite %d B, dns_entries %d B, array %d B%n", which,
                sizes[0] / count, sizes[1] / count, sizes[2] / count, (sizes[0] + sizes[1] + sizes[2]) / count);
        System.out.println("policy   | messages kept per paused client (full/lite/dns) | pinned, one stream's client (full/lite/dns) | pinned, all three");
        for (String policy : List.of("slice", "backing", "copy")) {
            int[] kept = new int[3];
            long[] pinned = new long[3];
            Map<Object, Long> all = new IdentityHashMap<>();
            for (int s = 0; s < 3; s++) {
                Map<Object, Long> arrays = queue(rendered, s, policy);
                kept[s] = arrays.values().stream().mapToInt(v -> (int) (v >>> 32)).sum();
                pinned[s] = arrays.values().stream().mapToLong(v -> v & 0xffffffffL).sum();
                all.putAll(arrays);
            }
            long union = all.values().stream().mapToLong(v -> v & 0xffffffffL).sum();
            System.out.printf(Locale.ROOT, "%-8s | %4d / %4d / %4d | %5.2f / %5.2f / %5.2f MB | %5.2f MB%n", policy,
                    kept[0], kept[1], kept[2], mb(pinned[0]), mb(pinned[1]), mb(pinned[2]), mb(union));
        }
    }

    /**
     * Offers every certificate's message of stream {@code s} to one bounded queue (oldest dropped) and
     * returns the arrays it keeps alive: array to (messages << 32 | array bytes).
     */
    private static Map<Object, Long> queue(Renderings[] rendered, int s, String policy) {
        ArrayDeque<long[]> queue = new ArrayDeque<>();
        ArrayDeque<Object> owners = new ArrayDeque<>();
        long counted = 0;
        for (Renderings r : rendered) {
            int from = s == 0 ? 0 : s == 1 ? r.liteFrom() : r.domainsFrom();
            int to = s == 0 ? r.liteFrom() : s == 1 ? r.domainsFrom() : r.bytes().length;
            int length = to - from;
            boolean copied = policy.equals("copy") && s > 0;
            Object owner = copied ? new byte[length] : r.bytes();
            long pins = copied ? length : r.bytes().length;
            long counts = policy.equals("slice") || copied ? length : pins;
            queue.add(new long[] {counts, pins});
            owners.add(owner);
            counted += counts;
            while (queue.size() > MAX_MESSAGES || counted > MAX_BYTES) {
                counted -= queue.removeFirst()[0];
                owners.removeFirst();
            }
        }
        Map<Object, Long> arrays = new IdentityHashMap<>();
        var pins = queue.iterator();
        for (Object owner : owners) {
            long size = pins.next()[1];
            arrays.merge(owner, (1L << 32) | size, (a, b) -> a + (1L << 32));
        }
        return arrays;
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    /** The tool's log, as the renderer sees it. */
    private record Log(String url, String name, String operator, String typeName) implements LogDescription {
    }
}
