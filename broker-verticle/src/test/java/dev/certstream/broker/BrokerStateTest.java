package dev.certstream.broker;

import dev.certstream.render.ct.EntryType;
import dev.certstream.contract.LogEvidence;
import dev.certstream.contract.LogState;
import dev.certstream.contract.LogStatus;
import dev.certstream.contract.LogVerification;
import dev.certstream.contract.OperatorBudgetStatus;
import dev.certstream.contract.StreamKind;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static dev.certstream.broker.Envelopes.LOG_A;
import static dev.certstream.broker.Envelopes.LOG_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrokerStateTest {

    private final BrokerState state = new BrokerState(new BrokerConfig(3, 10, 1000), 1_700_000_000_250L);

    @Test
    void countsPerLogAndTypeAndDropsDuplicates() {
        assertTrue(state.onCertificate(Envelopes.of(LOG_A, 5, EntryType.X509)));
        assertTrue(state.onCertificate(Envelopes.of(LOG_A, 6, EntryType.PRECERT)));
        assertFalse(state.onCertificate(Envelopes.of(LOG_A, 6, EntryType.PRECERT)));
        assertTrue(state.onCertificate(Envelopes.of(LOG_A, 4, EntryType.X509)), "late but never seen: counted");
        assertFalse(state.onCertificate(Envelopes.of(LOG_A, 4, EntryType.X509)));
        assertTrue(state.onCertificate(Envelopes.of(LOG_B, 0, EntryType.X509)));
        state.onStatus(new LogStatus(LOG_A, "Example 2026h1", "Example", "rfc6962", 100, 7, LogState.FOLLOWING, null, "w1"));

        JsonObject stats = state.statsJson();
        assertEquals(4, stats.getLong("processed_certificates"));
        assertEquals(2, stats.getLong("duplicates_dropped"));
        assertEquals(3, stats.getJsonObject("certificates_by_type").getLong("X509LogEntry"));
        assertEquals(1, stats.getJsonObject("certificates_by_type").getLong("PrecertLogEntry"));
        JsonObject a = stats.getJsonObject("logs").getJsonObject(LOG_A);
        assertEquals(3, a.getLong("processed"));
        assertEquals("Example 2026h1", a.getString("name"));
        assertEquals("Example", a.getString("operator"));
        assertEquals("rfc6962", a.getString("type"));
        assertEquals(100, a.getLong("tree_size"));
        assertEquals(7, a.getLong("next_index"));
        assertEquals(6, a.getLong("last_index"), "the highest index counted, not the latest arrival");
        assertEquals("following", a.getString("state"));
        assertTrue(a.containsKey("last_error"));
        JsonObject b = stats.getJsonObject("logs").getJsonObject(LOG_B);
        assertEquals(1, b.getLong("processed"));
        assertNull(b.getString("name"));
        assertEquals(0, b.getLong("last_index"));
        assertEquals(1700000000.25, stats.getDouble("started_at"), 1e-6);
    }

    @Test
    void showsWhatFollowingEachLogCostsAndEachOperatorsBudgetSummedOverWatchers() {
        OperatorBudgetStatus w1 = new OperatorBudgetStatus(30, 0.5, 100, 0, 40, 1000, 2);
        OperatorBudgetStatus w2 = new OperatorBudgetStatus(30, 0.1, 20, 1, 0, 0, 0);
        state.onStatus(new LogStatus(LOG_A, "A", "Op", "rfc6962", 100, 7, LogState.FOLLOWING, null, "w1", 9000, 6, w1));
        state.onStatus(new LogStatus(LOG_B, "B", "Op", "static-ct", 10, 10, LogState.FOLLOWING, null, "w2", 50, 0, w2));

        JsonObject stats = state.statsJson();
        JsonObject a = stats.getJsonObject("logs").getJsonObject(LOG_A);
        assertEquals(1500.0, a.getDouble("bytes_per_entry"));
        assertEquals(9000, a.getLong("bytes_fetched"));
        assertEquals(2, a.getJsonObject("operator_budget").getLong("too_many_requests"));
        assertNull(stats.getJsonObject("logs").getJsonObject(LOG_B).getDouble("bytes_per_entry"), "no entry yet");
        JsonObject op = stats.getJsonObject("operators").getJsonObject("Op");
        assertEquals(2, op.getInteger("watchers"));
        assertEquals(60, op.getInteger("rate"), "each watcher has a budget of its own");
        assertEquals(120, op.getLong("requests"));
        assertEquals(1000, op.getLong("held_ms"));
        assertEquals(2, op.getLong("too_many_requests"));
    }

    @Test
    void forgetsTheLeastRecentlyHeardLogPastTheBound() {
        for (int i = 0; i < 25; i++) {
            state.onCertificate(Envelopes.of("https://log" + i + ".example/", 1, EntryType.X509));
        }
        assertEquals(10, state.logCount());
        assertEquals(10, state.statsJson().getJsonObject("logs").size());
        assertTrue(state.statsJson().getJsonObject("logs").containsKey("https://log24.example/"));
        assertFalse(state.statsJson().getJsonObject("logs").containsKey("https://log0.example/"));
    }

    @Test
    void snapshotRoundTripsThroughJsonTextAndKeepsFilteringDuplicates() {
        state.onCertificate(Envelopes.of(LOG_A, 5, EntryType.X509));
        state.onCertificate(Envelopes.of(LOG_A, 6, EntryType.PRECERT));
        state.onCertificate(Envelopes.of(LOG_B, 9, EntryType.X509));
        state.onStatus(new LogStatus(LOG_B, "B", "Op", "static-ct", 10, 10, LogState.BACKOFF, "HTTP 429", "w2"));

        JsonObject wire = new JsonObject(state.snapshot().encode());
        BrokerState copy = BrokerState.restore(new BrokerConfig(3, 10, 1000), wire);
        assertEquals(state.statsJson(), copy.statsJson());
        assertEquals(state.latestBody(), copy.latestBody());
        assertEquals(state.newest(StreamKind.FULL), copy.newest(StreamKind.FULL));
        assertFalse(copy.onCertificate(Envelopes.of(LOG_A, 6, EntryType.PRECERT)), "duplicate after restore");
        assertTrue(copy.onCertificate(Envelopes.of(LOG_A, 7, EntryType.PRECERT)));
        assertEquals(4, copy.processed());
    }

    @Test
    void aMisbehavingLogShowsItsEvidenceInStatsAndInASnapshot() {
        LogEvidence.Head first = new LogEvidence.Head(1000, 1_767_225_600_000L, "cm9vdDE=", "BAMARjBE");
        LogEvidence.Head second = new LogEvidence.Head(1100, 1_767_225_601_000L, "cm9vdDI=", "BAMARjBF");
        LogEvidence lie = new LogEvidence(LogEvidence.Problem.ROOT_MISMATCH, "entries 1000..1099 hash to another root",
                first, second, 1000, 1100, 1_767_225_602_000L);
        state.onStatus(new LogStatus(LOG_A, "A", "Op", "rfc6962", 1100, 1100, LogState.MISBEHAVING, "root mismatch", "w1",
                new LogVerification(0, 1000, 2, null, lie)));
        state.onStatus(new LogStatus(LOG_B, "B", "Op", "static-ct", 10, 10, LogState.FOLLOWING, null, "w2"));

        JsonObject a = state.statsJson().getJsonObject("logs").getJsonObject(LOG_A);
        assertEquals("misbehaving", a.getString("state"));
        assertEquals(1000, a.getLong("verified_size"));
        assertEquals(2, a.getLong("rejected_heads"));
        JsonObject evidence = a.getJsonObject("misbehaviour");
        assertEquals("root_mismatch", evidence.getString("problem"));
        assertEquals(1000, evidence.getJsonObject("first_head").getLong("tree_size"));
        assertEquals("cm9vdDI=", evidence.getJsonObject("second_head").getString("sha256_root_hash"));
        assertEquals(1000, evidence.getLong("from_index"));
        assertEquals(1100, evidence.getLong("to_index"));
        assertFalse(state.statsJson().getJsonObject("logs").getJsonObject(LOG_B).containsKey("misbehaviour"),
                "a watcher that says nothing about verification adds nothing");

        BrokerState copy = BrokerState.restore(new BrokerConfig(3, 10, 1000), new JsonObject(state.snapshot().encode()));
        assertEquals(state.statsJson(), copy.statsJson());
        assertEquals(lie, LogStatus.fromJson(LogStatus.fromJson(new JsonObject(new LogStatus(LOG_A, "A", "Op", "rfc6962",
                1100, 1100, LogState.MISBEHAVING, null, "w1", new LogVerification(0, 1000, 2, null, lie)).toJson().encode()))
                .toJson()).verification().misbehaviour());
    }
}
