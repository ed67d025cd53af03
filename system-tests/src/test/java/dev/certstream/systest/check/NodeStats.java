package dev.certstream.systest.check;

import dev.certstream.systest.client.Http;

import dev.certstream.systest.process.ServerProcess;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a watcher or broker says about itself on its probe server's {@code /stats}
 * ({@code CERTSTREAM_HEALTH_PORT}): its view of the cluster (node id, members oldest first, merges) and,
 * for a watcher, the logs it holds and follows. The tests read state here rather than from log lines, so
 * rewording a log line cannot break them.
 */
public final class NodeStats {

    private NodeStats() {
    }

    /** The node's whole {@code /stats}; fails if it does not answer 200. */
    public static JsonNode of(ServerProcess node) {
        Http.Answer answer = Http.get(node.url("/stats"));
        if (answer.status() != 200) {
            throw new AssertionError(node.name() + " /stats answered " + answer.status() + ": " + answer.body());
        }
        return answer.json();
    }

    /** The logs a watcher holds in the cluster (it took their locks and has not handed or given them up). */
    public static Set<String> heldLogs(ServerProcess watcher) {
        Set<String> held = new TreeSet<>();
        of(watcher).path("held").fieldNames().forEachRemaining(held::add);
        return held;
    }

    /** A watcher's follower of {@code log}: state, next index, when and where its reading began; missing if none. */
    public static JsonNode follower(ServerProcess watcher, String log) {
        return of(watcher).path("logs").path(log);
    }

    /** The node's Hazelcast member id (as its members list and Hazelcast's own log lines name it). */
    public static String nodeId(ServerProcess node) {
        return of(node).path("cluster").path("node").asText();
    }

    /** The members the node sees, oldest (Hazelcast's master) first. */
    public static List<String> members(ServerProcess node) {
        List<String> members = new ArrayList<>();
        of(node).path("cluster").path("members").forEach(m -> members.add(m.asText()));
        return members;
    }

    /** Whether the node is the oldest member it sees: the cluster's master. */
    public static boolean isMaster(ServerProcess node) {
        JsonNode cluster = of(node).path("cluster");
        return cluster.path("node").asText().equals(cluster.path("master").asText(null));
    }

    /** When Hazelcast last merged the node back into a cluster after a split (epoch ms), or -1. */
    public static long lastMerge(ServerProcess node) {
        JsonNode at = of(node).path("cluster").path("last_merge");
        return at.canConvertToLong() ? at.asLong() : -1;
    }
}
