package dev.certstream.gateway.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Small sets of literal strings and how they combine: concatenation (product), alternation (union), and a
 * sequence of parts folded into runs of adjacent literals. Sets stay at most {@link #MAX_SET} strings, so a
 * regex adds at most that many patterns to the index.
 */
final class LiteralSets {

    static final int MAX_SET = 16;
    static final int MAX_CLASS = 8;

    private LiteralSets() {
    }

    /** Every a+b, or null when that would exceed {@link #MAX_SET}. */
    static Set<String> product(Set<String> left, Set<String> right) {
        if ((long) left.size() * right.size() > MAX_SET) {
            return null;
        }
        Set<String> out = new TreeSet<>();
        for (String a : left) {
            for (String b : right) {
                out.add(a + b);
            }
        }
        return out;
    }

    /** Both sets in one, or null when that would exceed {@link #MAX_SET}. */
    static Set<String> union(Set<String> left, Set<String> right) {
        Set<String> out = new TreeSet<>(left);
        out.addAll(right);
        return out.size() > MAX_SET ? null : out;
    }

    /** How selective a set is: its shortest string's length (0 for null or a set holding ""). */
    static int score(Set<String> set) {
        if (set == null || set.isEmpty()) {
            return 0;
        }
        return set.stream().mapToInt(String::length).min().orElse(0);
    }

    /** The better of two candidate sets: the longer shortest string, then the fewer strings. */
    static Set<String> better(Set<String> a, Set<String> b) {
        int sa = score(a);
        int sb = score(b);
        if (sa != sb) {
            return sa > sb ? a : b;
        }
        if (sa == 0) {
            return null;
        }
        return a.size() <= b.size() ? a : b;
    }

    /** Folds a sequence of parts and their repeat counts into runs of adjacent literals. */
    static final class Sequence {
        private Set<String> run = Set.of("");
        private boolean exact = true;
        private final List<Set<String>> candidates = new ArrayList<>();
        private long size;

        /** Adds a part repeated {@code min..max} times (max -1: unbounded). */
        void add(LiteralInfo part, int min, int max) {
            long times = max < 0 ? Math.max(min, 1) + 1L : Math.max(max, 1);
            size = RegexShape.cap(size + RegexShape.cap(part.size() * times) + (min == 1 && max == 1 ? 0 : 1));
            if (min == 1 && max == 1 && part.exact() != null) {
                Set<String> joined = product(run, part.exact());
                if (joined == null) {
                    finishRun();
                    exact = false;
                    run = part.exact();
                } else {
                    run = joined;
                }
                return;
            }
            exact = false;
            if (min >= 1 && part.exact() != null) {
                Set<String> joined = product(run, part.exact()); // the first repetition is adjacent to the run
                candidates.add(joined != null ? joined : part.exact());
            } else if (min >= 1 && part.best() != null) {
                candidates.add(part.best());
            }
            finishRun();
        }

        private void finishRun() {
            if (score(run) > 0) {
                candidates.add(run);
            }
            run = Set.of("");
        }

        LiteralInfo result() {
            Set<String> whole = exact ? run : null;
            finishRun();
            Set<String> best = null;
            for (Set<String> candidate : candidates) {
                best = best == null ? (score(candidate) > 0 ? candidate : null) : better(best, candidate);
            }
            return new LiteralInfo(whole, best, size);
        }
    }
}
