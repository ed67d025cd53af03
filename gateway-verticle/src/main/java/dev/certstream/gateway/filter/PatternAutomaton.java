package dev.certstream.gateway.filter;

import java.util.Arrays;
import java.util.List;

/**
 * An Aho-Corasick automaton over every keyword, suffix and regex literal of a segment, in five flat arrays
 * (18 bytes per state, one state per distinct prefix): states are numbered breadth first, so a state's
 * children are consecutive states and its transitions are just the range {@code childStart[s] ..
 * childStart[s + 1]} of {@code label} (each state's incoming character, sorted within the range), plus per
 * state its failure state, the pattern that ends there (if any) and the nearest state on its failure chain
 * where a pattern ends (the dictionary link). Scanning a name allocates nothing and reports, at each
 * position, the patterns ending there longest first, so the caller can stop at one it has already seen in
 * this name (all shorter ones were reported with it): linear in the name plus distinct hits.
 * Immutable once built; any thread may scan.
 */
final class PatternAutomaton {

    /** Receives the patterns found in a name. */
    interface Hits {
        /**
         * Pattern {@code pattern} ends at this position; {@code atEnd} when that is the name's last character.
         * Returns false to skip the shorter patterns ending at the same position.
         */
        boolean hit(int pattern, boolean atEnd);
    }

    /** Heap per state: a char of {@code label} and four ints (child start, fail, pattern, dictionary). */
    static final int BYTES_PER_STATE = Character.BYTES + 4 * Integer.BYTES;

    private final char[] label;
    private final int[] childStart;
    private final int[] fail;
    private final int[] pattern;
    private final int[] dictionary;

    private PatternAutomaton(char[] label, int[] childStart, int[] fail, int[] pattern, int[] dictionary) {
        this.label = label;
        this.childStart = childStart;
        this.fail = fail;
        this.pattern = pattern;
        this.dictionary = dictionary;
    }

    /** The automaton of {@code patterns}; pattern {@code i} is reported as {@code i}. Patterns are distinct. */
    static PatternAutomaton build(List<String> patterns) {
        // Sorted, the patterns below a trie state are one contiguous run and the one ending there comes first,
        // so the trie is built level by level from runs, with no per-state map (a HashMap per state cost
        // ~15 states x hundreds of bytes per random keyword and ran a 120 MB heap out of memory).
        Integer[] order = new Integer[patterns.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> patterns.get(a).compareTo(patterns.get(b)));
        String[] sorted = new String[order.length];
        int states = 1;
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = patterns.get(order[i]);
            // Each pattern adds the states of its characters past the prefix it shares with the one before.
            states += sorted[i].length() - (i == 0 ? 0 : commonPrefix(sorted[i - 1], sorted[i]));
        }
        char[] label = new char[states];
        int[] childStart = new int[states + 1];
        int[] pattern = new int[states];
        // Each state's run of sorted patterns [from, to) while building; the same arrays then hold the links.
        int[] from = new int[states];
        int[] to = new int[states];
        to[0] = sorted.length;
        int next = 1;
        int depth = 0;
        int levelEnd = 1;
        for (int s = 0; s < states; s++) {
            if (s == levelEnd) {
                depth++;
                levelEnd = next;
            }
            childStart[s] = next;
            int i = from[s];
            pattern[s] = -1;
            if (i < to[s] && sorted[i].length() == depth) {
                pattern[s] = order[i];
                i++;
            }
            while (i < to[s]) {
                char c = sorted[i].charAt(depth);
                int j = i + 1;
                while (j < to[s] && sorted[j].charAt(depth) == c) {
                    j++;
                }
                label[next] = c;
                from[next] = i;
                to[next] = j;
                next++;
                i = j;
            }
        }
        childStart[states] = next;
        PatternAutomaton automaton = new PatternAutomaton(label, childStart, from, pattern, to);
        automaton.link();
        return automaton;
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    /** Failure and dictionary links in state order, which is breadth first: they point to shallower states only. */
    private void link() {
        fail[0] = 0;
        dictionary[0] = 0;
        for (int s = 0; s < fail.length; s++) {
            for (int child = childStart[s]; child < childStart[s + 1]; child++) {
                int target = -1;
                if (s != 0) {
                    int f = fail[s];
                    while ((target = child(f, label[child])) < 0 && f != 0) {
                        f = fail[f];
                    }
                }
                fail[child] = target < 0 ? 0 : target;
                int link = fail[child];
                dictionary[child] = pattern[link] >= 0 ? link : dictionary[link];
            }
        }
    }

    private int child(int state, char c) {
        int i = Arrays.binarySearch(label, childStart[state], childStart[state + 1], c);
        return i < 0 ? -1 : i;
    }

    /** Reports every pattern occurring in {@code name} (see {@link Hits#hit}). */
    void scan(String name, Hits hits) {
        int state = 0;
        int last = name.length() - 1;
        for (int i = 0; i <= last; i++) {
            char c = name.charAt(i);
            int target;
            while ((target = child(state, c)) < 0 && state != 0) {
                state = fail[state];
            }
            state = target < 0 ? 0 : target;
            for (int s = pattern[state] >= 0 ? state : dictionary[state]; s != 0; s = dictionary[s]) {
                if (!hits.hit(pattern[s], i == last)) {
                    break;
                }
            }
        }
    }

    /** States, for the heap figure. */
    int states() {
        return fail.length;
    }

    /** Heap held by the arrays (headers aside). */
    long bytes() {
        return (long) states() * BYTES_PER_STATE + Integer.BYTES;
    }
}
