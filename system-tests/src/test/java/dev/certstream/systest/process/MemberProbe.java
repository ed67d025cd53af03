package dev.certstream.systest.process;

import dev.certstream.systest.client.Http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;
import java.util.TreeSet;

/**
 * One member's state as its own HTTP routes tell it, the same way for every role (a gateway's public routes,
 * a watcher's or broker's probe server): {@code /ready}, and from {@code /stats} its view of the cluster
 * (members seen, quorum, merges) and, for a watcher, the logs it holds, for a broker whether it answers.
 */
public record MemberProbe(String name, int readyStatus, boolean quorate, int members, long lastMerge, String vertxNode,
                   Set<String> held, boolean answering, JsonNode cluster) {

    /** Reads the member now; a member that does not answer counts as not ready, without quorum or members. */
    public static MemberProbe of(ServerProcess member) {
        int ready = Http.statusOrMinusOne(java.net.URI.create(member.url("/ready")));
        JsonNode stats;
        try {
            stats = Http.get(member.url("/stats")).json();
        } catch (RuntimeException | AssertionError unreadable) {
            stats = Http.JSON.createObjectNode();
        }
        JsonNode cluster = stats.path("cluster");
        Set<String> held = new TreeSet<>();
        stats.path("held").fieldNames().forEachRemaining(held::add);
        JsonNode merge = cluster.path("last_merge");
        return new MemberProbe(member.name(), ready, cluster.path("quorum").path("quorate").asBoolean(false),
                cluster.path("members").size(), merge.canConvertToLong() ? merge.asLong() : -1,
                cluster.path("vertx_node").asText(""), held, stats.path("answering").asBoolean(false), cluster);
    }

    public boolean ready() {
        return readyStatus == 200;
    }

    @Override
    public String toString() {
        return name + ": ready " + readyStatus + ", quorate " + quorate + ", sees " + members + " members"
                + (held.isEmpty() ? "" : ", holds " + held.size() + " logs") + ", quorum " + cluster.path("quorum");
    }
}
