package dev.certstream.gateway.filter;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    private static String word(Random random, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append("aab.c".charAt(random.nextInt(5)));
        }
        return b.toString();
    }
}
