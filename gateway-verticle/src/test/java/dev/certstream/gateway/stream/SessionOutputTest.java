package dev.certstream.gateway.stream;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.StreamKind;
import dev.certstream.render.ct.EntryType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A client's write side tells what it lost before anything written after it: certificates its queue dropped
 * and certificates the gateway shed, as one range per log with their count, and counts them as drops.
 */
class SessionOutputTest {

    private static final String LOG = "https://log.example/";

    /** A transport that takes every write while {@code full} is false, and records them. */
    private static final class Recording implements ClientTransport {
        final List<String> written = new ArrayList<>();
        boolean full;

        @Override public void bind(ClientSession session, Runnable onClosed) { }
        @Override public Buffer pick(Outgoing message, StreamKind kind) { return message.webSocket(kind); }
        @Override public Buffer frame(Buffer json, String id) { return json; }
        @Override public boolean eventStream() { return false; }
        @Override public void write(Buffer bytes) { written.add(bytes.toString()); }
        @Override public boolean writeQueueFull() { return full; }
        @Override public boolean pingOrProbe() { return true; }
        @Override public void close(short code, String reason) { }
        @Override public String route() { return "/"; }
        @Override public String name() { return "test"; }
        @Override public String remote() { return "127.0.0.1"; }
    }

    private static final StreamMeters METERS = new StreamMeters() {
        @Override public void dropped(StreamKind kind, int count) { }
        @Override public void pongTimeout() { }
        @Override public void filteredSent(StreamKind kind, long count) { }
        @Override public void gap(String reason, long entries, boolean told) { }
        @Override public void repeatsLeftOut(long count) { }
    };

    private static CertificateEnvelope certificate(long index) {
        Buffer json = Buffer.buffer("{\"message_type\":\"certificate_update\",\"i\":" + index + "}");
        return new CertificateEnvelope(LOG, index, EntryType.X509, 0, json, json, json);
    }

    private static SessionOutput output(Recording transport, int queueMessages) {
        return new SessionOutput(transport, StreamKind.LITE, new OutboundQueue(queueMessages, 1 << 20),
                new ClientRegistry(10), METERS, true);
    }

    @Test
    void shedCertificatesAreToldAsOneRangeBeforeTheNextMessage() {
        Recording transport = new Recording();
        SessionOutput output = output(transport, 10);
        output.lost(certificate(5), true);
        output.lost(certificate(6), true);
        output.lost(certificate(7), false);
        output.write(certificate(8).lite(), certificate(8));
        assertEquals(2, transport.written.size(), transport.written.toString());
        JsonObject gap = new JsonObject(transport.written.get(0));
        assertEquals("gap", gap.getString("message_type"));
        assertEquals(new JsonObject().put("log", LOG).put("from", 5).put("to", 6).put("reason", "dropped").put("messages", 2),
                gap.getJsonObject("data"));
        assertEquals(certificate(8).lite().toString(), transport.written.get(1));
        assertEquals(3, output.dropped(), "every lost certificate counts as a drop, told or not");
    }

    @Test
    void queueDropsAreToldExactlyBeforeWhatFollowsThem() {
        Recording transport = new Recording();
        SessionOutput output = output(transport, 3);
        transport.full = true;
        for (long i = 1; i <= 7; i++) {
            output.write(certificate(i).lite(), certificate(i));
        }
        assertEquals(4, output.dropped());
        transport.full = false;
        output.flush();
        assertEquals(4, transport.written.size(), transport.written.toString());
        assertEquals(new JsonObject().put("log", LOG).put("from", 1).put("to", 4).put("reason", "dropped").put("messages", 4),
                new JsonObject(transport.written.get(0)).getJsonObject("data"));
        for (int i = 1; i <= 3; i++) {
            assertEquals(certificate(4 + i).lite().toString(), transport.written.get(i));
        }
        assertEquals(0, output.queuedBytes());
    }
}
