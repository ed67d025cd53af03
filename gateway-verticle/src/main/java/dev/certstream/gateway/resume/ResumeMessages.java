package dev.certstream.gateway.resume;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * The two message types of Subscriptions II, sent only to clients that asked: {@code cursor} (the position to
 * resume from) and {@code gap} (a log's index range whose matching certificates this stream did not deliver;
 * they can be fetched from the log through {@code cert_link}).
 */
public final class ResumeMessages {

    /** The client's queue was full and these messages were dropped. */
    public static final String DROPPED = "dropped";
    /** The range is older than what this gateway, and the peer it asked, still hold. */
    public static final String EXPIRED = "expired";

    private ResumeMessages() {
    }

    /**
     * A certificate message (certificate_update or dns_entries) with the cursor of the position just after it as
     * an added top-level field {@code "cursor"}, for clients that asked for cursors: the last message a client
     * got then says exactly where it is, so a resume repeats nothing.
     */
    public static Buffer withCursor(Buffer message, String cursor) {
        int end = message.length() - 1;
        if (end < 1 || message.getByte(end) != '}') {
            return message;
        }
        byte[] field = (",\"cursor\":\"" + cursor + "\"}").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return Buffer.buffer(end + field.length).appendBuffer(message, 0, end).appendBytes(field);
    }

    public static Buffer cursor(String cursor) {
        return Buffer.buffer("{\"message_type\":\"cursor\",\"cursor\":\"" + cursor + "\"}");
    }

    /**
     * @param messages how many messages of the range were not delivered, or -1 when unknown (an expired range:
     *                 the gateway no longer knows what it held)
     */
    public static Buffer gap(String logUrl, long from, long to, String reason, long messages) {
        JsonObject data = new JsonObject().put("log", logUrl).put("from", from).put("to", to).put("reason", reason);
        if (messages >= 0) {
            data.put("messages", messages);
        }
        return new JsonObject().put("message_type", "gap").put("data", data).toBuffer();
    }
}
