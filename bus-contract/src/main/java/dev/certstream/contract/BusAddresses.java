package dev.certstream.contract;

/** The event-bus addresses of the system, each with who sends, who listens, the pattern and the body. */
public final class BusAddresses {

    /**
     * Every certificate, once: watchers <em>publish</em> one {@link CertificateEnvelope} per log entry;
     * brokers and gateways consume. Per log, indices arrive in increasing order from one watcher at a
     * time; receivers drop an index they have already passed (the node runtime's {@code DuplicateFilter}).
     */
    public static final String CERTIFICATES = "certstream.certificates";

    /**
     * Per-log state: watchers <em>publish</em> a {@link LogStatus} JSON object for each log they follow,
     * every few seconds; brokers consume it for {@code /stats}.
     */
    public static final String LOG_STATUS = "certstream.logs.status";

    /**
     * Request/reply to a broker: empty body; the reply is a Buffer holding the {@code /latest.json} body
     * ({@code {"messages": [...]}}, lite messages, newest first).
     */
    public static final String BROKER_LATEST = "certstream.broker.latest";

    /**
     * Request/reply to a broker: the body is a {@link StreamKind} name; the reply is a Buffer holding the
     * newest message of that stream, or a failure with {@link BrokerReplies#NO_CERTIFICATE_YET} before any
     * certificate was seen.
     */
    public static final String BROKER_EXAMPLE = "certstream.broker.example";

    /**
     * Request/reply to a broker: empty body; the reply is a JSON object with {@code processed_certificates},
     * the per-type counts and the per-log map of {@code /stats}. With the body {@link #STATS_AS_FLOOR} a
     * replica that is not current answers too.
     */
    public static final String BROKER_STATS = "certstream.broker.stats";

    /**
     * The {@link #BROKER_STATS} body of a caller that reads the per-log {@code last_index} as a floor (a
     * watcher resuming a log whose progress is gone): what any replica counted was published, so a stale
     * replica's older figures cost only re-published duplicates, and refusing would cost a gap.
     */
    public static final String STATS_AS_FLOOR = "floor";

    /**
     * Request/reply to a broker: empty body; the reply is the broker's whole state as JSON (counts, ring,
     * per-log table, duplicate marks), which a broker replica starting next to a live one restores from.
     */
    public static final String BROKER_SNAPSHOT = "certstream.broker.snapshot";

    /**
     * Per-gateway figures: every gateway <em>publishes</em> {@code {"gateway": id, "current_users": n,
     * "dropped_messages": n, "replay_oldest_ms": t}} every few seconds and when it starts; brokers consume it so
     * {@code /stats} can say how many gateways and clients the whole deployment has, and gateways consume it to
     * know their peers (a gateway hearing a new one publishes its own at once, so a starting gateway knows
     * the others within milliseconds).
     */
    public static final String GATEWAY_STATUS = "certstream.gateways.status";

    /**
     * Request/reply to one gateway, the address followed by its id (from {@link #GATEWAY_STATUS}): the body is
     * a JSON object {@code {"ranges": [{"log", "from", "to"}], "filter": canonical query, "stream": kind name,
     * "max_entries", "max_bytes"}}; the reply is a Buffer: a 4-byte header length, a JSON header {@code {"next":
     * {log: index}, "held_from": {log: index}}}, then the entries of those ranges its replay buffer holds that
     * the filter selects, each a 4-byte length and a {@link CertificateEnvelope} in its codec's form with only
     * the asked stream's rendering. A gateway asks a peer for what its own buffer lacks (it started recently,
     * or was cut off); per-gateway addresses so that a gateway never asks itself.
     */
    public static final String GATEWAY_REPLAY_PREFIX = "certstream.gateway.replay.";

    private BusAddresses() {
    }
}
