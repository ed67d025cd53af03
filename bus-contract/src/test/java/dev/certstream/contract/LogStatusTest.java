package dev.certstream.contract;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A log's status crosses the bus as JSON; the fetch cost and operator budget were added without breaking older senders. */
class LogStatusTest {

    @Test
    void roundTripsWithItsFetchCostAndOperatorBudget() {
        LogStatus status = new LogStatus("https://log.example/", "Log", "Op", "static-ct", 1000, 990, LogState.FOLLOWING,
                null, "w1", 123_456, 100, new OperatorBudgetStatus(30, 0.25, 500, 2, 1200, 3000, 4));
        LogStatus copy = LogStatus.fromJson(new JsonObject(status.toJson().encode()));
        assertEquals(status, copy);
        assertEquals(1234.6, copy.bytesPerEntry());
    }

    @Test
    void aStatusFromAWatcherThatReportsNoCostReadsAsNone() {
        JsonObject old = new JsonObject().put("url", "https://log.example/").put("tree_size", 5).put("next_index", 5)
                .put("state", "following").put("watcher", "w0");
        LogStatus status = LogStatus.fromJson(old);
        assertEquals(0, status.bytesFetched());
        assertNull(status.bytesPerEntry());
        assertNull(status.operatorBudget());
        assertNull(new OperatorBudgetStatus(null, null, 0, 0, 0, 0, 0).toJson().getInteger("rate"), "no budget");
    }

    /**
     * Guards against a defect once seen: a log not yet verified is sent with {@code verified_size: null}, and
     * the broker's reading of it threw (Vert.x's getLong with a default returns null for an explicit null).
     */
    @Test
    void aLogNotYetVerifiedAndEvidenceWithoutEntriesRoundTrip() {
        LogEvidence refused = new LogEvidence(LogEvidence.Problem.BAD_SIGNATURE, "signature does not verify", null,
                new LogEvidence.Head(10, 1_000, "cm9vdA==", "c2ln"), -1, -1, 5_000);
        LogStatus status = new LogStatus("https://log.example/", "Log", "Op", "rfc6962", 10, 0, LogState.FOLLOWING,
                null, "w1", new LogVerification(0, -1, 1, refused, null));
        JsonObject sent = new JsonObject(status.toJson().encode());
        assertNull(sent.getValue("verified_size"), "written as not known");
        assertEquals(status, LogStatus.fromJson(sent));
    }
}
