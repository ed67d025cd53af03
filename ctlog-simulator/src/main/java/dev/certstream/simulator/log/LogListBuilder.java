package dev.certstream.simulator.log;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders the Google log list v3 (log_list.json) for the simulated logs: operators with
 * {@code logs} (RFC 6962) and {@code tiled_logs} (static-ct-api), each log with its current state.
 */
public final class LogListBuilder {

    /** The states the v3 schema allows. */
    public static final Set<String> STATES = Set.of("pending", "qualified", "usable", "readonly", "retired", "rejected");

    private final long epochMs;

    public LogListBuilder(long epochMs) {
        this.epochMs = epochMs;
    }

    public String render(List<SimulatedLog> logs) {
        Map<String, JsonObject> operators = new LinkedHashMap<>();
        for (SimulatedLog log : logs) {
            JsonObject operator = operators.computeIfAbsent(log.operator(), name -> new JsonObject()
                    .put("name", name)
                    .put("email", new JsonArray().add("ct-sim@" + name.toLowerCase().replaceAll("[^a-z]+", "-") + ".example"))
                    .put("logs", new JsonArray())
                    .put("tiled_logs", new JsonArray()));
            boolean tiled = log.type().equals("static-ct");
            operator.getJsonArray(tiled ? "tiled_logs" : "logs").add(entry(log, tiled));
        }
        return new JsonObject()
                .put("version", "1.0.0")
                .put("log_list_timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("is_all_logs", true)
                .put("operators", new JsonArray(List.copyOf(operators.values())))
                .encodePrettily();
    }

    private JsonObject entry(SimulatedLog log, boolean tiled) {
        Base64.Encoder b64 = Base64.getEncoder();
        JsonObject json = new JsonObject()
                .put("description", log.description())
                .put("log_id", b64.encodeToString(log.logId()))
                .put("key", b64.encodeToString(log.publicKeyDer()));
        if (tiled) {
            json.put("submission_url", log.submissionUrl()).put("monitoring_url", log.url());
        } else {
            json.put("url", log.url());
        }
        JsonObject state = new JsonObject().put("timestamp", log.stateSince().truncatedTo(ChronoUnit.SECONDS).toString());
        if (log.state().equals("readonly")) {
            long size = log.publishedSize();
            state.put("final_tree_head", new JsonObject().put("tree_size", size)
                    .put("sha256_root_hash", b64.encodeToString(log.rootHash(size))));
        }
        Instant epoch = Instant.ofEpochMilli(epochMs);
        return json.put("mmd", tiled ? 60 : 86400)
                .put("state", new JsonObject().put(log.state(), state))
                .put("temporal_interval", new JsonObject()
                        .put("start_inclusive", epoch.minus(60, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).toString())
                        .put("end_exclusive", epoch.plus(730, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).toString()));
    }
}
