package dev.certstream.gateway.stream;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.StreamKind;
import dev.certstream.gateway.filter.FilterSpec;
import dev.certstream.gateway.resume.LogIds;
import dev.certstream.gateway.resume.ReplayTarget;
import dev.certstream.gateway.resume.StreamPosition;
import dev.certstream.gateway.unique.ClaimKeys;
import dev.certstream.gateway.unique.ClaimStore;
import dev.certstream.gateway.unique.UniqueMode;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;

/** A resuming client as its replay sees it: its session, its uniqueness claims, and the live stream it joins. */
final class SessionReplay implements ReplayTarget {

    private final ClientSession session;
    private final StreamHub hub;
    private final ClaimStore claims;
    private final UniqueMode mode;
    private final long scope;

    SessionReplay(ClientSession session, StreamHub hub, ClaimStore claims) {
        this.session = session;
        this.hub = hub;
        this.claims = claims;
        this.mode = session.subscription().resume().unique();
        this.scope = ClaimKeys.scope(session.subscription().spec(), mode);
    }

    @Override
    public StreamKind kind() {
        return session.kind();
    }

    @Override
    public FilterSpec spec() {
        return session.subscription().spec();
    }

    @Override
    public Future<boolean[]> firsts(List<CertificateEnvelope> entries) {
        boolean[] firsts = new boolean[entries.size()];
        if (mode == UniqueMode.NONE) {
            java.util.Arrays.fill(firsts, true);
            return Future.succeededFuture(firsts);
        }
        List<Future<Boolean>> decisions = new ArrayList<>(entries.size());
        for (CertificateEnvelope envelope : entries) {
            long key = ClaimKeys.key(mode, scope, envelope.facts());
            decisions.add(key == ClaimKeys.NONE ? Future.succeededFuture(true)
                    : claims.claim(key, ClaimKeys.claimant(LogIds.of(envelope.logUrl()), envelope.index())));
        }
        return Future.all(decisions).map(all -> {
            for (int i = 0; i < firsts.length; i++) {
                firsts[i] = Boolean.TRUE.equals(decisions.get(i).result());
            }
            return firsts;
        });
    }

    @Override
    public void deliver(CertificateEnvelope envelope, StreamPosition after) {
        session.sendReplayed(envelope, after);
    }

    @Override
    public void gap(String logUrl, long from, long to, String reason) {
        session.gap(logUrl, from, to, reason);
    }

    @Override
    public void whenWritable(Runnable next) {
        session.whenWritable(next);
    }

    @Override
    public boolean closed() {
        return session.closing();
    }

    @Override
    public void abort(String reason) {
        session.close((short) 1011, reason);
    }

    @Override
    public StreamPosition livePosition() {
        return hub.sourceOf(session).position();
    }

    @Override
    public void goLive(StreamPosition floors) {
        hub.goLive(session, floors);
    }
}
