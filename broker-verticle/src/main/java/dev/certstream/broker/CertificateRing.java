package dev.certstream.broker;

import dev.certstream.contract.StreamKind;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.EnumMap;
import java.util.Map;

/**
 * The latest N lite messages in a fixed array, plus the newest message of each stream; it only holds
 * references to the envelopes' ready buffers, never copies them. Not thread-safe (one verticle owns it).
 */
public final class CertificateRing {

    private static final Buffer LATEST_OPEN = Buffer.buffer("{\"messages\":[");
    private static final Buffer LATEST_CLOSE = Buffer.buffer("]}");
    private static final Buffer COMMA = Buffer.buffer(",");

    private final Buffer[] lites;
    private final Map<StreamKind, Buffer> newest = new EnumMap<>(StreamKind.class);
    private int next;
    private int size;

    public CertificateRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.lites = new Buffer[capacity];
    }

    /** Remembers one certificate's three renderings. */
    public void add(Buffer full, Buffer lite, Buffer domains) {
        lites[next] = lite;
        next = (next + 1) % lites.length;
        size = Math.min(size + 1, lites.length);
        newest.put(StreamKind.FULL, full);
        newest.put(StreamKind.LITE, lite);
        newest.put(StreamKind.DOMAINS, domains);
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return lites.length;
    }

    /** Bytes of the messages it holds (the ring's lite messages and the newest of each stream). */
    public long bytes() {
        long bytes = 0;
        for (int i = 0; i < size; i++) {
            bytes += at(i).length();
        }
        for (Buffer message : newest.values()) {
            bytes += message.length();
        }
        return bytes;
    }

    /** The newest message of a stream, or null before the first certificate. */
    public Buffer newest(StreamKind kind) {
        return newest.get(kind);
    }

    /** The {@code /latest.json} body, newest first, joined byte by byte without parsing any message. */
    public Buffer latestBody() {
        int length = LATEST_OPEN.length() + LATEST_CLOSE.length() + Math.max(0, size - 1);
        for (int i = 0; i < size; i++) {
            length += at(i).length();
        }
        Buffer body = Buffer.buffer(length).appendBuffer(LATEST_OPEN);
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                body.appendBuffer(COMMA);
            }
            body.appendBuffer(at(i));
        }
        return body.appendBuffer(LATEST_CLOSE);
    }

    /** The i-th newest lite message (0 = newest). */
    private Buffer at(int i) {
        return lites[Math.floorMod(next - 1 - i, lites.length)];
    }

    /** The ring's content as JSON text strings (oldest first), for a state snapshot. */
    public JsonObject snapshot() {
        JsonArray lite = new JsonArray();
        for (int i = size - 1; i >= 0; i--) {
            lite.add(at(i).toString());
        }
        JsonObject json = new JsonObject().put("lite", lite);
        newest.forEach((kind, message) -> json.put("newest_" + kind.name().toLowerCase(), message.toString()));
        return json;
    }

    /** Refills an empty ring from {@link #snapshot()}; a smaller ring keeps the newest entries. */
    public void restore(JsonObject snapshot) {
        JsonArray lite = snapshot.getJsonArray("lite", new JsonArray());
        for (int i = Math.max(0, lite.size() - lites.length); i < lite.size(); i++) {
            lites[next] = Buffer.buffer(lite.getString(i));
            next = (next + 1) % lites.length;
            size = Math.min(size + 1, lites.length);
        }
        for (StreamKind kind : StreamKind.values()) {
            String message = snapshot.getString("newest_" + kind.name().toLowerCase());
            if (message != null) {
                newest.put(kind, Buffer.buffer(message));
            }
        }
    }
}
