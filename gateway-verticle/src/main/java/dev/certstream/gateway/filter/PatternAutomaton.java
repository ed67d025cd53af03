package dev.certstream.gateway.filter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An Aho-Corasick automaton over every keyword, suffix and regex literal of a segment, in flat arrays: per
 * state its sorted transitions, its failure state, the pattern that ends there (if any) and the nearest state
 * on its failure chain where a pattern ends (the dictionary link). Scanning a name allocates nothing and
 * reports, at each position, the patterns ending there longest first, so the caller can stop at one it has
 * already seen in this name (all shorter ones were reported with it): linear in the name plus distinct hits.
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

    private static final char[] NO_KEYS = new char[0];
    private static final int[] NO_NEXT = new int[0];

    private final char[][] keys;
    private final int[][] next;
    private final int[] fail;
    private final int[] pattern;
    private final int[] dictionary;

    private PatternAutomaton(char[][] keys, int[][] next, int[] fail, int[] pattern, int[] dictionary) {
        this.keys = keys;
        this.next = next;
        this.fail = fail;
        this.pattern = pattern;
        this.dictionary = dictionary;
    }

    /** The automaton of {@code patterns}; pattern {@code i} is reported as {@code i}. Patterns are distinct. */
    static PatternAutomaton build(List<String> patterns) {
        List<Map<Character, Integer>> children = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        children.add(new HashMap<>());
        ends.add(-1);
        for (int p = 0; p < patterns.size(); p++) {
            int state = 0;
            for (char c : patterns.get(p).toCharArray()) {
                Integer child = children.get(state).get(c);
                if (child == null) {
                    child = children.size();
                    children.add(new HashMap<>());
                    ends.add(-1);
                    children.get(state).put(c, child);
                }
                state = child;
            }
            ends.set(state, p);
        }
        int n = children.size();
        char[][] keys = new char[n][];
        int[][] next = new int[n][];
        for (int s = 0; s < n; s++) {
            Map<Character, Integer> map = children.get(s);
            char[] k = new char[map.size()];
            int i = 0;
            for (char c : map.keySet()) {
                k[i++] = c;
            }
            Arrays.sort(k);
            int[] t = new int[k.length];
            for (i = 0; i < k.length; i++) {
                t[i] = map.get(k[i]);
            }
            keys[s] = k.length == 0 ? NO_KEYS : k;
            next[s] = t.length == 0 ? NO_NEXT : t;
        }
        int[] pattern = ends.stream().mapToInt(Integer::intValue).toArray();
        int[] fail = new int[n];
        int[] dictionary = new int[n];
        PatternAutomaton automaton = new PatternAutomaton(keys, next, fail, pattern, dictionary);
        automaton.link();
        return automaton;
    }

    /** Failure and dictionary links, breadth first (a state's links depend on shallower states only). */
    private void link() {
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int child : next[0]) {
            fail[child] = 0;
            dictionary[child] = 0;
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            for (int i = 0; i < keys[state].length; i++) {
                int child = next[state][i];
                int f = fail[state];
                int target;
                while ((target = child(f, keys[state][i])) < 0 && f != 0) {
                    f = fail[f];
                }
                fail[child] = target < 0 || target == child ? 0 : target;
                int link = fail[child];
                dictionary[child] = pattern[link] >= 0 ? link : dictionary[link];
                queue.add(child);
            }
        }
    }

    private int child(int state, char c) {
        int i = Arrays.binarySearch(keys[state], c);
        return i < 0 ? -1 : next[state][i];
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
}
