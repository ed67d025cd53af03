package dev.certstream.gateway.filter;

import dev.certstream.contract.StreamKind;
import dev.certstream.render.ct.EntryType;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;

import static dev.certstream.gateway.filter.FilterFixtures.cert;
import static dev.certstream.gateway.filter.FilterQueryTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Nothing a gateway matches with (its scratch, the process's memo) keeps an index alive after the catalog replaced it. */
class ReplacedIndexTest {

    @Test
    void aReplacedIndexIsFreedThoughItWasMatchedAgainst() throws InterruptedException {
        FilterCatalog catalog = new FilterCatalog(FilterLimits.defaults(), 2, Runnable::run);
        MatchScratch scratch = new MatchScratch();
        MatchMemo memo = new MatchMemo();
        FilterEntry entry = catalog.acquire(parse("keyword", "paypal,bank"), StreamKind.LITE).live().join();
        IndexSnapshot snapshot = catalog.snapshot();
        FilterSegment segment = snapshot.main.size() > 0 ? snapshot.main : snapshot.recent;
        assertEquals(1, segment.size());
        assertEquals(1, memo.matches(snapshot, cert("https://ct.example/", 1, EntryType.X509, "Op", "O", "CN",
                "paypal.example"), scratch).length);
        WeakReference<FilterSegment> old = new WeakReference<>(segment);
        segment = null;
        snapshot = null;
        catalog.release(entry, StreamKind.LITE); // the last client: the next build drops the filter
        assertEquals(0, catalog.snapshot().filters());
        for (int i = 0; i < 20 && old.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(old.get(), "the scratch or the memo still holds the replaced index's segment");
        assertEquals(0, scratch.found.size());
    }
}
