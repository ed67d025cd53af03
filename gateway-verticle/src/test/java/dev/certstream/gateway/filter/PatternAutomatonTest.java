package dev.certstream.gateway.filter;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The automaton against a naive search: every occurrence, and the distinct patterns with the early stop. */
class PatternAutomatonTest {

    @Test
    void reportsEveryOccurrenceAndEveryDistinctPatternWithTheEarlyStop() {
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            Set<String> unique = new LinkedHashSet<>();
            int count = 1 + random.nextInt(30);
            while (unique.size() < count) {
                unique.add(word(random, 1 + random.nextInt(5)));
            }
            List<String> patterns = new ArrayList<>(unique);
            PatternAutomaton automaton = PatternAutomaton.build(patterns);
            for (int t = 0; t < 20; t++) {
                String text = word(random, 1 + random.nextInt(40));
                Set<String> expected = new HashSet<>();
                Set<String> expectedDistinct = new HashSet<>();
                for (int p = 0; p < patterns.size(); p++) {
                    for (int at = text.indexOf(patterns.get(p)); at >= 0; at = text.indexOf(patterns.get(p), at + 1)) {
                        expected.add(p + "@" + (at + patterns.get(p).length() - 1));
                        expectedDistinct.add(patterns.get(p));
                    }
                }
                Set<String> distinct = new HashSet<>();
                automaton.scan(text, (pattern, atEnd) -> distinct.add(patterns.get(pattern)) || atEnd);
                assertEquals(expectedDistinct, distinct, "distinct patterns of " + patterns + " in " + text);
                assertEquals(expected.size(), countOccurrences(automaton, text), "occurrences of " + patterns + " in " + text);
            }
        }
    }

    @Test
    void compactAutomatonReportsExactlyTheNaiveHitsInOrderOnRandomInputs() {
        Random random = new Random(11);
        String[] alphabets = {"ab", "abc.-", "abcdefghijklmnopqrstuvwxyz0123456789.-", "a\u00e9\u4e00\u4e01\ud83d\ude00"};
        for (int round = 0; round < 300; round++) {
            String alphabet = alphabets[round % alphabets.length];
            Set<String> unique = new LinkedHashSet<>();
            int count = 1 + random.nextInt(round % 10 == 0 ? 2000 : 60);
            int maxLength = 1 + random.nextInt(round % 3 == 0 ? 16 : 6);
            for (int tries = 0; unique.size() < count && tries < count * 4; tries++) {
                unique.add(word(random, alphabet, 1 + random.nextInt(maxLength)));
            }
            List<String> patterns = new ArrayList<>(unique);
            PatternAutomaton automaton = PatternAutomaton.build(patterns);
            long chars = patterns.stream().mapToLong(String::length).sum();
            assertTrue(automaton.states() <= 1 + chars, "at most one state per pattern character");
            for (int t = 0; t < 20; t++) {
                String text = t % 4 == 0 && !patterns.isEmpty()
                        ? patterns.get(random.nextInt(patterns.size())) + word(random, alphabet, random.nextInt(8))
                        : word(random, alphabet, random.nextInt(60));
                List<String> actual = new ArrayList<>();
                automaton.scan(text, (pattern, atEnd) -> actual.add(patterns.get(pattern) + "@" + atEnd));
                assertEquals(naiveHits(patterns, text), actual, "hits of " + patterns.size() + " patterns in " + text);
            }
        }
    }

    /** Per end position, every pattern ending there, longest first: the order the automaton promises. */
    private static List<String> naiveHits(List<String> patterns, String text) {
        List<String> hits = new ArrayList<>();
        for (int end = 0; end < text.length(); end++) {
            List<String> here = new ArrayList<>();
            for (String p : patterns) {
                int start = end - p.length() + 1;
                if (start >= 0 && text.indexOf(p, start) == start) {
                    here.add(p);
                }
            }
            here.sort((a, b) -> b.length() - a.length());
            for (String p : here) {
                hits.add(p + "@" + (end == text.length() - 1));
            }
        }
        return hits;
    }

    private static int countOccurrences(PatternAutomaton automaton, String text) {
        int[] count = {0};
        automaton.scan(text, (pattern, atEnd) -> {
            count[0]++;
            return true;
        });
        return count[0];
    }

    @Test
    void endOfNameIsFlaggedForSuffixes() {
        PatternAutomaton automaton = PatternAutomaton.build(List.of(".example.com", "example"));
        List<String> hits = new ArrayList<>();
        List<String> patterns = List.of(".example.com", "example");
        automaton.scan("www.example.com", (p, atEnd) -> hits.add(patterns.get(p) + (atEnd ? "$" : "")));
        assertEquals(List.of("example", ".example.com$"), hits);
    }

    private static String word(Random random, String alphabet, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static String word(Random random, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append("aab.c".charAt(random.nextInt(5)));
        }
        return b.toString();
    }
}
