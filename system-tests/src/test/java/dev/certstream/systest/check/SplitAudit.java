package dev.certstream.systest.check;

import dev.certstream.systest.client.ArrivalRecorder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges what clients received across splits. A client on a side holding the quorum must get every
 * certificate, in order, once. A client on a side without it misses what was published while its side was
 * cut off: until this round gives gateways a replay, that much is allowed, and nothing more: each of its
 * holes must lie between the highest index it had when the split began and the first index it received
 * once the split had healed (a "window"), and it must never receive a certificate twice or out of order.
 */
public final class SplitAudit {

    /** Indices a client may miss of one log: strictly between {@code after} and {@code before}. */
    public record Window(String split, long after, long before) {

        public boolean covers(StreamAudit.Range range) {
            return range.first() > after && range.last() < before;
        }
    }

    private final Map<ArrivalRecorder, Map<String, List<Window>>> windows = new HashMap<>();

    /** Allows {@code client} to miss indices of {@code log} strictly between the two bounds. */
    public synchronized void allow(ArrivalRecorder client, String log, Window window) {
        windows.computeIfAbsent(client, c -> new HashMap<>()).computeIfAbsent(log, l -> new ArrayList<>()).add(window);
    }

    /**
     * Everything wrong over each client's whole life: a duplicate, an index out of order, a hole outside
     * every window allowed to that client for that log, or a log it never heard from.
     */
    public synchronized List<String> problems(Collection<ArrivalRecorder> clients, Collection<String> logs) {
        List<String> problems = new ArrayList<>();
        for (ArrivalRecorder client : clients) {
            for (String log : logs) {
                List<ArrivalRecorder.Arrival> arrivals = client.arrivals(log);
                if (arrivals.isEmpty()) {
                    problems.add(client.name() + " " + log + ": nothing received");
                    continue;
                }
                StreamAudit.Account account = StreamAudit.account(arrivals);
                if (account.duplicates() > 0 || account.outOfOrder() > 0) {
                    problems.add(client.name() + " " + log + ": " + account.duplicates() + " duplicates, "
                            + account.outOfOrder() + " out of order");
                }
                List<Window> allowed = windows.getOrDefault(client, Map.of()).getOrDefault(log, List.of());
                for (StreamAudit.Range hole : account.missing()) {
                    if (allowed.stream().noneMatch(window -> window.covers(hole))) {
                        problems.add(client.name() + " " + log + ": missed " + hole + " outside the windows " + allowed);
                    }
                }
            }
        }
        return problems;
    }
}
