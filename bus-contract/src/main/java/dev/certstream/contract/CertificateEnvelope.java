package dev.certstream.contract;

import dev.certstream.render.Renderings;
import dev.certstream.render.ct.DecodedEntry;
import dev.certstream.render.ct.EntryType;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.internal.buffer.BufferInternal;

import java.util.Objects;

/**
 * One certificate as it travels on {@link BusAddresses#CERTIFICATES}: a small header and the three
 * renderings as ready bytes, so that no receiver parses or serialises a certificate again.
 *
 * @param logUrl     the log's URL as the log list gives it (RFC 6962 {@code url} or tiled {@code monitoring_url})
 * @param index      the entry's index in its log
 * @param entryType  X509 or precertificate entry
 * @param seenMicros when the watcher processed the entry, in microseconds since the epoch
 * @param facts      what subscriptions select on (domains, issuer, operator, hashes)
 * @param full       the {@code certificate_update} message of {@code /full-stream}, UTF-8 JSON
 * @param lite       the {@code certificate_update} message of {@code /}, UTF-8 JSON
 * @param domains    the {@code dns_entries} message of {@code /domains-only}, UTF-8 JSON
 */
public record CertificateEnvelope(String logUrl, long index, EntryType entryType, long seenMicros,
                                  EntryFacts facts, Buffer full, Buffer lite, Buffer domains) {

    public CertificateEnvelope {
        Objects.requireNonNull(logUrl, "logUrl");
        Objects.requireNonNull(entryType, "entryType");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(full, "full");
        Objects.requireNonNull(lite, "lite");
        Objects.requireNonNull(domains, "domains");
    }

    /** An envelope without facts, for tools and tests that only need the renderings. */
    public CertificateEnvelope(String logUrl, long index, EntryType entryType, long seenMicros,
                               Buffer full, Buffer lite, Buffer domains) {
        this(logUrl, index, entryType, seenMicros, EntryFacts.NONE, full, lite, domains);
    }

    /**
     * The envelope of one rendered entry, with the facts subscriptions select on. The three messages are
     * slices of one Buffer over {@code renderings.bytes()}: nothing is copied ({@code Buffer.buffer(byte[])}
     * would copy), so the renderings must not be changed afterwards.
     *
     * @param logUrl      the log's URL as the log list gives it
     * @param logOperator the log's operator
     * @param entry       the decoded entry (index, timestamp, type)
     * @param seenMicros  when the entry was rendered, microseconds since the epoch
     */
    public static CertificateEnvelope of(String logUrl, String logOperator, DecodedEntry entry, long seenMicros,
                                         Renderings renderings) {
        EntryFacts facts = new EntryFacts(logOperator, entry.timestampMs(), renderings.allDomains(),
                renderings.issuerOrganization(), renderings.issuerCommonName(), renderings.leafSha256(),
                renderings.issuanceId());
        Buffer all = BufferInternal.buffer(Unpooled.wrappedBuffer(renderings.bytes()));
        return new CertificateEnvelope(logUrl, entry.index(), entry.type(), seenMicros, facts,
                all.slice(0, renderings.liteFrom()), all.slice(renderings.liteFrom(), renderings.domainsFrom()),
                all.slice(renderings.domainsFrom(), renderings.bytes().length));
    }

    /**
     * The bytes that a reference to any one rendering keeps alive: the three are slices of one array (the
     * rendered messages here, the bus message they arrived in on another JVM, whose header of a few hundred
     * bytes is left out), so a queued lite message holds the full and dns_entries ones too. What per-socket
     * queues and the watcher's fetch budget count.
     */
    public int retainedBytes() {
        return full.length() + lite.length() + domains.length();
    }

    /** The rendering that clients of the given stream receive. */
    public Buffer rendering(StreamKind kind) {
        return switch (kind) {
            case FULL -> full;
            case LITE -> lite;
            case DOMAINS -> domains;
        };
    }

    /**
     * Makes envelopes travel on this event bus with {@link CertificateEnvelopeCodec}. Every verticle that
     * sends or receives envelopes calls it in {@code start()}; calls after the first are no-ops, so the
     * verticles can be deployed together (one JVM) or alone (one role per JVM).
     */
    public static void registerCodec(EventBus eventBus) {
        synchronized (CertificateEnvelope.class) {
            try {
                eventBus.registerDefaultCodec(CertificateEnvelope.class, new CertificateEnvelopeCodec());
            } catch (IllegalStateException alreadyRegistered) {
                // Another verticle of this Vert.x instance registered it first.
            }
        }
    }
}
