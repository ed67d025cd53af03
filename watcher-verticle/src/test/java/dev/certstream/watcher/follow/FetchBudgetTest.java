package dev.certstream.watcher.follow;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FetchBudgetTest {

    @Test
    void takesWhatFitsAndRefusesTheRest() {
        FetchBudget budget = new FetchBudget(1000);
        assertTrue(budget.tryTake(600, false));
        assertFalse(budget.tryTake(500, false), "600 + 500 > 1000");
        assertTrue(budget.tryTake(400, false));
        assertEquals(1000, budget.used());
        budget.give(600);
        assertEquals(400, budget.used());
        assertEquals(1000, budget.peak());
    }

    @Test
    void aPageLargerThanTheWholeBudgetGoesAloneAndAForcedOneAlways() {
        FetchBudget budget = new FetchBudget(1000);
        assertTrue(budget.tryTake(5000, false), "nothing held: else it could never be read");
        assertFalse(budget.tryTake(1, false));
        assertTrue(budget.tryTake(700, true), "the range held batches wait on");
        assertEquals(5700, budget.used());
    }

    @Test
    void waitersTryAgainWhenBytesComeBackUntilNoneFits() {
        FetchBudget budget = new FetchBudget(1000);
        assertTrue(budget.tryTake(900, false));
        List<String> ran = new ArrayList<>();
        budget.whenRoom(() -> {
            ran.add("a");
            assertTrue(budget.tryTake(300, false));
        });
        budget.whenRoom(() -> {
            ran.add("b");
            if (!budget.tryTake(400, false)) {
                budget.whenRoom(() -> ran.add("b again"));
            }
        });
        assertEquals(2, budget.waits());
        budget.give(500);
        // 400 held: a takes 300 (700), b does not fit (1100) and waits again; nothing more was given back.
        assertEquals(List.of("a", "b"), ran);
        assertEquals(700, budget.used());
        budget.give(700);
        assertEquals(List.of("a", "b", "b again"), ran);
        assertEquals(0, budget.used());
    }

    @Test
    void aFullHeapLeavesOnePageInFlightUntilItIsFreedAgain() {
        boolean[] heapFull = {true};
        FetchBudget budget = new FetchBudget(1000, () -> heapFull[0]);
        assertTrue(budget.tryTake(100, false), "nothing held: one page always goes, or nothing would ever be freed");
        assertFalse(budget.tryTake(100, false), "room in the budget, but not in the heap");
        assertTrue(budget.tryTake(100, true), "the range held batches wait on still goes");
        List<String> ran = new ArrayList<>();
        Runnable retry = () -> ran.add(budget.tryTake(100, false) ? "took" : "waited");
        budget.whenRoom(retry);
        budget.give(100);
        assertEquals(List.of("waited"), ran, "100 still held: the heap refuses a second page");
        budget.whenRoom(retry);
        budget.give(100);
        assertEquals(List.of("waited", "took"), ran, "the last page freed: the next one goes");
        heapFull[0] = false;
        assertTrue(budget.tryTake(500, false), "the heap freed: the budget's own bound again");
    }
}
