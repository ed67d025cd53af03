package dev.certstream.gateway.resume;

import dev.certstream.contract.StreamKind;
import dev.certstream.gateway.filter.FilterSpec;
import dev.certstream.gateway.filter.FilterSpecJson;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Asks the peer gateways, the one holding the oldest certificates first, for what this gateway's buffer lacks;
 * a peer that does not answer in time is skipped for the next one. A gateway that started moments ago may not
 * have heard of its peers yet: it waits for one up to the peer timeout.
 */
public final class PeerClient implements PeerSource {

    private static final Logger LOG = LoggerFactory.getLogger(PeerClient.class);
    private static final long LOOK_AGAIN_MILLIS = 100;

    private final Vertx vertx;
    private final PeerDirectory directory;
    private final Duration timeout;
    private final LongSupplier clock;
    private final long startedAt;

    public PeerClient(Vertx vertx, PeerDirectory directory, Duration timeout, LongSupplier clock) {
        this.vertx = vertx;
        this.directory = directory;
        this.timeout = timeout;
        this.clock = clock;
        this.startedAt = clock.getAsLong();
    }

    @Override
    public Future<PeerChunk> fetch(List<LogRange> ranges, FilterSpec filter, StreamKind kind, int maxEntries, long maxBytes) {
        JsonArray asked = new JsonArray();
        ranges.forEach(r -> asked.add(new JsonObject().put("log", r.logUrl()).put("from", r.from()).put("to", r.to())));
        JsonObject request = new JsonObject().put("ranges", asked).put("filter", FilterSpecJson.of(filter))
                .put("stream", kind.name()).put("max_entries", maxEntries).put("max_bytes", maxBytes);
        Promise<PeerChunk> answer = Promise.promise();
        ask(request, answer, clock.getAsLong() + timeout.toMillis());
        return answer.future();
    }

    private void ask(JsonObject request, Promise<PeerChunk> answer, long waitUntil) {
        List<String> peers = directory.candidates();
        if (peers.isEmpty()) {
            boolean young = clock.getAsLong() - startedAt < 2 * timeout.toMillis();
            if (young && clock.getAsLong() < waitUntil) {
                vertx.setTimer(LOOK_AGAIN_MILLIS, id -> ask(request, answer, waitUntil));
            } else {
                answer.fail("no peer gateway to ask");
            }
            return;
        }
        tryPeer(peers, 0, request, answer);
    }

    private void tryPeer(List<String> peers, int at, JsonObject request, Promise<PeerChunk> answer) {
        if (at >= peers.size()) {
            answer.fail("no peer gateway answered");
            return;
        }
        String peer = peers.get(at);
        vertx.eventBus().<Buffer>request(PeerDirectory.address(peer), request,
                        new DeliveryOptions().setSendTimeout(timeout.toMillis()))
                .onSuccess(reply -> {
                    try {
                        answer.complete(PeerWire.decode(reply.body()));
                    } catch (RuntimeException e) {
                        LOG.warn("peer gateway {} sent an unreadable replay answer: {}", peer, e.toString());
                        directory.failed(peer);
                        tryPeer(peers, at + 1, request, answer);
                    }
                })
                .onFailure(failure -> {
                    LOG.info("peer gateway {} did not answer a replay request: {}", peer, failure.getMessage());
                    directory.failed(peer);
                    tryPeer(peers, at + 1, request, answer);
                });
    }
}
