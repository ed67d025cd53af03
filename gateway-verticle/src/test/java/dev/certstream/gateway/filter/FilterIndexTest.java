package dev.certstream.gateway.filter;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.StreamKind;
import dev.certstream.render.ct.EntryType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static dev.certstream.gateway.filter.FilterFixtures.cert;
import static dev.certstream.gateway.filter.FilterQueryTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The index against the reference matcher, on chosen cases and on thousands of random filters and certificates. */
class FilterIndexTest {

    private static final String LOG = "https://ct.example.com/2026h1/";
    private final FilterCatalog catalog = new FilterCatalog(FilterLimits.defaults(), 2, Runnable::run);
    private final MatchScratch scratch = new MatchScratch();

    private FilterEntry add(FilterSpec spec) {
        CompletableFuture<FilterEntry> live = catalog.acquire(spec, StreamKind.LITE).live();
        assertTrue(live.isDone(), "a direct build executor indexes at once");
        return live.join();
    }

    private Set<String> matches(CertificateEnvelope cert) {
        Set<String> keys = new HashSet<>();
        for (FilterEntry entry : catalog.snapshot().match(cert, scratch)) {
            assertTrue(keys.add(entry.key()), "each filter at most once: " + entry.key());
        }
        return keys;
    }

    @Test
    void eachKindMatchesWhatItSays() {
        add(parse("domain", "example.com"));
        add(parse("domain", "*.example.org"));
        add(parse("keyword", "paypal"));
        add(parse("regex", "^login-[0-9]+\\."));
        add(parse("issuer", "Let's Encrypt"));
        add(parse("log", "ct.example.com/2026h1"));
        add(parse("log", "Google"));
        add(parse("type", "precert"));
        add(parse("keyword", "bank", "type", "x509", "issuer", "R11"));
        CertificateEnvelope a = cert(LOG, 1, EntryType.X509, "Example", "Let's Encrypt", "R11",
                "Example.com", "a.b.example.org", "example.org", "secure-paypal.net", "login-42.x.io", "mybank.io");
        assertEquals(Set.of("domain=example.com", "domain=*.example.org", "keyword=paypal", "regex=%5Elogin-%5B0-9%5D%2B%5C.",
                "issuer=let%27s%20encrypt", "log=ct.example.com%2F2026h1", "keyword=bank&issuer=r11&type=x509"), matches(a));
        CertificateEnvelope b = cert("https://other/", 2, EntryType.PRECERT, "Google", "Other", "X1", "example.org", "nope.net");
        assertEquals(Set.of("log=google", "type=precert"), matches(b));
    }

    @Test
    void clientsOfTheSameFilterShareOneEntry() {
        FilterEntry first = add(parse("domain", "a.com,b.com"));
        FilterEntry second = catalog.acquire(parse("domain", "B.com", "domain", "a.com"), StreamKind.FULL).live().join();
        assertSame(first, second);
        assertEquals(1, catalog.distinct());
        assertEquals(1, first.clients(StreamKind.LITE));
        assertEquals(1, first.clients(StreamKind.FULL));
        catalog.release(first, StreamKind.LITE);
        assertTrue(first.alive());
        catalog.release(first, StreamKind.FULL);
        assertFalse(first.alive());
        assertEquals(0, catalog.distinct());
        assertEquals(Set.of(), matches(cert(LOG, 1, EntryType.X509, "E", null, null, "a.com")), "a dead filter never matches");
    }

    @Test
    void gatewayCapacityIsEnforcedAndFreedByRelease() {
        FilterCatalog small = new FilterCatalog(new FilterLimits(8192, 5, 64, 5, 2000, 2, 5, 24L << 20, 1), 1, Runnable::run);
        FilterEntry one = small.acquire(parse("keyword", "a,b"), StreamKind.LITE).live().join();
        FilterEntry two = small.acquire(parse("keyword", "c"), StreamKind.LITE).live().join();
        FilterException distinct = assertThrows(FilterException.class, () -> small.acquire(parse("keyword", "d"), StreamKind.LITE));
        assertEquals(503, distinct.status());
        small.release(one, StreamKind.LITE);
        FilterException patterns = assertThrows(FilterException.class,
                () -> small.acquire(parse("keyword", "d,e,f,g,h"), StreamKind.LITE));
        assertTrue(patterns.getMessage().contains("patterns"));
        FilterEntry three = small.acquire(parse("keyword", "d,e,f,g"), StreamKind.LITE).live().join();
        small.release(two, StreamKind.LITE);
        small.release(three, StreamKind.LITE);
        small.acquire(parse("regex", ".*x"), StreamKind.LITE).live().join();
        FilterException scans = assertThrows(FilterException.class, () -> small.acquire(parse("regex", "[0-9]+"), StreamKind.LITE));
        assertTrue(scans.getMessage().contains("without a literal part"));
        assertEquals(503, scans.status());
    }

    @Test
    void aNewFilterIsLiveOnlyOnceAnIndexHoldsIt() {
        List<Runnable> queued = new ArrayList<>();
        FilterCatalog deferred = new FilterCatalog(FilterLimits.defaults(), 1, queued::add);
        CompletableFuture<FilterEntry> live = deferred.acquire(parse("keyword", "x"), StreamKind.LITE).live();
        assertFalse(live.isDone());
        assertEquals(0, deferred.snapshot().match(cert(LOG, 1, EntryType.X509, "E", null, null, "x.com"), scratch).length);
        queued.remove(0).run();
        assertTrue(live.isDone());
        assertEquals(1, deferred.snapshot().match(cert(LOG, 1, EntryType.X509, "E", null, null, "x.com"), scratch).length);
    }

    @Test
    void hostilePatternsMatchCorrectlyOnLongInputs() {
        add(parse("regex", "(a+)+$"));
        add(parse("regex", "(a|aa)*b"));
        add(parse("regex", "(x+x+)+y"));
        add(parse("keyword", "a".repeat(256)));
        String longA = "a".repeat(5000) + "!";
        assertEquals(Set.of("keyword=" + "a".repeat(256)), matches(cert(LOG, 1, EntryType.X509, "E", null, null, longA)));
        assertEquals(Set.of("regex=%28a%2B%29%2B%24", "keyword=" + "a".repeat(256)),
                matches(cert(LOG, 2, EntryType.X509, "E", null, null, "a".repeat(5000))));
        assertEquals(Set.of(), matches(cert(LOG, 3, EntryType.X509, "E", null, null, "x".repeat(5000))));
    }

    @Test
    void randomFiltersAgreeWithTheReferenceAcrossRebuilds() {
        Random random = new Random(7);
        List<FilterSpec> specs = new ArrayList<>();
        List<FilterEntry> entries = new ArrayList<>();
        long hits = 0;
        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < 400; i++) {
                FilterSpec spec = RandomFilters.spec(random);
                specs.add(spec);
                entries.add(add(spec));
            }
            for (int i = 0; i < 150; i++) { // some clients leave: their filters must stop matching
                int victim = random.nextInt(entries.size());
                if (entries.get(victim).alive()) {
                    catalog.release(entries.get(victim), StreamKind.LITE);
                }
            }
            for (int c = 0; c < 300; c++) {
                CertificateEnvelope cert = RandomFilters.cert(random, c);
                Set<String> expected = new HashSet<>();
                for (int i = 0; i < specs.size(); i++) {
                    FilterEntry entry = entries.get(i);
                    if (entry.alive() && FilterFixtures.reference(specs.get(i), cert)) {
                        expected.add(entry.key());
                    }
                }
                assertEquals(expected, matches(cert), "round " + round + ", certificate " + cert.facts());
                hits += expected.size();
            }
        }
        assertTrue(catalog.stats().fullBuilds() > 0, "the recent segment was folded into the main one");
        assertTrue(hits > 10_000, "the vocabulary makes filters and certificates meet often: " + hits);
    }
}
