package dev.certstream.systest;

import dev.certstream.systest.process.ServerProcess;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Network partitions of the clustered deployment, one after the other on one deployment in namespaces
 * ({@link PartitionTestBase}): an even 3|3 split (side A wins the tie: it has the longest-running member), a
 * 4|2 split, one watcher cut off alone, and flapping cuts. Each split lasts
 * {@code certstream.partition.splitSeconds} (20 s by default, longer than the 10 s in which Hazelcast gives
 * up on the other side; {@code -Dcertstream.partition.splitSeconds=60} for the minute). See
 * {@link PartitionTestBase#split} for what each split checks and reports.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartitionIT extends PartitionTestBase {

    static final Duration SPLIT = Duration.ofSeconds(Long.getLong("certstream.partition.splitSeconds", 20));
    /** Cuts of the flapping scenario; the soak runs many ({@code -Dcertstream.partition.flaps=120}). */
    static final int FLAPS = Integer.getInteger("certstream.partition.flaps", 5);
    static final Duration FLAP = Duration.ofSeconds(Long.getLong("certstream.partition.flapSeconds", 5));

    @Test
    @Order(1)
    void evenSplitLeavesTheSideWithTheOldestMemberPublishing() {
        scenario("3|3 split", () -> split("3|3", SIDE_A, SIDE_B, SPLIT));
    }

    @Test
    @Order(2)
    void fourTwoSplitLeavesTheFourPublishing() {
        List<String> majority = new ArrayList<>(SIDE_A);
        majority.add("broker-2");
        scenario("4|2 split", () -> split("4|2", majority, List.of("watcher-2", "gateway-2"), SPLIT));
    }

    @Test
    @Order(3)
    void aWatcherCutOffAloneHandsItsLogsToTheRest() {
        scenario("one watcher isolated", () -> {
            Map<ServerProcess, Set<String>> ownership = awaitSettledOwnership();
            String isolated = memberName(busiest(ownership));
            List<String> rest = new ArrayList<>(SIDE_A);
            rest.addAll(SIDE_B);
            rest.remove(isolated);
            split("isolated " + isolated, rest, List.of(isolated), SPLIT);
        });
    }

    /**
     * Cuts of 5 s, shorter than the 10 s failure timeout, with 5 s between: Hazelcast should ride them out
     * (no member removed, so nobody loses the quorum), and every client should get every certificate.
     */
    @Test
    @Order(4)
    void flappingCutsExpelNobody() {
        scenario(FLAPS + " flaps of " + FLAP.toSeconds() + " s", () -> {
            List<String> dropped = flap("flaps", SIDE_A, SIDE_B, FLAPS, FLAP, FLAP);
            assertEquals(List.of(), dropped, "members removed by cuts shorter than the failure timeout");
        });
    }
}
