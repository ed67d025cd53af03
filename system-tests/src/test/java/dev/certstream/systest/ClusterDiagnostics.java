package dev.certstream.systest;

import dev.certstream.systest.client.Http;

import dev.certstream.systest.process.NodeLogs;
import dev.certstream.systest.process.ServerProcess;

import dev.certstream.testing.Wait;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the cluster tests read about membership (removals, splits) and print when a scenario fails. */
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

    /**
     * A running member (other than {@code gone}) that another running member's latest member list lacks:
     * the cluster expelled a healthy member or split. Empty while everyone sees everyone but {@code gone}.
     */
    static Optional<String> droppedHealthyMember(List<ServerProcess> running, ServerProcess gone) {
        List<ServerProcess> healthy = running.stream().filter(p -> p != gone && p.isAlive()).toList();
        for (ServerProcess observer : healthy) {
            List<NodeLogs.MemberList> lists = NodeLogs.memberLists(observer);
            if (lists.isEmpty()) {
                continue;
            }
            NodeLogs.MemberList last = lists.get(lists.size() - 1);
            for (ServerProcess member : healthy) {
                String id = NodeLogs.memberId(member).orElse(null);
                if (id != null && !last.members().contains(id)) {
                    return Optional.of(observer.name() + " dropped the healthy " + member.name()
                            + " from its member list at " + last.at() + " (" + last.members().size() + " members left)");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Waits until every observer has logged a member list without {@code gone}'s member id at or after
     * {@code since}; returns each observer's delay.
     */
    static Map<ServerProcess, Duration> awaitRemovalLogged(List<ServerProcess> observers, ServerProcess gone,
                                                           Instant since, Duration deadline) {
        String id = NodeLogs.memberId(gone).orElseThrow(() -> new AssertionError(gone.name() + " never logged its member id"));
        Map<ServerProcess, Duration> delays = new LinkedHashMap<>();
        Wait.until("every member logging that " + gone.name() + " left", deadline, () -> {
            for (ServerProcess observer : observers) {
                Optional<Instant> at = NodeLogs.removalLoggedAt(observer, id, since);
                if (at.isEmpty()) {
                    return false;
                }
                delays.put(observer, Duration.between(since, at.get()));
            }
            return true;
        });
        return delays;
    }

    /** Each live gateway's /stats (per-log state and last error), for a failure message. */
    static String stats(List<ServerProcess> gateways) {
        StringBuilder out = new StringBuilder();
        for (ServerProcess gateway : gateways) {
            String body;
            try {
                body = Http.get(gateway.url("/stats")).body();
            } catch (RuntimeException e) {
                body = e.toString();
            }
            out.append("\n---- /stats of ").append(gateway.name()).append(": ").append(body);
        }
        return out.toString();
    }
}
