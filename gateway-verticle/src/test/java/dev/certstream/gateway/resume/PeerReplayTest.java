package dev.certstream.gateway.resume;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.StreamKind;
import dev.certstream.gateway.filter.FilterSpec;
import dev.certstream.testing.TestFutures;
import dev.certstream.testing.Wait;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A gateway whose buffer started late resumes a client from a peer's buffer over the event bus, then from its
 * own, then live; what neither holds is told as a gap, exactly.
 */
class PeerReplayTest {

    @TempDir
    Path dir;
    private final Vertx vertx = Vertx.vertx();
    private final List<ReplayBuffer> buffers = new ArrayList<>();

    @AfterEach
    void close() {
        buffers.forEach(ReplayBuffer::close);
        TestFutures.await(vertx.close());
    }

    private ReplayBuffer buffer(String name) {
        ReplayBuffer buffer = new ReplayBuffer(ReplayConfig.defaults().withDataDir(dir).withBlockBytes(8192), name,
                System::currentTimeMillis);
        buffers.add(buffer);
        return buffer;
    }

    private static void fill(ReplayBuffer buffer, long from, long to) {
        for (long i = from; i < to; i++) {
            buffer.append(ReplayEnvelopes.of(ReplayEnvelopes.LOG_A, i, 100), LogIds.of(ReplayEnvelopes.LOG_A));
        }
    }

    /** The resuming client: what it got, its gaps, and whether it went live. */
    private static final class Client implements ReplayTarget {
        final List<String> got = new CopyOnWriteArrayList<>();
        final List<String> gaps = new CopyOnWriteArrayList<>();
        final AtomicReference<StreamPosition> floors = new AtomicReference<>();
        final StreamPosition live;

        Client(StreamPosition live) {
            this.live = live;
        }

        public StreamKind kind() {
            return StreamKind.LITE;
        }

        public FilterSpec spec() {
            return FilterSpec.NONE;
        }

        public Future<boolean[]> firsts(List<CertificateEnvelope> entries) {
            boolean[] all = new boolean[entries.size()];
            Arrays.fill(all, true);
            return Future.succeededFuture(all);
        }

        public void deliver(CertificateEnvelope envelope, StreamPosition after) {
            got.add(ReplayEnvelopes.key(envelope));
        }

        public void gap(String logUrl, long from, long to, String reason) {
            gaps.add(logUrl + " " + from + ".." + to + " " + reason);
        }

        public void whenWritable(Runnable next) {
            next.run();
        }

        public boolean closed() {
            return false;
        }

        public void abort(String reason) {
            throw new AssertionError(reason);
        }

        public StreamPosition livePosition() {
            return live;
        }

        public void goLive(StreamPosition floorsAbove) {
            floors.set(floorsAbove);
        }
    }

    private Client resume(ReplayBuffer local, PeerSource peers, long cursorIndex, StreamPosition live) {
        WorkerExecutor readers = vertx.createSharedWorkerExecutor("test-readers", 2);
        Client client = new Client(live);
        StreamPosition since = new StreamPosition();
        since.raise(LogIds.of(ReplayEnvelopes.LOG_A), cursorIndex);
        vertx.runOnContext(v -> new ReplayDriver(vertx, readers, local, peers, client, since.cursor(),
                new ResumeStats(), 50, 1 << 20).start());
        Wait.until("the client went live", Duration.ofSeconds(60), () -> client.floors.get() != null);
        return client;
    }

    private static List<String> keys(long from, long to) {
        List<String> keys = new ArrayList<>();
        for (long i = from; i < to; i++) {
            keys.add(ReplayEnvelopes.LOG_A + i);
        }
        return keys;
    }

    @Test
    void whatTheLocalBufferLacksComesFromAPeer() {
        ReplayBuffer peerBuffer = buffer("peer");
        fill(peerBuffer, 200, 1000);
        ReplayBuffer local = buffer("local");
        fill(local, 600, 1000); // this gateway started at index 600
        ResumeStats peerStats = new ResumeStats();
        PeerServer server = new PeerServer(peerBuffer, peerStats);
        TestFutures.await(vertx.eventBus().<JsonObject>consumer(PeerDirectory.address("peer"),
                m -> vertx.executeBlocking(() -> server.answer(m.body())).onSuccess(m::reply)).completion());
        PeerDirectory directory = new PeerDirectory("local", 60_000, System::currentTimeMillis);
        directory.heard(new JsonObject().put("gateway", "peer").put("replay_oldest_ms", 1));
        PeerClient peers = new PeerClient(vertx, directory, Duration.ofSeconds(10), System::currentTimeMillis);

        Client client = resume(local, peers, 300, local.head());
        assertEquals(keys(300, 1000), client.got, "300..599 from the peer, 600..999 from the local buffer");
        assertEquals(List.of(), client.gaps);
        assertEquals(0, client.floors.get().size(), "nothing beyond the live stream");
        assertEquals(300, server.getClass() == PeerServer.class ? peerStats.toJson().getLong("served_to_peers") : -1);

        Client older = resume(local, peers, 100, local.head());
        assertEquals(List.of(ReplayEnvelopes.LOG_A + " 100..199 expired"), older.gaps, "what neither held, exactly");
        assertEquals(keys(200, 1000), older.got);
    }

    @Test
    void withoutPeersWhatTheBufferLacksIsAGap() {
        ReplayBuffer local = buffer("alone");
        fill(local, 600, 700);
        StreamPosition live = local.head();
        live.raise(LogIds.of(ReplayEnvelopes.LOG_B), 50); // a log the buffer never held: nothing to say about it
        Client client = resume(local, null, 550, live);
        assertEquals(List.of(ReplayEnvelopes.LOG_A + " 550..599 expired"), client.gaps);
        assertEquals(keys(600, 700), client.got);
        StreamPosition floors = client.floors.get();
        assertNotNull(floors);
    }
}
