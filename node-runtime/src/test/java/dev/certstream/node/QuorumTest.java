package dev.certstream.node;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** At most one side of any split holds the quorum, and members lost one at a time never cost it. */
class QuorumTest {

    private final AtomicLong now = new AtomicLong();

    private Quorum quorum(int configured, Duration forget) {
        return new Quorum(new QuorumSettings(configured, forget), Duration.ofSeconds(7), now::get);
    }

    private static Set<String> ids(String... ids) {
        return new TreeSet<>(Set.of(ids));
    }

    @Test
    void aStrictMajorityHoldsItAndTheRestDoesNot() {
        Quorum majority = quorum(0, Duration.ofHours(1));
        Quorum minority = quorum(0, Duration.ofHours(1));
        for (Quorum side : new Quorum[]{majority, minority}) {
            assertTrue(side.evaluate(ids("a", "b", "c", "d", "e")));
        }
        assertTrue(majority.evaluate(ids("a", "b", "c")));
        assertFalse(minority.evaluate(ids("d", "e")));
        assertEquals(3, majority.state().present());
        assertEquals(5, majority.state().expected());
        assertEquals(1, minority.state().losses());
    }

    @Test
    void anEvenSplitGoesToTheSideWithTheSmallestIdOnly() {
        Quorum withTieBreak = quorum(0, Duration.ofHours(1));
        Quorum without = quorum(0, Duration.ofHours(1));
        for (Quorum side : new Quorum[]{withTieBreak, without}) {
            side.evaluate(ids("a", "b", "c", "d"));
        }
        assertTrue(withTieBreak.evaluate(ids("a", "c")));
        assertFalse(without.evaluate(ids("b", "d")));
        assertEquals("a", without.state().tieBreak());
    }

    @Test
    void aSideWithTheQuorumForgetsMembersGoneLongEnoughAndOnlyThen() {
        Quorum side = quorum(0, Duration.ofSeconds(10));
        side.evaluate(ids("a", "b", "c", "d"));
        assertTrue(side.evaluate(ids("a", "b", "c")), "one lost: three of four");
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertTrue(side.evaluate(ids("a", "b", "c")));
        assertEquals(3, side.state().expected(), "d forgotten after 10 s");
        // Lost one at a time, each loss leaves a quorum of those still expected.
        assertTrue(side.evaluate(ids("b", "c")), "two of three");
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        side.evaluate(ids("b", "c"));
        assertTrue(side.evaluate(ids("b")), "b is the smallest id of the two left");
    }

    @Test
    void aMinorityNeverForgetsSoItNeverTalksItselfIntoAQuorum() {
        Quorum side = quorum(0, Duration.ZERO);
        side.evaluate(ids("a", "b", "c", "d", "e"));
        for (int i = 0; i < 5; i++) {
            now.addAndGet(Duration.ofMinutes(1).toNanos());
            assertFalse(side.evaluate(ids("d", "e")));
        }
        assertEquals(5, side.state().expected());
    }

    @Test
    void losingMostMembersAtOnceLosesItUntilNewMembersJoin() {
        Quorum survivor = quorum(0, Duration.ofSeconds(10));
        survivor.evaluate(ids("b", "w1", "w2"));
        assertFalse(survivor.evaluate(ids("b")), "one of three left: a partition looks the same");
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        assertFalse(survivor.evaluate(ids("b")));
        assertTrue(survivor.evaluate(ids("b", "w3", "w4")), "three of five once replacements join");
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        survivor.evaluate(ids("b", "w3", "w4"));
        assertEquals(3, survivor.state().expected(), "the dead ones forgotten");
    }

    @Test
    void aConfiguredSizeKeepsALoneNewMemberOut() {
        Quorum alone = quorum(4, Duration.ofSeconds(10));
        assertFalse(alone.evaluate(ids("a")));
        assertFalse(alone.evaluate(ids("a", "b")), "a tie is not broken while members are unknown");
        assertTrue(alone.evaluate(ids("a", "b", "c")));
        assertFalse(quorum(0, Duration.ZERO).evaluate(ids()), "nothing counted: no quorum");
        assertTrue(quorum(0, Duration.ZERO).evaluate(ids("a")), "the first member of an unconfigured cluster");
    }

    @Test
    void idsSortByStartTime() throws InterruptedException {
        String first = quorum(0, Duration.ZERO).nodeId();
        Thread.sleep(2);
        String second = quorum(0, Duration.ZERO).nodeId();
        assertTrue(first.compareTo(second) < 0, first + " then " + second);
    }

    @Test
    void membersStillListedButUnheardForTheToleranceDoNotCount() {
        Quorum side = quorum(0, Duration.ofHours(1));
        Map<String, Boolean> listed = Map.of("a", true, "b", false, "c", false, "d", false, "e", false);
        assertEquals(ids("a", "b", "c", "d", "e"), side.audible(listed), "newly listed: given the tolerance");
        assertTrue(side.evaluate(side.audible(listed)));
        // The other side of a cut still listed, but silent: its heartbeats stop, ours go on.
        for (int second = 1; second <= 8; second++) {
            now.addAndGet(Duration.ofSeconds(1).toNanos());
            side.heardFrom("b");
        }
        assertEquals(ids("a", "b"), side.audible(listed), "this member always counts, b was heard");
        assertFalse(side.evaluate(side.audible(listed)), "two of five, before the others are even removed");
        side.heardFrom("c");
        side.heardFrom("d");
        assertTrue(side.evaluate(side.audible(listed)), "heard again: back");
    }
}
