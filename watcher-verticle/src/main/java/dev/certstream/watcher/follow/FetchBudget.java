package dev.certstream.watcher.follow;

import dev.certstream.node.HeapGuard;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The bytes every follower of this watcher may hold between fetching and publishing, together: a request
 * takes its page's estimated size before it goes out, the rendered batch then holds its real size until it
 * is published. Requests per log times page size times logs would otherwise outgrow the heap while
 * catching up. A follower that finds no room waits (first come, first served) rather than fails, except
 * for the request a log's held batches wait on (the lowest one it lacks), which always goes, so batches
 * held out of order can never wait on each other. Used on the watcher's event loop only; the figures are
 * read from anywhere.
 */
public final class FetchBudget {

    private final long limit;
    private final BooleanSupplier heapFull;
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong waits = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private final List<Runnable> waiting = new ArrayList<>();
    private boolean waking;
    private boolean givenWhileWaking;

    /** A budget of {@code limitBytes} that also shrinks to one page while the {@link HeapGuard} sheds load. */
    public FetchBudget(long limitBytes) {
        this(limitBytes, HeapGuard::shedding);
    }

    /** @param heapFull whether the heap is too full to take on more pages now (checked on every take) */
    FetchBudget(long limitBytes, BooleanSupplier heapFull) {
        if (limitBytes <= 0) {
            throw new IllegalArgumentException("limitBytes must be positive: " + limitBytes);
        }
        this.limit = limitBytes;
        this.heapFull = heapFull;
    }

    /**
     * Takes {@code bytes} when they fit; when nothing is held, a page larger than the whole budget fits
     * too (else it could never be read). {@code force} takes them regardless (see the class comment).
     * While the heap is too full, nothing fits beside what is held: the logs keep their entries, so
     * fetching one page at a time loses nothing, while what is held is published and freed.
     */
    boolean tryTake(long bytes, boolean force) {
        long now = used.get();
        if (!force && now > 0 && (now + bytes > limit || heapFull.getAsBoolean())) {
            return false;
        }
        peak.accumulateAndGet(used.addAndGet(bytes), Math::max);
        return true;
    }

    /** Takes bytes already held elsewhere (a batch turned out larger than its estimate). */
    void take(long bytes) {
        peak.accumulateAndGet(used.addAndGet(bytes), Math::max);
    }

    /** Gives bytes back and lets the waiting followers try again. */
    void give(long bytes) {
        used.addAndGet(-bytes);
        if (waking) {
            givenWhileWaking = true;
            return;
        }
        waking = true;
        try {
            // Each retries (and may wait again); all of them, since a small page may fit where a large did not.
            // Bytes a retry gives back (a request it no longer needs) wake the others once more.
            do {
                givenWhileWaking = false;
                if (waiting.isEmpty() || used.get() >= limit) {
                    break;
                }
                List<Runnable> ready = new ArrayList<>(waiting);
                waiting.clear();
                ready.forEach(Runnable::run);
            } while (givenWhileWaking);
        } finally {
            waking = false;
        }
    }

    /** Runs {@code retry} when bytes are given back. */
    void whenRoom(Runnable retry) {
        waits.incrementAndGet();
        waiting.add(retry);
    }

    /** Bytes held now. */
    public long used() {
        return used.get();
    }

    /** The most bytes held at once so far. */
    public long peak() {
        return peak.get();
    }

    public long limit() {
        return limit;
    }

    /** Times a follower had to wait for room. */
    public long waits() {
        return waits.get();
    }
}
