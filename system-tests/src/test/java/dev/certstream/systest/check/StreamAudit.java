package dev.certstream.systest.check;

import dev.certstream.systest.client.ArrivalRecorder.Arrival;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges what one client received from one log: indices must follow each other one by one (no gap, no
 * duplicate, never backwards), and silences around an event (a kill, a freeze) are measured from the
 * arrival times.
 */
public final class StreamAudit {

    /** Problems listed per sequence; past this many the count is enough to see what went wrong. */
    private static final int MAX_LISTED = 10;

    /** The silence around an instant: the last arrival at or before it and the first one after. */
    public record Silence(Arrival before, Arrival after) {

        long gapNanos() {
            return after.nanos() - before.nanos();
        }
    }

    /** An inclusive range of indices a client never received. */
    public record Range(long first, long last) {

        public long size() {
            return last - first + 1;
        }

        @Override
        public String toString() {
            return first == last ? Long.toString(first) : first + ".." + last;
        }
    }

    /**
     * One client's account of one log: the indices it never received between its first and its highest
     * (in ranges), how many it received twice, and how many came after a higher one (out of order).
     */
    public record Account(List<Range> missing, int duplicates, int outOfOrder) {

        long missingCount() {
            return missing.stream().mapToLong(Range::size).sum();
        }
    }

    private StreamAudit() {
    }

    /** What a client received of one log, judged whole: see {@link Account}. */
    public static Account account(List<Arrival> arrivals) {
        java.util.BitSet seen = new java.util.BitSet();
        long base = arrivals.stream().mapToLong(Arrival::index).min().orElse(0);
        long highest = Long.MIN_VALUE;
        int duplicates = 0;
        int outOfOrder = 0;
        for (Arrival arrival : arrivals) {
            int offset = Math.toIntExact(arrival.index() - base);
            if (seen.get(offset)) {
                duplicates++;
            } else if (arrival.index() < highest) {
                outOfOrder++;
            }
            seen.set(offset);
            highest = Math.max(highest, arrival.index());
        }
        List<Range> missing = new ArrayList<>();
        int top = seen.length();
        for (int hole = seen.nextClearBit(0); hole < top; ) {
            int end = seen.nextSetBit(hole);
            missing.add(new Range(base + hole, base + end - 1));
            hole = seen.nextClearBit(end);
        }
        return new Account(missing, duplicates, outOfOrder);
    }

    /**
     * What is wrong with the sequence (empty when every index is the previous one plus one). Each index is
     * judged against the highest one before it, so a replayed stretch is reported whole, not only its start.
     */
    public static List<String> problems(List<Arrival> arrivals) {
        List<String> problems = new ArrayList<>();
        int count = 0;
        long highest = arrivals.isEmpty() ? 0 : arrivals.get(0).index();
        for (int i = 1; i < arrivals.size(); i++) {
            long index = arrivals.get(i).index();
            String problem = null;
            if (index == highest) {
                problem = "duplicate " + index;
            } else if (index < highest) {
                problem = "went back to " + index + " after " + highest;
            } else if (index > highest + 1) {
                problem = "gap: " + (index - highest - 1) + " missing (" + (highest + 1) + ".." + (index - 1) + ")";
            }
            highest = Math.max(highest, index);
            if (problem != null) {
                count++;
                if (problems.size() < MAX_LISTED) {
                    problems.add(problem + " at arrival #" + i);
                }
            }
        }
        if (count > MAX_LISTED) {
            problems.add("... " + (count - MAX_LISTED) + " more");
        }
        return problems;
    }

    /** The arrivals on both sides of {@code atNanos}, if there are some on both sides. */
    public static Optional<Silence> silenceAround(List<Arrival> arrivals, long atNanos) {
        Arrival before = null;
        for (Arrival arrival : arrivals) {
            if (arrival.nanos() <= atNanos) {
                before = arrival;
            } else {
                return before == null ? Optional.empty() : Optional.of(new Silence(before, arrival));
            }
        }
        return Optional.empty();
    }

    /** The longest gap between consecutive arrivals that both lie in [fromNanos, toNanos]; 0 with fewer than two. */
    public static long longestGapNanos(List<Arrival> arrivals, long fromNanos, long toNanos) {
        long longest = 0;
        Arrival previous = null;
        for (Arrival arrival : arrivals) {
            if (arrival.nanos() < fromNanos || arrival.nanos() > toNanos) {
                continue;
            }
            if (previous != null) {
                longest = Math.max(longest, arrival.nanos() - previous.nanos());
            }
            previous = arrival;
        }
        return longest;
    }
}
