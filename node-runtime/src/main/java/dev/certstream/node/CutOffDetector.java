package dev.certstream.node;

import java.util.function.IntSupplier;

/**
 * Notices that this member is cut off from its cluster: alone after having had peers (it was frozen, or
 * partitioned, and the others removed it). A member alone from the start (the first to come up, or a
 * one-node deployment) is not cut off. Watchers stop following logs and brokers stop answering while it
 * holds; both ask it on their own ticks, from one thread.
 */
public final class CutOffDetector {

    private final IntSupplier members;
    private boolean sawPeers;
    private volatile boolean cutOff;
    private volatile long cutOffs;

    /** @param members how many members the cluster has now, as this member sees it (itself included) */
    public CutOffDetector(IntSupplier members) {
        this.members = members;
    }

    /** Reads the member count now; returns true while this member is cut off. */
    public boolean check() {
        int now = members.getAsInt();
        if (now > 1) {
            sawPeers = true;
            cutOff = false;
        } else if (sawPeers && !cutOff) {
            cutOff = true;
            cutOffs++;
        }
        return cutOff;
    }

    /** The outcome of the latest {@link #check()}, from any thread. */
    public boolean cutOff() {
        return cutOff;
    }

    /** How many times this member found itself cut off since it started. */
    public long cutOffs() {
        return cutOffs;
    }
}
