package dev.certstream.gateway.resume;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.StreamKind;
import dev.certstream.gateway.filter.FilterSpec;
import io.vertx.core.Future;

import java.util.List;

/** The resuming client as a {@link ReplayDriver} sees it: what it wants, where it goes, and its live stream. */
public interface ReplayTarget {

    StreamKind kind();

    /** The client's filter (the empty filter for the whole stream). */
    FilterSpec spec();

    /** Which of these entries its {@code unique=} lets through, in order (all of them when it asked none). */
    Future<boolean[]> firsts(List<CertificateEnvelope> entries);

    /** One replayed certificate; {@code after} is the client's position once it is passed. */
    void deliver(CertificateEnvelope envelope, StreamPosition after);

    /** A range of a log the client will not get from this stream. */
    void gap(String logUrl, long from, long to, String reason);

    /** Runs {@code next} once what was delivered went to the connection. */
    void whenWritable(Runnable next);

    boolean closed();

    /** The replay cannot go on (its reads are refused: the gateway is stopping): the client is closed, to resume elsewhere. */
    void abort(String reason);

    /** The position of the live stream the client joins once the replay caught up with it. */
    StreamPosition livePosition();

    /** Joins the live stream, skipping live certificates below {@code floors} (the replay gave them). */
    void goLive(StreamPosition floors);
}
