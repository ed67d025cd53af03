package dev.certstream.gateway.filter;

import dev.certstream.contract.StreamKind;
import dev.certstream.node.ConfigException;
import dev.certstream.node.EnvReader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The filter index's byte bound: the estimate covers what the index holds, and the catalog refuses past it. */
class IndexBudgetTest {

    private static final long BOUND = 2L << 20;
    private static final FilterLimits LIMITS = new FilterLimits(1 << 20, 100_000, 4096, 20, 2000, 20_000, 1_000_000,
            BOUND, 16);

    /** What the probe sends: {@code count} random keywords of {@code length} characters of {@code alphabet}. */
    private static FilterSpec keywords(Random random, String alphabet, int count, int length) {
        List<String> values = new ArrayList<>();
        while (values.size() < count) {
            values.add(IndexFootprint.word(random, alphabet, length));
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("keyword", values);
        return FilterQuery.parse(0, params, LIMITS, Set.of());
    }

    @Test
    void acquireRefusesANewFilterPastTheByteBoundAndTakesOneAgainOnceRoomIsFreed() {
        FilterCatalog catalog = new FilterCatalog(LIMITS, 2, Runnable::run);
        Random random = new Random(5);
        List<FilterEntry> held = new ArrayList<>();
        FilterException refused = null;
        for (int i = 0; i < 100 && refused == null; i++) {
            FilterSpec spec = keywords(random, "abcdefghijklmnopqrstuvwxyz", 440, 16);
            try {
                held.add(catalog.acquire(spec, StreamKind.LITE).live().join());
            } catch (FilterException e) {
                refused = e;
            }
        }
        assertTrue(refused != null, "14,000 patterns of random keywords fill a 2 MB bound");
        assertEquals(503, refused.status());
        assertTrue(refused.getMessage().contains("CERTSTREAM_FILTER_MAX_INDEX_BYTES"), refused.getMessage());
        assertTrue(held.size() >= 2, "a 2 MB bound holds a few such filters: " + held.size());
        assertTrue(catalog.heldBytes() <= BOUND, "held " + catalog.heldBytes());
        assertEquals(held.stream().mapToLong(FilterEntry::bytes).sum(), catalog.heldBytes());
        // Another client of a held filter costs nothing new, even at the bound.
        assertSame(held.get(0), catalog.acquire(held.get(0).spec(), StreamKind.FULL));
        catalog.release(held.get(0), StreamKind.FULL);
        catalog.release(held.get(0), StreamKind.LITE);
        catalog.release(held.get(1), StreamKind.LITE);
        assertTrue(catalog.heldBytes() <= BOUND - held.get(0).bytes(), "the rebuild dropped the dead filters");
        catalog.acquire(keywords(random, "abcdefghijklmnopqrstuvwxyz", 440, 16), StreamKind.LITE).live().join();
    }

    @Test
    void theEstimateBoundsTheAutomatonOfAdversarialKeywords() {
        Random random = new Random(9);
        for (String alphabet : List.of("ab", "abcdefghijklmnopqrstuvwxyz", "\u4e00\u4e01\u4e02\u4e03\u4e04\u4e05\u4e06")) {
            List<FilterEntry> entries = new ArrayList<>();
            long chars = 0;
            for (int i = 0; i < 8; i++) {
                FilterEntry entry = new FilterEntry(keywords(random, alphabet, 300, 16 + random.nextInt(40)), 2);
                entries.add(entry);
                chars += entry.spec().keywords().stream().mapToLong(String::length).sum();
            }
            FilterSegment segment = SegmentBuilder.build(entries);
            assertTrue(segment.automaton.states() <= 1 + chars, "the estimate's state bound: one per character");
            long estimate = entries.stream().mapToLong(FilterEntry::bytes).sum();
            // The old and the new automaton of a full rebuild, and every keyword's characters in UTF-16.
            long structural = 2 * segment.automaton.bytes() + 2 * chars;
            assertTrue(structural < estimate, alphabet + ": " + structural + " >= " + estimate);
        }
    }

    @Test
    void regexesAreChargedForTheirProgramsMachinesAndUnicodeTables() {
        FilterEntry plain = new FilterEntry(FilterQueryTest.parse("regex", "^paypal-[0-9]+\\.com$"), 1);
        FilterEntry large = new FilterEntry(FilterQueryTest.parse("regex", "paypal(-[a-z0-9]{1,24}){1,70}$"), 1);
        FilterEntry unicode = new FilterEntry(FilterQueryTest.parse("regex", "paypal" + "\\pL".repeat(20)), 1);
        FilterEntry manyInstances = new FilterEntry(FilterQueryTest.parse("regex", "paypal(-[a-z0-9]{1,24}){1,70}$"), 8);
        // Measured by IndexFootprint at a rebuild's peak: ~4.5 KB, ~390 KB and ~7.4 KB per \pL.
        assertTrue(plain.bytes() > 4_500, "short regex: " + plain.bytes());
        assertTrue(large.bytes() > 390_000, "large regex: " + large.bytes());
        assertTrue(unicode.bytes() > 20 * 7_400, "unicode classes: " + unicode.bytes());
        assertTrue(manyInstances.bytes() > large.bytes(), "a matcher machine per instance");
    }

    @Test
    void theBoundIsReadValidatedAndNamedAndThePatternDefaultFitsIt() {
        assertEquals(24L << 20, FilterLimits.defaults().maxIndexBytes());
        assertEquals(44_938, FilterLimits.defaults().maxPatterns(), "24 MB of the cheapest values");
        FilterLimits raised = FilterLimits.fromEnv(new EnvReader(Map.of("CERTSTREAM_FILTER_MAX_INDEX_BYTES", "56000000")));
        assertEquals(56_000_000L, raised.maxIndexBytes());
        assertEquals(100_000, raised.maxPatterns(), "the pattern default follows the byte bound");
        assertEquals(500, FilterLimits.fromEnv(new EnvReader(Map.of("CERTSTREAM_FILTER_MAX_INDEX_BYTES", "56000000",
                "CERTSTREAM_FILTER_MAX_PATTERNS", "500"))).maxPatterns(), "set explicitly, it is kept");
        for (String bad : List.of("1000", "lots", "-1")) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> FilterLimits.fromEnv(new EnvReader(Map.of("CERTSTREAM_FILTER_MAX_INDEX_BYTES", bad))));
            assertTrue(e.getMessage().contains("CERTSTREAM_FILTER_MAX_INDEX_BYTES"), e.getMessage());
        }
    }
}
