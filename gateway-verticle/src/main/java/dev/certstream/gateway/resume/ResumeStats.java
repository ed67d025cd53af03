package dev.certstream.gateway.resume;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What resuming clients cost and got, for {@code /stats} and {@code /metrics}: replays started, gone live and
 * abandoned, certificates replayed, requests to peers, and gap ranges by reason (told or only counted).
 * Thread-safe.
 */
public final class ResumeStats {

    private final LongAdder started = new LongAdder();
    private final LongAdder live = new LongAdder();
    private final LongAdder abandoned = new LongAdder();
    private final LongAdder replayed = new LongAdder();
    private final LongAdder peerRequests = new LongAdder();
    private final LongAdder peerFailures = new LongAdder();
    private final LongAdder peerEntries = new LongAdder();
    private final LongAdder served = new LongAdder();
    private final Map<String, LongAdder[]> gaps = new ConcurrentHashMap<>();

    public void started() {
        started.increment();
    }

    public void wentLive() {
        live.increment();
    }

    public void abandoned() {
        abandoned.increment();
    }

    public void replayed(long certificates) {
        replayed.add(certificates);
    }

    public void peerAnswered(long entries) {
        peerRequests.increment();
        peerEntries.add(entries);
    }

    public void peerFailed() {
        peerRequests.increment();
        peerFailures.increment();
    }

    /** A request from a peer gateway answered with this many entries. */
    public void servedPeer(long entries) {
        served.add(entries);
    }

    /** A gap range of {@code entries} indices reached a client; {@code told} when it asked for gap messages. */
    public void gap(String reason, long entries, boolean told) {
        LongAdder[] figures = figures(reason);
        figures[0].increment();
        figures[1].add(entries);
        if (told) {
            figures[2].increment();
        }
    }

    /** Ranges, indices and ranges told, for one reason. */
    private LongAdder[] figures(String reason) {
        return gaps.computeIfAbsent(reason, r -> new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder()});
    }

    /** Replays running now. */
    public long active() {
        return started.sum() - live.sum() - abandoned.sum();
    }

    public void register(MeterRegistry registry) {
        FunctionCounter.builder("certstream.resumes", started, LongAdder::sum).description("Clients that asked to resume from a cursor").register(registry);
        FunctionCounter.builder("certstream.resumes.live", live, LongAdder::sum).description("Resumed clients whose replay caught up with the live stream").register(registry);
        FunctionCounter.builder("certstream.replayed.certificates", replayed, LongAdder::sum).description("Certificates sent from the replay buffer or a peer").register(registry);
        FunctionCounter.builder("certstream.replay.peer.requests", peerRequests, LongAdder::sum).description("Requests to peer gateways for what this buffer lacks").register(registry);
        FunctionCounter.builder("certstream.replay.peer.failures", peerFailures, LongAdder::sum).description("Requests to peer gateways that no peer answered").register(registry);
        for (String reason : new String[] {ResumeMessages.DROPPED, ResumeMessages.EXPIRED}) {
            LongAdder[] figures = figures(reason);
            FunctionCounter.builder("certstream.gaps", figures[0], LongAdder::sum).tag("reason", reason)
                    .description("Index ranges clients did not get from their stream (dropped from a slow client's queue, or older than the buffers)").register(registry);
            FunctionCounter.builder("certstream.gaps.told", figures[2], LongAdder::sum).tag("reason", reason)
                    .description("Gap ranges told to clients that asked for gap messages").register(registry);
        }
    }

    public JsonObject toJson() {
        JsonObject gapJson = new JsonObject();
        gaps.forEach((reason, f) -> gapJson.put(reason, new JsonObject().put("ranges", f[0].sum())
                .put("indices", f[1].sum()).put("told", f[2].sum())));
        return new JsonObject().put("started", started.sum()).put("live", live.sum()).put("abandoned", abandoned.sum())
                .put("active", active()).put("replayed_certificates", replayed.sum())
                .put("peer_requests", peerRequests.sum()).put("peer_failures", peerFailures.sum())
                .put("peer_entries", peerEntries.sum()).put("served_to_peers", served.sum()).put("gaps", gapJson);
    }
}
