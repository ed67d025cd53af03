package dev.certstream.systest;

import java.util.List;

/** What a failed cluster scenario prints besides the nodes' logs: who is in whose cluster, and /stats. */
final class ClusterDiagnostics {

    private ClusterDiagnostics() {
    }

    /**
     * Each running member's latest Hazelcast member list, naming the running members missing from it: a
     * healthy member dropped from the cluster (or one that split off) shows here.
     */
    static String membership(List<ServerProcess> running) {
        StringBuilder out = new StringBuilder("\n---- membership:");
        for (ServerProcess member : running) {
            List<NodeLogs.MemberList> lists = NodeLogs.memberLists(member);
            if (lists.isEmpty()) {
                continue;
            }
            NodeLogs.MemberList last = lists.get(lists.size() - 1);
            List<String> missing = running.stream().filter(other -> NodeLogs.memberId(other)
                    .map(id -> !last.members().contains(id)).orElse(false)).map(ServerProcess::name).toList();
            out.append("\n  ").append(member.name()).append(" since ").append(last.at()).append(": ")
                    .append(last.members().size()).append(" members").append(missing.isEmpty() ? "" : ", without " + missing);
        }
        return out.toString();
    }

    /** Each live gateway's /stats (per-log state and last error), for a failure message. */
    static String stats(List<ServerProcess> gateways) {
        StringBuilder out = new StringBuilder();
        for (ServerProcess gateway : gateways) {
            String body;
            try {
                body = Http.get("http://127.0.0.1:" + gateway.httpPort() + "/stats").body();
            } catch (RuntimeException e) {
                body = e.toString();
            }
            out.append("\n---- /stats of ").append(gateway.name()).append(": ").append(body);
        }
        return out.toString();
    }
}
